"""Whatever date the preview or the admin accepts, every page that shows the meeting answers.

A property test (issue 12): dates are drawn from year 1 to 9999, with the edges of the range
a meeting may have drawn often. A form accepts exactly the dates in the range; a meeting
stored with one is then shown by every page a reader or an administrator may open.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minutes.forms import MeetingFactsForm
from minutes.models import Meeting, SourceDocument
from minutes.services import meeting_create
from parsing import ParsedMinutes, parse_bytes
from parsing.daterange import EARLIEST_MEETING_DATE, latest_meeting_date
from tests.municipalities.html_forms import form_fields

pytestmark = pytest.mark.django_db

# Small minutes, so that each example stores and shows its meeting quickly.
MINUTES = (
    "Ledningsgruppen\n\nTid: 6 juni 2018 kl 13.00\n\nNärvarande\n\n"
    "Meeri Wasberg, Haninge\nBob Wållberg, Nykvarn\n\n"
    "1. Aktuellt infrastruktur\n\nBeslut: Meeri Wasberg utreder infrastrukturen.\n"
)
SEARCHED = "infrastruktur"
PROPERTY = settings(
    max_examples=25, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def latest() -> dt.date:
    return latest_meeting_date(timezone.localdate())


def near(edge, days: int = 3):
    return st.integers(-days, days).map(lambda n: edge() + dt.timedelta(days=n))


# Year 1 to 9999, and often a few days either side of the range's edges.
DATES = st.one_of(st.dates(), near(lambda: EARLIEST_MEETING_DATE), near(latest))
TIMES = st.none() | st.times().map(lambda t: t.replace(second=0, microsecond=0))
_sources = itertools.count()


def in_range(day: dt.date) -> bool:
    return EARLIEST_MEETING_DATE <= day <= latest()


@pytest.fixture
def parsed() -> ParsedMinutes:
    minutes = parse_bytes(MINUTES.encode(), "p.txt")
    assert minutes.attendees and minutes.items and minutes.items[0].decisions
    return minutes


@pytest.fixture
def superuser(signed_in_client) -> Client:
    return signed_in_client("superuser")


def stored(parsed: ParsedMinutes, facts: dict) -> Meeting:
    sha = hashlib.sha256(f"date range {next(_sources)}".encode()).hexdigest()
    source = SourceDocument.objects.create(
        sha256=sha, original_name="p.txt", size=1, status=SourceDocument.Status.IMPORTED)
    return meeting_create(source=source, parsed=parsed, body_name="Ledningsgruppen", facts=facts)


def pages_showing(meeting: Meeting) -> list[str]:
    attendance = meeting.attendances.exclude(organization=None).first()
    assert attendance is not None
    return [
        reverse("home"),
        reverse("minutes:meeting-list"),
        reverse("minutes:meeting-detail", args=[meeting.pk]),
        reverse("municipalities:person-detail", args=[attendance.person_id]),
        reverse("municipalities:organization-detail", args=[attendance.organization_id]),
        f"{reverse('search:search')}?q={SEARCHED}",
        f"{reverse('search:search')}?q={SEARCHED}&format=json",
        f"{reverse('search:search-feed')}?q={SEARCHED}",
        reverse("search:register"),
        f"{reverse('search:register')}?q={SEARCHED}",
        reverse("search:register-feed"),
        reverse("admin:minutes_meeting_changelist"),
        f"{reverse('admin:minutes_meeting_changelist')}?start_date__year={meeting.start_date.year}"
        if meeting.start_date else reverse("admin:minutes_meeting_changelist"),
        reverse("admin:minutes_meeting_change", args=[meeting.pk]),
        reverse("admin:minutes_meeting_history", args=[meeting.pk]),
        reverse("admin:minutes_agendaitem_changelist"),
        reverse("admin:decisions_decision_changelist"),
    ]


def assert_every_page_answers(client: Client, meeting: Meeting) -> None:
    urls = pages_showing(meeting)
    assert urls
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        if url == reverse("minutes:meeting-detail", args=[meeting.pk]):
            assert str(meeting.start_date.year) in response.content.decode()


@PROPERTY
@given(day=DATES, start=TIMES, end=TIMES)
def test_a_date_the_preview_accepts_is_stored_and_every_page_answers(
    superuser, parsed, day, start, end
):
    form = MeetingFactsForm(data={
        "title": "", "date": day.isoformat(), "start_time": start.isoformat() if start else "",
        "end_date": "", "end_time": end.isoformat() if end else "", "place": "", "body": "",
    })
    ends_first = start is not None and end is not None and end < start

    assert form.is_valid() == (in_range(day) and not ends_first), form.errors
    if form.is_valid():
        assert_every_page_answers(superuser, stored(parsed, form.meeting_facts()))


@PROPERTY
@given(day=DATES, start=TIMES)
def test_a_date_the_admin_accepts_is_stored_and_every_page_answers(
    superuser, parsed, day, start
):
    meeting = stored(parsed, {"start_date": dt.date(2018, 6, 6)})
    url = reverse("admin:minutes_meeting_change", args=[meeting.pk])
    data = form_fields(superuser.get(url).content.decode(), "meeting_form")
    data.update({"start_date": [day.isoformat()], "start_0": [day.isoformat()],
                 "start_1": [start.isoformat() if start else ""]})
    if start is None:
        data["start_0"] = [""]

    response = superuser.post(url, data)

    assert (response.status_code == 302) == in_range(day)
    meeting.refresh_from_db()
    assert meeting.start_date == (day if in_range(day) else dt.date(2018, 6, 6))
    if in_range(day):
        assert_every_page_answers(superuser, meeting)
