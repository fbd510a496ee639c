"""The JSON form of parsed minutes (see minutes-json.md), both ways."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from .model import AgendaItem, Attendee, Decision, ParsedMinutes, ParseWarning


def _moment(value: dt.datetime | dt.date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    return value.isoformat()


def _parse_moment(value: str | None) -> dt.datetime | dt.date | None:
    if not value:
        return None
    if "T" in value:
        return dt.datetime.strptime(value, "%Y-%m-%dT%H:%M")
    return dt.date.fromisoformat(value)


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
            }
            for a in parsed.attendees
        ],
        "items": [
            {
                "number": item.number,
                "title": item.title,
                "text": item.text,
                "decisions": [{"text": d.text, "heading": d.heading} for d in item.decisions],
            }
            for item in parsed.items
        ],
        "secretary": parsed.secretary,
        "adjusters": list(parsed.adjusters),
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


def from_dict(data: dict[str, Any], *, text: str = "") -> ParsedMinutes:
    """Rebuild parsed minutes from `to_dict` output (e.g. from the parsing worker)."""
    return ParsedMinutes(
        organization=data.get("organization"),
        title=data.get("title"),
        start=_parse_moment(data.get("start")),
        end=_parse_moment(data.get("end")),
        place=data.get("place"),
        attendees=tuple(
            Attendee(
                name=a["name"],
                affiliation=a.get("affiliation"),
                municipality=a.get("municipality"),
                status=a["status"],
                role=a.get("role"),
                items=tuple(a["items"]) if a.get("items") is not None else None,
            )
            for a in data.get("attendees", [])
        ),
        items=tuple(
            AgendaItem(
                number=item["number"],
                title=item["title"],
                text=item.get("text", ""),
                decisions=tuple(
                    Decision(text=d["text"], heading=d.get("heading"))
                    for d in item.get("decisions", [])
                ),
            )
            for item in data.get("items", [])
        ),
        secretary=data.get("secretary"),
        adjusters=tuple(data.get("adjusters", [])),
        warnings=_warnings(data),
        source_format=data.get("format", "text"),
        text=text,
    )
