"""A meeting's readings in one comparable form: the stored record read back as the parser's
JSON (parsing.to_dict), and any reading of its original brought to what storing it would keep.

    record = meeting_reading(meeting)                      # the record, as JSON
    same = reading_canonical(record) == reading_canonical(source.parsed)

`reading_canonical` applies what storing does to a reading (lengths cut, whitespace folded,
an organisation by the name the archive holds it under, dates out of range emptied,
statements without a name or party dropped), so that a field differs only where a person
changed it or a parser reads it otherwise. The decisions app adds each item's decisions,
votes and statements to the record (`minutes.signals.record_read`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from django.utils import timezone

from minutes.models import Attendance, Meeting, case_number_clean
from minutes.services import MINUTES_TIMEZONE
from minutes.signals import record_read
from municipalities.models import Organization, fold_whitespace, normalize_name
from parsing import ParsedMinutes, from_dict

VOTE_CHOICES = ("yes", "no", "abstain")


# --- the record -------------------------------------------------------------------------


def meeting_reading(meeting: Meeting) -> dict[str, Any]:
    """The stored meeting in the parser's JSON form, with each item's "all_votes" besides."""
    attendances = list(meeting.attendances.select_related("person").order_by("order", "pk"))
    items = list(meeting.items.order_by("order", "pk"))
    readings = [
        {
            "number": item.number,
            "title": item.title,
            "text": item.text,
            "case_number": item.case_number or None,
            "sent_to": list(item.sent_to),
        }
        for item in items
    ]
    record_read.send(sender=Meeting, meeting=meeting, items=items, readings=readings)
    return {
        "organization": meeting.organization.name if meeting.organization else None,
        "title": meeting.title,
        "start": _stored_moment(meeting.start) or (
            meeting.start_date.isoformat() if meeting.start_date else None
        ),
        "end": _stored_moment(meeting.end),
        "place": meeting.place,
        "attendees": [
            {
                "name": attendance.name_as_written,
                "affiliation": attendance.affiliation_as_written or None,
                "status": attendance.status,
                "role": attendance.role or None,
                "items": attendance.items,
            }
            for attendance in attendances
        ],
        "items": readings,
        "secretary": (
            _name_in(meeting.secretary, attendances) if meeting.secretary_id else None
        ),
        "adjusters": [_name_in(person, attendances) for person in meeting.adjusters.all()],
        "body": meeting.body.name if meeting.body_id else None,
    }


def _stored_moment(value: dt.datetime | None) -> str | None:
    """A stored time as the minutes write it: Swedish local time, to the minute."""
    if value is None:
        return None
    local = timezone.localtime(value, MINUTES_TIMEZONE).replace(tzinfo=None)
    return local.isoformat(timespec="minutes")


def _name_in(person, attendances: list[Attendance]) -> str:
    """The secretary's or an adjuster's name as the attendance list writes it, else theirs."""
    for attendance in attendances:
        if attendance.person_id == person.pk:
            return attendance.name_as_written
    return person.full_name


# --- the comparable form ----------------------------------------------------------------


def reading_canonical(data: Mapping[str, Any] | None) -> dict[str, Any]:
    """`data` (a reading, or the record) as storing it would keep it; None reads as empty."""
    data = data or {}
    when = from_dict({"start": data.get("start"), "end": data.get("end")})
    return {
        "organization": _organization_name(data.get("organization")),
        "title": (data.get("title") or "")[:300],
        "start": _moment(when.start),
        # A day without a time is no end the archive keeps (minutes.services._aware).
        "end": _moment(when.end) if isinstance(when.end, dt.datetime) else None,
        "place": (data.get("place") or "")[:300],
        "secretary": fold_whitespace(data.get("secretary") or ""),
        "adjusters": sorted(
            (fold_whitespace(name) for name in data.get("adjusters") or [] if name
             and fold_whitespace(name)),
            key=normalize_name,
        ),
        "attendees": _attendees(data.get("attendees") or []),
        "items": [_item(item) for item in data.get("items") or [] if isinstance(item, Mapping)],
        "body": data.get("body"),
    }


def _moment(value: dt.datetime | dt.date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    return value.isoformat()


def _organization_name(name: object) -> str | None:
    """The name the archive holds the organisation under, else the name as written."""
    if not isinstance(name, str) or not fold_whitespace(name):
        return None
    organization = Organization.objects.resolve(name)
    return organization.name if organization is not None else fold_whitespace(name)


def _attendees(attendees: list) -> list[dict[str, Any]]:
    """One entry per name (a name listed twice is one attendance), in the order written."""
    seen: set[str] = set()
    kept = []
    for attendee in attendees:
        if not isinstance(attendee, Mapping):
            continue
        name = attendee.get("name") or ""
        key = normalize_name(name)
        if not key or key in seen:
            continue
        seen.add(key)
        items = attendee.get("items")
        kept.append({
            "name": name[:200],
            "affiliation": (attendee.get("affiliation") or "")[:300],
            "status": attendee.get("status") or "",
            "role": attendee.get("role") or "",
            "items": [int(number) for number in items] if items is not None else None,
        })
    return kept


def _item(item: Mapping[str, Any]) -> dict[str, Any]:
    votes = _votes(item.get("votes"))
    all_votes = item.get("all_votes")
    if all_votes is None:
        all_votes = [votes] if votes else []
    else:
        all_votes = [_votes(vote) for vote in all_votes if isinstance(vote, Mapping)]
    return {
        "number": str(item.get("number") or "")[:20],
        "title": str(item.get("title") or "")[:500],
        "text": item.get("text") or "",
        "case_number": case_number_clean(item.get("case_number")),
        "sent_to": [fold_whitespace(sent)[:300] for sent in item.get("sent_to") or []
                    if isinstance(sent, str) and sent.strip()],
        "decisions": [
            {"text": decision.get("text") or "", "heading": (decision.get("heading") or "")[:300]}
            for decision in item.get("decisions") or [] if isinstance(decision, Mapping)
        ],
        "votes": votes,
        "reservations": _statements(item.get("reservations")),
        # The JSON keeps no text for a recusal (parsing.to_dict).
        "recusals": _statements(item.get("recusals"), with_text=False),
        "notes": _statements(item.get("notes")),
        "all_votes": all_votes,
    }


def _votes(votes: object) -> dict[str, Any] | None:
    if not isinstance(votes, Mapping):
        return None
    return {
        "yes": int(votes.get("yes") or 0),
        "no": int(votes.get("no") or 0),
        "abstain": int(votes.get("abstain") or 0),
        "members": [
            {"name": member["name"][:200], "affiliation": (member.get("affiliation") or "")[:300],
             "vote": member.get("vote")}
            for member in votes.get("members") or []
            if isinstance(member, Mapping) and member.get("vote") in VOTE_CHOICES
            and fold_whitespace(member.get("name") or "")
        ],
    }


def _statements(statements: object, *, with_text: bool = True) -> list[dict[str, str]]:
    """As decisions stores them: those naming a person or a party."""
    kept = []
    for said in statements or []:
        if not isinstance(said, Mapping):
            continue
        name, affiliation = said.get("name") or "", said.get("affiliation") or ""
        if fold_whitespace(name) or affiliation:
            kept.append({"name": name[:200], "affiliation": affiliation[:300],
                         "text": (said.get("text") or "") if with_text else ""})
    return kept


# --- back to a parse --------------------------------------------------------------------


def reading_parsed(data: Mapping[str, Any], *, text: str = "") -> ParsedMinutes:
    """A comparable reading as the parse storing takes, every vote of an item kept."""
    parsed = from_dict(dict(data), text=text)
    items = tuple(
        replace(item, all_votes=tuple(
            _parsed_votes(vote) for vote in raw.get("all_votes") or [] if vote
        ) or ((item.votes,) if item.votes else ()))
        for item, raw in zip(parsed.items, data.get("items") or [], strict=True)
    )
    return replace(parsed, items=items)


def _parsed_votes(votes: Mapping[str, Any]):
    # The parser's vote type is not part of its public surface: read one through from_dict.
    return from_dict({"items": [{"number": "", "title": "", "votes": votes}]}).items[0].votes
