"""The directories in Chromium: each list and a body's page are axe clean and do not scroll
sideways at 320 px, and a name typed without its accents finds the person."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.helpers import axe_violations, page_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

NARROW = {"width": 320, "height": 640}
PAGES = ["/personer/", "/personer/?namn=Soderstrom", "/personer/?namn=" + "x" * 300,
         "/organisationer/", "/organ/", "body"]


@pytest.mark.parametrize("path", PAGES)
def test_directory_page_passes_wcag_21_aa_checks(page, archive, path):
    url = reverse("municipalities:body-detail", args=[archive["000"].body_id]) if (
        path == "body") else path
    response = page.goto(url)

    assert response is not None and response.ok, url
    assert page.locator("h1").count() == 1
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)
    page.set_viewport_size(NARROW)
    assert page_overflow(page) == 0, f"{url} scrolls sideways at 320 px"


def test_a_name_typed_without_accents_finds_the_person(page, archive):
    page.goto("/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Personer").click()
    page.get_by_label("Namn").fill("soderstrom")
    page.get_by_role("button", name="Filtrera").click()

    expect(page.get_by_role("link", name="Anna Söderström")).to_be_visible()
    page.get_by_role("link", name="Anna Söderström").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anna Söderström")
    page.get_by_role("link", name="Ledningsgruppen").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ledningsgruppen")
    expect(page.get_by_role("link", name="Anna Söderström")).to_be_visible()
