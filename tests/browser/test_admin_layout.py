"""The admin fits a 1366 x 900 screen: neither the page nor a change list's table or an inline
scrolls sideways, with the navigation beside the page open as Django opens it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from municipalities.models import Person
from tests.browser.helpers import page_overflow
from tests.config.users import SUPERUSER

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

LAPTOP = {"width": 1366, "height": 900}

# The start page and the busiest change lists: many columns, long values, filters beside.
PAGES = [
    "admin:index",
    "admin:minutes_meeting_changelist",
    "admin:minutes_attendance_changelist",
    "admin:minutes_sourcedocument_changelist",
    "admin:minutes_agendaitem_changelist",
    "admin:decisions_decision_changelist",
    "admin:decisions_vote_changelist",
    "admin:municipalities_person_changelist",
    "admin:municipalities_person_near_duplicates",
    "admin:axes_accesslog_changelist",
    "admin:auth_user_changelist",
]

# What scrolls sideways inside the page: a change list's table, an inline's table.
INNER_OVERFLOW = """() => Array.from(
    document.querySelectorAll("#changelist-form .results, .inline-group, #content-main table")
).filter((box) => box.scrollWidth > box.clientWidth + 1).map((box) =>
    `${box.className || box.id || box.tagName}: ${box.scrollWidth} > ${box.clientWidth}`)"""


@pytest.fixture
def laptop_page(signed_in_page):
    page = signed_in_page(SUPERUSER)
    page.set_viewport_size(LAPTOP)
    return page


def _overflow(page, url: str) -> tuple[int, list[str]]:
    response = page.goto(url)
    assert response.status == 200, url
    if url != reverse("admin:index"):  # the start page lists the apps itself
        assert page.locator("#nav-sidebar").is_visible(), "the navigation is open"
    return page_overflow(page), page.evaluate(INNER_OVERFLOW)


@pytest.mark.parametrize("name", PAGES)
def test_admin_page_fits_1366_pixels(laptop_page, archive, name):
    assert _overflow(laptop_page, reverse(name)) == (0, [])


def test_meeting_form_with_its_attendance_fits_1366_pixels(laptop_page, archive):
    meeting = archive["000"]
    url = reverse("admin:minutes_meeting_change", args=[meeting.pk])

    assert meeting.attendances.count() > 10  # a long attendance list, in a tabular inline
    assert _overflow(laptop_page, url) == (0, [])


def test_merge_page_fits_1366_pixels(laptop_page, archive, django_db_blocker):
    with django_db_blocker.unblock():
        kept, merged = Person.objects.filter(attendances__isnull=False).distinct()[:2]
    url = reverse("admin:municipalities_person_merge", args=[kept.pk, merged.pk])

    assert _overflow(laptop_page, url) == (0, [])


def test_start_page_shows_the_way_to_possible_duplicates(laptop_page, archive):
    laptop_page.goto(reverse("admin:index"))

    link = laptop_page.get_by_role("link", name="Möjliga dubbletter")
    assert link.is_visible()
    link.click()
    assert laptop_page.locator("h1").inner_text() == "Möjliga dubbletter"
