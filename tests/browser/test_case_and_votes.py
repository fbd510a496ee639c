"""A case page and a meeting page with a vote, in Chromium: the case's road through the
bodies, the link to its paragraph, the vote table a screen reader can read; axe clean, no
sideways scroll at 320 px. On invented protokoll (tests/decisions/protokoll.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.test.utils import override_settings
from django.urls import reverse
from playwright.sync_api import expect
from reversion.models import Revision

from minutes.models import Meeting
from tests.browser.conftest import project_rows, remove_rows_added_since
from tests.browser.helpers import axe_violations, page_overflow
from tests.decisions.protokoll import ROAD_CASE, VOTE_CASE, fullmaktige_meeting, namnd_meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

NARROW = {"width": 320, "height": 640}


@pytest.fixture(scope="module")
def protokoll(archive, django_db_blocker, tmp_path_factory) -> Iterator[dict[str, Meeting]]:
    """The nämnd's and kommunfullmäktige's protokoll, committed for the live server beside
    the package's seeds, and removed after this module."""
    with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))):
        with django_db_blocker.unblock():
            before = project_rows()
            revisions = set(Revision.objects.values_list("pk", flat=True))
            try:
                meetings = {"namnd": namnd_meeting(), "kf": fullmaktige_meeting()}
            except BaseException:
                remove_rows_added_since(before)
                raise
        try:
            yield meetings
        finally:
            with django_db_blocker.unblock():
                remove_rows_added_since(before)
                Revision.objects.exclude(pk__in=revisions).delete()


def assert_accessible(page) -> None:
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator("main").count() == 1
    assert page.locator("h1").count() == 1
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)
    page.set_viewport_size(NARROW)
    assert page_overflow(page) == 0, "scrolls sideways at 320 px"


def test_the_case_page_shows_the_road_and_leads_to_the_paragraph(page, protokoll):
    url = reverse("decisions:case-detail", args=[ROAD_CASE])
    page.goto(url)

    expect(page.locator("h1")).to_have_text(f"Ärende {ROAD_CASE}")
    steps = page.locator("ol.case-road > li h2")
    expect(steps).to_have_count(2)
    expect(steps.nth(0)).to_contain_text("Miljö- och byggnämnden, § 7")
    expect(steps.nth(1)).to_contain_text("Kommunfullmäktige, § 47")

    page.get_by_role("link", name="Taxa för tillsyn enligt miljöbalken 2025").last.click()

    meeting_url = reverse("minutes:meeting-detail", args=[protokoll["kf"].pk])
    page.wait_for_url(re.compile(re.escape(meeting_url) + "#punkt-47$"))
    expect(page.locator("#punkt-47")).to_be_in_viewport()
    page.goto(url)
    assert_accessible(page)


def test_the_meeting_page_shows_the_vote_as_a_table_and_links_the_case(page, protokoll):
    page.goto(reverse("minutes:meeting-detail", args=[protokoll["namnd"].pk]))

    paragraph = page.locator("#punkt-6")
    expect(paragraph.locator(".vote-counts")).to_have_text("Ja 4, Nej 2, Avstår 0")
    table = paragraph.get_by_role("table", name="Så röstade ledamöterna i § 6")
    expect(table.get_by_role("row")).to_have_count(7)
    expect(table.get_by_role("row", name=re.compile("Maja Fors"))).to_contain_text("Nej")
    expect(table.get_by_role("columnheader")).to_have_text(["Ledamot", "Röst"])
    expect(paragraph.locator(".statements")).to_contain_text("Reservation: Maja Fors (S)")

    paragraph.get_by_role("link", name=VOTE_CASE).click()

    expect(page.locator("h1")).to_have_text(f"Ärende {VOTE_CASE}")
    page.go_back()
    assert_accessible(page)
