"""The meeting's date, time and body copied onto its agenda items and decisions.

Search and the decision register filter, count and order by these copies, so a meeting
whose date or body is corrected must move in every list at once, whoever writes the rows.
"""

from __future__ import annotations

import datetime as dt

import pytest

from decisions.models import Decision
from minutes.models import AgendaItem, Meeting
from minutes.services import body_for_name
from municipalities.models import Body
from tests.minutes.test_models import make_meeting

pytestmark = pytest.mark.django_db


def copies(row) -> tuple:
    row.refresh_from_db()
    return row.meeting_date, row.meeting_start, row.body_id


def meeting_with_decision(sha: str = "a" * 64) -> tuple[Meeting, AgendaItem, Decision]:
    meeting = make_meeting(sha)
    item = AgendaItem.objects.create(meeting=meeting, number="1", title="Budget", order=0)
    decision = Decision.objects.create(item=item, text="Att godkänna budgeten.", order=0)
    return meeting, item, decision


def test_new_items_and_decisions_carry_their_meetings_date_time_and_body():
    meeting, item, decision = meeting_with_decision()
    expected = (dt.date(2025, 3, 13), None, meeting.body_id)

    assert copies(item) == expected
    assert copies(decision) == expected
    assert decision.meeting_id == meeting.pk


def test_a_corrected_meeting_moves_its_items_and_decisions_in_the_lists(client):
    meeting, item, decision = meeting_with_decision()
    council = body_for_name("Kommunfullmäktige", organization=None)
    start = dt.datetime(2019, 9, 5, 8, 30, tzinfo=dt.UTC)

    meeting.start_date, meeting.start, meeting.body = start.date(), start, council
    meeting.save()

    assert copies(item) == copies(decision) == (start.date(), start, council.pk)
    register = client.get("/decisions/", {"year": "2019", "body": council.pk})
    assert "Att godkänna budgeten." in register.content.decode()
    assert "Att godkänna budgeten." not in client.get(
        "/decisions/", {"year": "2025"}).content.decode()


def test_a_stale_copy_in_memory_is_never_saved():
    meeting, item, decision = meeting_with_decision()
    copies(item)
    Meeting.objects.filter(pk=meeting.pk).update(start_date=dt.date(2020, 1, 2))

    item.title = "Budget 2020"  # `item` still holds 2025 in memory, and saves every column
    item.save()
    decision.save()

    assert copies(item)[0] == copies(decision)[0] == dt.date(2020, 1, 2)


def test_an_item_moved_to_another_meeting_takes_its_decisions_along():
    first, item, decision = meeting_with_decision("a" * 64)
    second = make_meeting("b" * 64)
    second.start_date = dt.date(2024, 5, 6)
    second.save()

    item.meeting = second
    item.save()

    decision.refresh_from_db()
    assert decision.meeting_id == second.pk
    assert copies(decision)[0] == dt.date(2024, 5, 6)


def test_a_deleted_body_leaves_no_copy_behind():
    meeting, item, decision = meeting_with_decision()

    Body.objects.filter(pk=meeting.body_id).delete()

    assert copies(item)[2] is None
    assert copies(decision)[2] is None
