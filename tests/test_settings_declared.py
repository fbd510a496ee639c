"""Every setting the product reads is declared, with its comment, in config/settings/base.py:
a newcomer finds each knob in one place, and none hides behind a `getattr` default."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import global_settings

import config.settings.base as base

REPO_ROOT = Path(__file__).resolve().parent.parent
# Every top-level package but the development tools and the tests, so a new app counts too.
PRODUCT = sorted(
    path.parent.name for path in REPO_ROOT.glob("*/__init__.py")
    if path.parent.name not in {"devtools", "tests"}
)
READ = re.compile(r"\bsettings\.([A-Z][A-Z0-9_]+)\b")
READ_WITH_DEFAULT = re.compile(r"getattr\(\s*settings\s*,")


def product_sources() -> list[Path]:
    return [
        path
        for package in PRODUCT
        for path in (REPO_ROOT / package).rglob("*.py")
        if "settings" not in path.relative_to(REPO_ROOT).parts[1:2]
        and "migrations" not in path.parts
    ]


def test_every_setting_the_product_reads_is_declared():
    sources = product_sources()
    assert len(sources) > 20
    read = {name for path in sources for name in READ.findall(path.read_text(encoding="utf-8"))}
    assert {"MINUTES_OCR", "FACET_COUNT_LIMIT", "SEARCH_RANK_LIMIT"} <= read

    undeclared = {name for name in read
                  if not hasattr(base, name) and not hasattr(global_settings, name)}

    assert undeclared == set()


def test_no_setting_is_read_with_a_default_of_its_own():
    found = [f"{path.relative_to(REPO_ROOT)}" for path in product_sources()
             if READ_WITH_DEFAULT.search(path.read_text(encoding="utf-8"))]

    assert found == []
