"""Decisions stored with the minutes they belong to: minutes' write pipeline sends
`minutes.signals.items_stored` inside its transaction, and `decisions_store` adds each item's
decisions and the people each one assigns (connected in decisions/apps.py)."""

from __future__ import annotations

import re
from collections.abc import Sequence

import reversion

from decisions.models import Decision
from minutes.models import AgendaItem, Attendance, Meeting
from municipalities.models import Person, fold_whitespace
from parsing import ParsedItem

# How many of a body's latest earlier meetings count as its "recent lists" when a
# decision names someone who is not on this meeting's own list.
RECENT_MEETINGS = 5


def decisions_store(
    sender,
    *,
    meeting: Meeting,
    items: Sequence[AgendaItem],
    parsed_items: Sequence[ParsedItem],
    people: list[tuple[str, Person]],
    **kwargs,
) -> None:
    """Each item's decisions and who each decision assigns, in two inserts."""
    decisions = Decision.objects.bulk_create([
        Decision(
            item=item,
            text=parsed_decision.text,
            heading=(parsed_decision.heading or "")[:300],
            order=order,
        )
        for item, parsed_item in zip(items, parsed_items, strict=True)
        for order, parsed_decision in enumerate(parsed_item.decisions)
    ])
    recent: list[tuple[str, Person]] | None = None  # the body's recent lists, when needed
    assignments = []
    for decision in decisions:
        text = fold_whitespace(decision.text)
        assigned = _assigned_people(text, people)
        if not assigned and meeting.body_id:
            if recent is None:
                recent = _recent_body_people(meeting)
            assigned = _assigned_people(text, recent)
        assignments.extend(
            Decision.assigned.through(decision=decision, person=person) for person in assigned
        )
    Decision.assigned.through.objects.bulk_create(assignments)
    if reversion.is_active():
        # bulk_create sends no post_save, which is how reversion sees other saves.
        for decision in decisions:
            reversion.add_to_revision(decision)


def _mentions(text: str, name: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


def _assigned_people(text: str, people: list[tuple[str, Person]]) -> list[Person]:
    """Attendees a decision names: by full name, or by a first name only one of them has."""
    first_names: dict[str, list[Person]] = {}
    for written, person in people:
        first = written.split()[0] if written.split() else ""
        if first:
            first_names.setdefault(first, []).append(person)
    named: dict[int, Person] = {}
    for written, person in people:
        full = fold_whitespace(written)
        first = full.split()[0] if full else ""
        if (full and _mentions(text, full)) or (
            first and len(first_names.get(first, [])) == 1 and _mentions(text, first)
        ):
            named[person.pk] = person
    return list(named.values())


def _recent_body_people(meeting: Meeting) -> list[tuple[str, Person]]:
    """(name as written, person) from the attendance lists of the body's latest meetings."""
    earlier = (
        Meeting.objects.filter(body_id=meeting.body_id)
        .exclude(pk=meeting.pk)
        .newest_first()
        .values_list("pk", flat=True)[:RECENT_MEETINGS]
    )
    attendances = Attendance.objects.filter(meeting__in=list(earlier)).select_related("person")
    seen: dict[int, tuple[str, Person]] = {}
    for attendance in attendances:
        seen.setdefault(attendance.person_id, (attendance.person.full_name, attendance.person))
    return list(seen.values())
