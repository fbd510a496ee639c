"""The product stays apart from the development tools: no product module imports `devtools`
or a package only requirements-dev.txt installs, and production does not install devtools."""

from __future__ import annotations

import ast
import re
from importlib.metadata import packages_distributions
from pathlib import Path

from django.core.management.utils import get_random_secret_key

REPO_ROOT = Path(__file__).resolve().parent.parent
DEV_TOOLS = "devtools"
DEV_COMMANDS = ("bench", "generate_minutes", "search_eval", "search_timing")
# Settings that install devtools, and so may name it; every other module of config/ is product.
DEV_SETTINGS = {"config/settings/dev.py", "config/settings/test.py", "config/settings/bench.py"}


def _product_packages() -> list[Path]:
    """Every top-level package but the tools and the tests, so a new app is checked too."""
    return sorted(
        path.parent for path in REPO_ROOT.glob("*/__init__.py")
        if path.parent.name not in {DEV_TOOLS, "tests"}
    )


def _product_modules() -> list[Path]:
    modules = []
    for package in _product_packages():
        for path in sorted(package.rglob("*.py")):
            if path.relative_to(REPO_ROOT).as_posix() not in DEV_SETTINGS:
                modules.append(path)
    return modules


def _requirement_names(filename: str) -> set[str]:
    names = set()
    for line in (REPO_ROOT / filename).read_text(encoding="utf-8").splitlines():
        match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", line.split("#", 1)[0])
        if match:
            names.add(_canonical(match.group(1)))
    return names


def _canonical(distribution: str) -> str:
    return re.sub(r"[-_.]+", "-", distribution).lower()


def _dev_only_modules() -> dict[str, str]:
    """Top-level module names that only requirements-dev.txt's distributions provide."""
    dev_only = _requirement_names("requirements-dev.txt") - _requirement_names("requirements.txt")
    return {
        module: ", ".join(distributions)
        for module, distributions in packages_distributions().items()
        if {_canonical(d) for d in distributions} & dev_only
    }


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, top-level module) of each absolute import in `path`, wherever it stands."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name.split(".")[0]) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module.split(".")[0]))
    return found


def test_product_packages_are_found():
    names = {package.name for package in _product_packages()}

    assert {"config", "minutes", "municipalities", "decisions", "parsing"} <= names
    assert DEV_TOOLS not in names


def test_dev_only_packages_are_known():
    # Installed by `make test`: were this empty, the next test would check nothing.
    dev_only = _dev_only_modules()

    assert {"wordfreq", "reportlab", "hypothesis", "pytest"} <= set(dev_only)
    assert "django" not in dev_only


def test_product_code_imports_no_devtools_and_no_dev_only_package():
    modules = _product_modules()
    dev_only = _dev_only_modules()
    assert modules and dev_only

    wrong = [
        f"{path.relative_to(REPO_ROOT)}:{line} imports {name}"
        + (f" (requirements-dev.txt: {dev_only[name]})" if name in dev_only else "")
        for path in modules
        for line, name in _imports(path)
        if name == DEV_TOOLS or name in dev_only
    ]

    assert wrong == [], "\n".join(wrong)


def test_production_settings_do_not_install_devtools(run_manage):
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DJANGO_SECRET_KEY": get_random_secret_key(),
        "DJANGO_ALLOWED_HOSTS": "example.org",
    }

    apps = run_manage(
        "shell", "-c", "from django.conf import settings; print(*settings.INSTALLED_APPS)",
        env=env,
    )
    commands = run_manage("help", "--commands", env=env)

    assert apps.returncode == 0, apps.stderr
    assert "minutes" in apps.stdout.split()
    assert not any(app.startswith(DEV_TOOLS) for app in apps.stdout.split())
    assert commands.returncode == 0, commands.stderr
    assert "ingest" in commands.stdout.split()
    assert not set(DEV_COMMANDS) & set(commands.stdout.split())


def test_dev_settings_offer_the_dev_commands(run_manage):
    result = run_manage("help", "--commands", env={"DJANGO_SETTINGS_MODULE": "config.settings.dev"})

    assert result.returncode == 0, result.stderr
    assert set(DEV_COMMANDS) <= set(result.stdout.split())
