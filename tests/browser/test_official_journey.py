"""An official signs in through the form, searches, and cannot reach upload or the admin.
The sign-in page passes axe-core's WCAG 2.1 A/AA checks, also when it shows an error."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from config.roles import OFFICIALS
from tests.browser.conftest import committed
from tests.browser.helpers import axe_violations
from tests.config.users import user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

SIGN_IN = "/konto/logga-in/"
USERNAME = "karin.official"
PASSWORD = "rätt-häst-batteri-häftklammer"


@pytest.fixture
def official_account(archive, django_db_blocker) -> Iterator[str]:
    """An official with a password, committed for the live server; removed afterwards."""
    with django_db_blocker.unblock():
        committed(lambda: user_with_role(OFFICIALS, username=USERNAME, password=PASSWORD))
    yield USERNAME

    def remove() -> None:
        AccessAttempt.objects.filter(username=USERNAME).delete()
        AccessLog.objects.filter(username=USERNAME).delete()
        get_user_model().objects.filter(username=USERNAME).delete()

    with django_db_blocker.unblock():
        committed(remove)


def sign_in(page: Page, username: str, password: str) -> None:
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()


def test_official_signs_in_searches_and_cannot_reach_upload_or_admin(
    anonymous_page, official_account
):
    page = anonymous_page
    page.goto("/")
    page.wait_for_url(re.compile(r"/konto/logga-in/\?next=/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Logga in")

    page.get_by_label("Användarnamn").type(official_account)
    page.get_by_label("Lösenord").type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/$"))
    expect(page.get_by_text(f"Inloggad som {official_account}")).to_be_visible()

    page.get_by_label("Sökord").fill("tvärförbindelsen")
    page.get_by_role("button", name="Sök", exact=True).click()
    page.wait_for_url(re.compile(r"/search/\?q="))
    expect(page.locator("#results-heading")).to_contain_text("hittades")
    expect(page.locator(".search-result mark").first).to_be_visible()

    menu = page.get_by_role("navigation", name="Huvudmeny")
    expect(menu.get_by_role("link", name="Sök", exact=True)).to_be_visible()
    for forbidden in ("Ladda upp", "Importer", "Administration"):
        expect(page.get_by_role("link", name=forbidden)).to_have_count(0)

    for path in ("/upload/", "/admin/"):
        response = page.goto(path)
        assert response is not None and response.status == 403, path
        expect(page.get_by_role("heading", level=1)).to_have_text("Åtkomst nekad")
        assert page.url.endswith(path), "refused with a redirect instead of 403"

    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url(re.compile(r"/konto/logga-in/$"))
    expect(page.get_by_text("Du är utloggad.")).to_be_visible()
    page.goto("/search/")
    assert page.url.endswith("/konto/logga-in/?next=/search/"), "still signed in"


def test_sign_in_page_passes_wcag_21_aa_checks_also_with_an_error(
    anonymous_page, official_account
):
    page = anonymous_page
    response = page.goto(SIGN_IN)
    assert response is not None and response.ok
    assert page.locator("html").get_attribute("lang") == "sv"
    assert axe_violations(page) == []

    sign_in(page, official_account, "fel lösenord")

    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Du kunde inte loggas in")
    assert page.title().startswith("Fel: ")
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)
