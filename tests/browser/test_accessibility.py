"""axe-core, run in Chromium on every kind of page, finds no WCAG 2.1 A/AA violation."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.browser.helpers import axe_violations, page_overflow

# The live server reads the seeds the package's `archive` fixture committed (conftest.py).
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

NARROW = {"width": 320, "height": 640}

# One line per page: a name from the archive_urls fixture (conftest.py), which knows the seeded
# meeting, person and organisation, or a path as is. Add the search pages (with results and
# with none, e.g. "/search/?q=tvärförbindelse") and the decision register here as they land.
PAGES = [
    "home",
    "meetings",
    "meeting",
    "person",
    "organization",
    "/decisions/",
    "/decisions/?date_from=2019-13-45&body=9999",
    "/search/",
    "/search/?q=tv%C3%A4rf%C3%B6rbindelsen",
    "/search/?q=zzyzxq",
    "/search/?q=%22unbalanced&year=abc",
    "/konto/logga-in/",
]


@pytest.mark.parametrize("name", PAGES)
def test_page_passes_wcag_21_aa_checks(page, archive_urls, name):
    """Swedish, one main landmark and one h1, no axe violation, no sideways scroll at 320 px."""
    url = archive_urls.get(name, name)
    assert url.startswith("/"), f"{name} is neither a page name nor a path"
    response = page.goto(url)
    assert response is not None and response.ok, url
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator("main").count() == 1
    assert page.locator("h1").count() == 1

    violations = axe_violations(page)

    assert violations == [], "\n".join(violations)
    screenshots = os.environ.get("BROWSER_SCREENSHOTS")
    if screenshots:  # a folder outside the repository, to look at the pages as a reader would
        file_name = re.sub(r"[^\w-]+", "_", name).strip("_") or "root"
        page.screenshot(path=Path(screenshots) / f"{file_name}.png", full_page=True)
    # Reflow (WCAG 1.4.10): at 320 CSS pixels the page itself never scrolls sideways.
    page.set_viewport_size(NARROW)
    assert page_overflow(page) == 0, f"{name} scrolls sideways at {NARROW['width']} px"


def test_axe_reports_what_it_finds(blank_page):
    """The check above is not vacuous: a field without a label and an image without alt fail."""
    blank_page.set_content(
        '<!DOCTYPE html><html lang="sv"><head><title>Prov</title></head><body><main>'
        '<h1>Prov</h1><img src="data:,"><input type="text"></main></body></html>'
    )

    violations = axe_violations(blank_page)

    rules = {line.split(" ", 1)[0] for line in violations}
    assert {"image-alt", "label"} <= rules, violations
