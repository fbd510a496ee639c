"""An official's journey through the archive, on a phone (390 px) and a desktop (1366 px):
find a person by a misspelt name, open their page, follow their body, save a search, receive
the alert after new minutes are archived, read the search's feed with the personal key and no
session, and export the decisions for Excel. axe-core finds nothing on any page on the way.

Screenshots of every page on the way land in var/test-output/screenshots/ (journey-*.png).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from config.roles import OFFICIALS
from minutes.services import minutes_ingest
from search.alerts import alerts_send
from tests.browser.conftest import committed, new_context
from tests.browser.helpers import axe_violations, page_overflow
from tests.samples import seed

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "test-output" / "screenshots"
SIZES = {"390": {"width": 390, "height": 844}, "1366": {"width": 1366, "height": 900}}
EMAIL = "karin.tjansteperson@example.se"
# A word of seed 000's agenda (the cross-connection road), archived again below as new minutes.
WORD = "tvärförbindelsen"


def checked(page: Page, name: str, width: str) -> None:
    """The page as it stands passes axe, does not scroll sideways, and is photographed."""
    assert axe_violations(page) == [], page.url
    assert not page_overflow(page), f"{page.url} scrolls sideways at {width} px"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"journey-{name}-{width}.png", full_page=True)


def open_filters_if_folded(page: Page) -> None:
    folded = page.locator("details.filters:not([open]) > summary")
    if folded.count() and folded.first.is_visible():
        folded.first.click()


@pytest.mark.parametrize("width", sorted(SIZES))
def test_official_finds_a_person_follows_a_search_gets_the_alert_and_exports(
    signed_in_page, uploads_removed, archive_server, browser, django_db_blocker, width
):
    page = signed_in_page(OFFICIALS)
    page.set_viewport_size(SIZES[width])
    page.goto("/")
    signed_in = page.locator(".account-name").inner_text()
    username = re.fullmatch(r"Inloggad som (\S+)", signed_in.strip()).group(1)
    with django_db_blocker.unblock():
        committed(lambda: get_user_model().objects.filter(username=username).update(email=EMAIL))

    # Who: "Wallberg" (no ring on the a) finds Bob Wållberg in the directory of people.
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Personer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Personer")
    page.get_by_label("Namn").fill("Wallberg")
    page.get_by_label("Namn").press("Enter")
    person = page.get_by_role("link", name="Bob Wållberg")
    expect(person).to_be_visible()
    checked(page, "people", width)

    person.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bob Wållberg")
    expect(page.get_by_text("6 juni 2018").first).to_be_visible()
    checked(page, "person", width)

    # ... and the body he met in, with its meetings by year and its members.
    page.locator("main").get_by_role("link", name="Ledningsgruppen").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ledningsgruppen")
    expect(page.locator("main")).to_contain_text("2018")
    expect(page.locator("main").get_by_role("link", name="Bob Wållberg")).to_be_visible()
    checked(page, "body", width)

    # A search, followed: it is listed on the page of followed searches.
    page.goto("/")
    page.get_by_label("Sökord").fill(WORD)
    page.get_by_role("button", name="Sök", exact=True).click()
    expect(page.locator("#results-heading")).to_contain_text("hittades")
    checked(page, "search", width)
    page.get_by_role("button", name="Bevaka sökningen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bevakningar")
    expect(page.get_by_text(f"Du bevakar nu ”{WORD}”")).to_be_visible()
    checked(page, "followed", width)

    # New minutes are archived: the alert job mails the official about their matching items,
    # once, with a way out that needs no sign-in.
    mail.outbox.clear()
    data = seed("000").read_bytes().replace(b"\n", b"\r\n")
    with django_db_blocker.unblock():
        meeting = committed(lambda: minutes_ingest(
            data=data, filename="kommunstyrelsen-ny.txt", body_name="Kommunstyrelsen"
        ).meeting)
        # As the periodic job runs once the settling time has passed.
        later = timezone.now() + dt.timedelta(seconds=settings.SEARCH_ALERTS_SETTLE_SECONDS + 1)
        assert committed(lambda: alerts_send(now=later)) == 1
        assert committed(lambda: alerts_send(now=later)) == 0, "the same items were mailed twice"
    assert len(mail.outbox) == 1
    alert = mail.outbox[0]
    assert alert.to == [EMAIL]
    assert f"/moten/{meeting.pk}/" in alert.body
    assert "List-Unsubscribe" in alert.extra_headers

    # The search's feed, read with the personal key by a reader that has no session.
    page.goto(f"/search/?q={WORD}")
    feed_href = page.locator("a", has_text="flöde").first.get_attribute("href")
    assert feed_href is not None and "token=" in feed_href, feed_href
    reader = new_context(browser, archive_server)
    try:
        answer = reader.request.get(feed_href, max_redirects=0)
        assert answer.status == 200, answer.status
        assert "atom" in answer.headers["content-type"]
        assert f"/moten/{meeting.pk}/" in answer.text()
        path = urlsplit(feed_href).path
        refused = reader.request.get(f"{path}?q={WORD}", max_redirects=0)
        assert refused.status in (302, 403), "the feed opened without a key or a session"
    finally:
        reader.close()

    # The decisions for Excel: semicolons, a byte order mark, a title on every row.
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("CSV")).first.click()
    raw = Path(download_info.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "no BOM: Excel would misread å, ä and ö"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) > 1 and len(rows[0]) > 3, rows[:1]
    title = next(i for i, heading in enumerate(rows[0]) if "Rubrik" in heading)
    assert all(row[title].strip() for row in rows[1:]), "a row without a title"
