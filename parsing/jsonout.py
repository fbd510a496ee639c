"""The JSON form of parsed minutes (see minutes-json.md), both ways."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from .daterange import meeting_date_in_range, out_of_range_warning
from .model import (
    ParsedAttendee,
    ParsedDecision,
    ParsedItem,
    ParsedMinutes,
    ParsedVotes,
    ParseWarning,
    PersonStatement,
    Voter,
    When,
    make_warning,
)


def _moment(value: dt.datetime | dt.date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        # Not strftime: "%Y" writes year 1 as "1", which nothing reads back.
        return value.isoformat(timespec="minutes")
    return value.isoformat()


# Also the unpadded years that strftime wrote before years under 1000 were caught
# ("1-01-01T00:00"), which pending uploads may still hold.
_MOMENT = re.compile(r"(\d{1,4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?")


def _parse_moment(value: object) -> dt.datetime | dt.date | None:
    """The date or time `value` writes, or None when it writes none."""
    found = _MOMENT.fullmatch(value) if isinstance(value, str) else None
    if found is None:
        return None
    year, month, day, hour, minute = (int(part) if part else None for part in found.groups())
    assert year is not None and month is not None and day is not None
    try:
        if hour is None or minute is None:
            return dt.date(year, month, day)
        return dt.datetime(year, month, day, hour, minute)
    except ValueError:
        return None


def _when(data: Mapping[str, Any], today: dt.date | None) -> When:
    """The start and end `data` gives, emptied with a warning where no meeting can have them,
    as the parser would have (output stored by an older parser may hold such dates)."""
    warnings: list[ParseWarning] = []
    moments: list[dt.datetime | dt.date | None] = []
    for key in ("start", "end"):
        written = data.get(key)
        moment = _parse_moment(written)
        if written and moment is None:
            warnings.append(make_warning("date", f"date: '{written}' is not a valid date",
                                         kind="invalid", text=written))
        elif moment is not None and not meeting_date_in_range(moment, today):
            warnings.append(out_of_range_warning(str(written), moment, today))
            moment = None
        moments.append(moment)
    start, end = moments
    return When(start, end if start is not None else None, tuple(warnings))


def to_dict(parsed: ParsedMinutes, *, parser_version: str | None = None) -> dict[str, Any]:
    result: dict[str, Any] = {
        "organization": parsed.organization,
        "title": parsed.title,
        "start": _moment(parsed.start),
        "end": _moment(parsed.end),
        "place": parsed.place,
        "attendees": [
            {
                "name": a.name,
                "affiliation": a.affiliation,
                "municipality": a.municipality,
                "status": a.status,
                "role": a.role,
                "items": list(a.items) if a.items is not None else None,
                "substitute_for": a.substitute_for,
            }
            for a in parsed.attendees
        ],
        "items": [_item_dict(item) for item in parsed.items],
        "secretary": parsed.secretary,
        "adjusters": list(parsed.adjusters),
        "body": parsed.body,
        "warnings": [w.message for w in parsed.warnings],
        # Added keys (the contract allows additions): stable codes, and the facts of
        # each message, for translation.
        "warning_codes": [w.code for w in parsed.warnings],
        "warning_details": [warning_to_dict(w) for w in parsed.warnings],
        "format": parsed.source_format,
    }
    if parser_version:
        result["parser_version"] = parser_version
    return result


def _item_dict(item: ParsedItem) -> dict[str, Any]:
    return {
        "number": item.number,
        "title": item.title,
        "text": item.text,
        "decisions": [{"text": d.text, "heading": d.heading} for d in item.decisions],
        "case_number": item.case_number,
        "votes": _votes_dict(item.votes),
        "reservations": [_statement_dict(s) for s in item.reservations],
        "recusals": [_statement_dict(s, with_text=False) for s in item.recusals],
        "notes": [_statement_dict(s) for s in item.notes],
        "sent_to": list(item.sent_to),
    }


def _statement_dict(statement: PersonStatement, *, with_text: bool = True) -> dict[str, Any]:
    result: dict[str, Any] = {"name": statement.name, "affiliation": statement.affiliation}
    if with_text:
        result["text"] = statement.text
    return result


def _votes_dict(votes: ParsedVotes | None) -> dict[str, Any] | None:
    if votes is None:
        return None
    return {
        "yes": votes.yes, "no": votes.no, "abstain": votes.abstain,
        "members": [{"name": m.name, "affiliation": m.affiliation, "vote": m.vote}
                    for m in votes.members],
    }


def _votes_from(data: object) -> ParsedVotes | None:
    if not isinstance(data, Mapping):
        return None
    return ParsedVotes(
        yes=int(data.get("yes") or 0), no=int(data.get("no") or 0),
        abstain=int(data.get("abstain") or 0),
        members=tuple(Voter(m["name"], m.get("affiliation"), m["vote"])
                      for m in data.get("members") or []),
    )


def _statements_from(data: object) -> tuple[PersonStatement, ...]:
    return tuple(
        PersonStatement(s.get("name"), s.get("affiliation"), s.get("text"))
        for s in (data or []) if isinstance(s, Mapping)
    )


def _item_from(item: Mapping[str, Any]) -> ParsedItem:
    return ParsedItem(
        number=item["number"],
        title=item["title"],
        text=item.get("text", ""),
        decisions=tuple(
            ParsedDecision(text=d["text"], heading=d.get("heading"))
            for d in item.get("decisions", [])
        ),
        case_number=item.get("case_number"),
        votes=(votes := _votes_from(item.get("votes"))),
        all_votes=(votes,) if votes else (),
        reservations=_statements_from(item.get("reservations")),
        recusals=_statements_from(item.get("recusals")),
        notes=_statements_from(item.get("notes")),
        sent_to=tuple(item.get("sent_to") or ()),
    )


def warning_to_dict(warning: ParseWarning) -> dict[str, Any]:
    """{"code", "message", "params"}: the form a warning is stored and translated in."""
    return {"code": warning.code, "message": warning.message, "params": dict(warning.params)}


def warning_from_dict(data: Mapping[str, Any]) -> ParseWarning:
    params = data.get("params")
    if not isinstance(params, Mapping):
        params = {}
    return ParseWarning(
        str(data.get("code", "note")), str(data.get("message", "")),
        tuple((str(name), str(value)) for name, value in params.items()),
    )


def _warnings(data: dict[str, Any]) -> tuple[ParseWarning, ...]:
    """From "warning_details" when present, else from the older "warnings" (+ codes)."""
    details = data.get("warning_details")
    if details is not None:
        return tuple(warning_from_dict(detail) for detail in details)
    messages = data.get("warnings", [])
    codes = data.get("warning_codes") or ["note"] * len(messages)
    return tuple(
        ParseWarning(code, message) for code, message in zip(codes, messages, strict=False)
    )


def from_dict(
    data: dict[str, Any], *, text: str = "", today: dt.date | None = None
) -> ParsedMinutes:
    """Rebuild parsed minutes from `to_dict` output (e.g. from the parsing worker).

    `today` stands in for the current date (tests) in the range a meeting's date must lie in.
    """
    when = _when(data, today)
    return ParsedMinutes(
        organization=data.get("organization"),
        title=data.get("title"),
        start=when.start,
        end=when.end,
        place=data.get("place"),
        attendees=tuple(
            ParsedAttendee(
                name=a["name"],
                affiliation=a.get("affiliation"),
                municipality=a.get("municipality"),
                status=a["status"],
                role=a.get("role"),
                items=tuple(a["items"]) if a.get("items") is not None else None,
                substitute_for=a.get("substitute_for"),
            )
            for a in data.get("attendees", [])
        ),
        items=tuple(_item_from(item) for item in data.get("items", [])),
        secretary=data.get("secretary"),
        adjusters=tuple(data.get("adjusters", [])),
        warnings=_warnings(data) + when.warnings,
        source_format=data.get("format", "text"),
        text=text,
        body=data.get("body"),
    )
