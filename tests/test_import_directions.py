"""The apps depend one way: municipalities <- minutes <- decisions <- search, the parser under
all, config (settings, roles, access, admin site) beside them, the development tools apart.

Read from the source with `ast`, so the check sees every import, also those inside
functions, and fails on the first new one that goes the wrong way.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent

# What each package of ours may import of the others. A package that is not listed here
# fails the test until it is given its place.
MAY_IMPORT: dict[str, set[str]] = {
    "parsing": set(),
    "municipalities": {"parsing"},
    "config": set(),
    "minutes": {"parsing", "config", "municipalities"},
    "decisions": {"parsing", "config", "municipalities", "minutes"},
    "search": {"parsing", "config", "municipalities", "minutes", "decisions"},
    "devtools": {"parsing", "config", "municipalities", "minutes", "decisions", "search"},
}
# The composition root: the URLs put every app's pages together.
CONFIG_URLS = "config/urls.py"
# The parser's surface: what `parsing/__init__.py` and `parsing/isolation/__init__.py` export.
PARSER_SURFACE = {"parsing", "parsing.isolation"}


def _packages() -> list[str]:
    return sorted(
        path.parent.name for path in REPO_ROOT.glob("*/__init__.py")
        if path.parent.name != "tests"
    )


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) for each import in the file, relative imports made absolute."""
    module = ".".join(path.relative_to(REPO_ROOT).with_suffix("").parts)
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")[: -node.level]
                target = ".".join(base + ([node.module] if node.module else []))
                found.append((node.lineno, target))
            elif node.module:
                found.append((node.lineno, node.module))
    return found


def _source_files(package: str) -> list[Path]:
    return sorted(
        path for path in (REPO_ROOT / package).rglob("*.py")
        # Migrations name other apps' migrations on purpose, and are history.
        if "migrations" not in path.relative_to(REPO_ROOT).parts
    )


def _wrong_way(package: str, path: Path) -> list[str]:
    ours = set(MAY_IMPORT)
    rel = path.relative_to(REPO_ROOT).as_posix()
    allowed = ours if rel == CONFIG_URLS else MAY_IMPORT[package]
    problems = []
    for line, target in _imports(path):
        top = target.split(".")[0]
        if package == "parsing" and top == "django":
            problems.append(f"{rel}:{line} imports Django ({target}): the parser is pure Python")
        elif top in ours and top != package and top not in allowed:
            problems.append(f"{rel}:{line} imports {target}: {package} may not import {top}")
        elif (top == "parsing" and package not in ("parsing", "devtools")
              and target not in PARSER_SURFACE):
            problems.append(f"{rel}:{line} imports {target}: use what `parsing` exports")
    return problems


def test_every_package_has_a_place_in_the_directions():
    assert set(_packages()) == set(MAY_IMPORT), (
        "A package was added or removed: give it its place in MAY_IMPORT"
    )


@pytest.mark.parametrize("package", sorted(MAY_IMPORT))
def test_package_imports_only_what_lies_below_it(package):
    problems = [
        problem for path in _source_files(package) for problem in _wrong_way(package, path)
    ]
    assert not problems, "\n".join(problems)


def test_the_check_catches_an_import_the_wrong_way(tmp_path, monkeypatch):
    # The check itself: a municipalities module importing minutes, a parser module importing
    # Django, and an app reaching into the parser's insides are all reported.
    monkeypatch.setattr(f"{__name__}.REPO_ROOT", tmp_path)
    (tmp_path / "municipalities").mkdir()
    (tmp_path / "parsing").mkdir()
    (tmp_path / "minutes").mkdir()
    bad_app = tmp_path / "municipalities" / "bad.py"
    bad_app.write_text("from minutes.models import Meeting\n", encoding="utf-8")
    bad_parser = tmp_path / "parsing" / "bad.py"
    bad_parser.write_text("def f():\n    from django.conf import settings\n", encoding="utf-8")
    inside = tmp_path / "minutes" / "inside.py"
    inside.write_text("from parsing.normalize import fold_whitespace\n", encoding="utf-8")
    relative = tmp_path / "minutes" / "relative.py"
    relative.write_text("from ..search import views\n", encoding="utf-8")

    assert _wrong_way("municipalities", bad_app) == [
        "municipalities/bad.py:1 imports minutes.models: municipalities may not import minutes"
    ]
    assert _wrong_way("parsing", bad_parser) == [
        "parsing/bad.py:2 imports Django (django.conf): the parser is pure Python"
    ]
    assert _wrong_way("minutes", inside) == [
        "minutes/inside.py:1 imports parsing.normalize: use what `parsing` exports"
    ]
    assert _wrong_way("minutes", relative) == [
        "minutes/relative.py:1 imports search: minutes may not import search"
    ]
