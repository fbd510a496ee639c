"""From a document's text to its structure: the parser's main entry points."""

from __future__ import annotations

import datetime as dt

from .agenda import build_item
from .dates import parse_when
from .extract import extract
from .header import ATTENDEE_HEADINGS, Header, read_header
from .itemstarts import (
    ItemStart,
    find_agenda_list_items,
    find_markdown_items,
    find_numbered_items,
    find_sentence_items,
)
from .lines import is_blank, label_key, markdown_level, plain, setext_headings
from .model import (
    ABSENT,
    ADJUSTER,
    CHAIR,
    PRESENT,
    SECRETARY,
    Document,
    ParsedAttendee,
    ParsedItem,
    ParsedMinutes,
    ParseWarning,
    When,
    make_warning,
)
from .normalize import clean_pages, normalize_line_noise, running_lines
from .people import affiliation_municipality
from .protokoll import is_protokoll, parse_protokoll
from .signatures import Signatures, is_signature_start, read_signatures, role_line

# Bumped whenever the parser's output for the same input may change, so that
# stored results can be re-parsed.
PARSER_VERSION = "1.4.0"
_MAX_UNPLACED_WARNINGS = 5


def parse_bytes(data: bytes, filename: str | None = None) -> ParsedMinutes:
    """Parse a .txt, .pdf or .docx file's bytes. Raises ParseError when unreadable."""
    return parse_document(extract(data, filename))


def parse_text(text: str) -> ParsedMinutes:
    return parse_document(Document(pages=(text,), source_format="text"))


def parse_document(document: Document) -> ParsedMinutes:
    if is_protokoll(document):
        # The protokoll reader expects the formal form's front page (columns, "Ledamöter",
        # "Tjänstgörande ersättare", "Dnr"); plainer minutes with "Beslutande" and § headings
        # ("Namn Organisation, justerare" lines, one column) read better the general way.
        # Both are quick: keep the reading that found more of the meeting.
        protokoll = parse_protokoll(document)
        general = _parse_general(document)
        return protokoll if _found(protokoll) >= _found(general) else general
    return _parse_general(document)


def _found(parsed: ParsedMinutes) -> int:
    """How much of a meeting a reading found: people, items, roles, less its warnings."""
    return (len(parsed.attendees) + len(parsed.items) + len(parsed.adjusters)
            + bool(parsed.secretary) + bool(parsed.place) - len(parsed.warnings))


def _parse_general(document: Document) -> ParsedMinutes:
    text = clean_pages([normalize_line_noise(page) for page in document.pages])
    lines = setext_headings(text.split("\n"))
    text = "\n".join(lines)
    warnings: list[ParseWarning] = list(document.warnings)

    starts, numbered = _find_items(lines)
    header_end = starts[0].index if starts else _signature_start(lines, 0)
    header = read_header(lines[:header_end], running_lines(document.pages))
    signature_at = _signature_start(lines, starts[0].body_start if starts else header_end)

    items = [
        build_item(start, lines[start.body_start:_item_end(starts, position, signature_at)])
        for position, start in enumerate(starts)
    ]
    attendees = _attendees(header, items)
    known = [attendee.name for attendee in attendees]
    signatures = read_signatures(lines[signature_at:], known)
    roles = [found for line in lines if (found := role_line(line))]

    attendees, secretary, adjusters = _apply_roles(attendees, signatures, roles, warnings)
    when = _when(header, lines[:header_end], text)
    warnings.extend(when.warnings)
    warnings.extend(_structure_warnings(header, items, attendees, when.start))
    if items and not numbered:
        warnings.append(make_warning(
            "items", "items: the document does not number its items; they were numbered in order",
            kind="unnumbered"))
    return ParsedMinutes(
        organization=header.organization,
        title=header.title,
        start=when.start,
        end=when.end,
        place=_place(header),
        attendees=tuple(attendees),
        items=tuple(items),
        secretary=secretary,
        adjusters=tuple(adjusters),
        warnings=tuple(warnings),
        source_format=document.source_format,
        text=text,
    )


def _find_items(lines: list[str]) -> tuple[list[ItemStart], bool]:
    """The item starts, and whether the document numbers them itself."""
    numbered = find_numbered_items(lines)
    if numbered:
        return numbered, True
    skip = {
        index for index, line in enumerate(lines)
        if markdown_level(line)
        and (label_key(line) in ATTENDEE_HEADINGS or parse_when(plain(line)).start is not None)
    }
    found = find_markdown_items(lines, 0, skip) or find_agenda_list_items(lines)
    if found:
        return found, False
    sentences = find_sentence_items(lines)
    return sentences, bool(sentences)


def _signature_start(lines: list[str], start: int) -> int:
    for index in range(start, len(lines)):
        if is_signature_start(lines[index]):
            return index
    return len(lines)


def _item_end(starts: list[ItemStart], position: int, signature_at: int) -> int:
    if position + 1 < len(starts):
        return min(starts[position + 1].index, max(signature_at, starts[position].body_start))
    return max(signature_at, starts[position].body_start)


def _attendees(header: Header, items: list[ParsedItem]) -> list[ParsedAttendee]:
    numbers = [int(item.number) for item in items if item.number.isdigit()]
    entries = list(header.attendees)
    listed = {entry.name for entry, _ in entries}
    present_listed = any(status == PRESENT for _, status in entries)
    for entry in header.invited:
        # Invited ("Kallade") but not among those present: they were absent.
        if entry.name not in listed:
            entries.append((entry, ABSENT if present_listed else PRESENT))
            listed.add(entry.name)
    result: list[ParsedAttendee] = []
    seen: set[str] = set()
    for entry, status in entries:
        if entry.name in seen:
            continue
        seen.add(entry.name)
        items_attended = entry.items
        if entry.excluded_items and numbers:
            items_attended = tuple(n for n in numbers if n not in entry.excluded_items)
        result.append(ParsedAttendee(
            name=entry.name,
            affiliation=entry.affiliation,
            municipality=affiliation_municipality(entry.affiliation),
            status=status,
            role=entry.role,
            items=items_attended,
        ))
    return result


def _resolve(name: str, attendees: list[ParsedAttendee]) -> str | None:
    """An attendee's full name for a full name or a lone first name."""
    folded = name.casefold()
    for attendee in attendees:
        if attendee.name.casefold() == folded:
            return attendee.name
    if len(name.split()) == 1:
        matches = [a.name for a in attendees if a.name.split()[0].casefold() == folded]
        if len(matches) == 1:
            return matches[0]
    return None


def _apply_roles(
    attendees: list[ParsedAttendee],
    signatures: Signatures,
    roles: list[tuple[str, list[str]]],
    warnings: list[ParseWarning],
) -> tuple[list[ParsedAttendee], str | None, list[str]]:
    """Roles from role lines and signatures; returns attendees, secretary, adjusters."""
    assigned: dict[str, str] = {}
    by_role: dict[str, list[str]] = {}
    sources = [(role, names) for role, names in roles]
    sources += [(SECRETARY, signatures.secretary), (ADJUSTER, signatures.adjusters),
                (CHAIR, signatures.chair)]
    for role, names in sources:
        for name in names:
            full = _resolve(name, attendees)
            if full is None and len(name.split()) == 1:
                warnings.append(make_warning(
                    "role", f"role: '{name}' ({role}) matches no single attendee by first name",
                    name=name, role=role))
            resolved = full or name
            by_role.setdefault(role, [])
            if resolved not in by_role[role]:
                by_role[role].append(resolved)
            if full:
                assigned.setdefault(full, role)
    updated = [
        a if a.role or a.name not in assigned else _with_role(a, assigned[a.name])
        for a in attendees
    ]
    signed_secretary = signatures.secretary and _resolve(signatures.secretary[0], attendees)
    secretary = (signed_secretary or (signatures.secretary or [None])[0]
                 or next((a.name for a in updated if a.role == SECRETARY), None))
    adjusters = by_role.get(ADJUSTER) or [a.name for a in updated if a.role == ADJUSTER]
    return updated, secretary, adjusters


def _with_role(attendee: ParsedAttendee, role: str) -> ParsedAttendee:
    return ParsedAttendee(attendee.name, attendee.affiliation, attendee.municipality,
                          attendee.status, role, attendee.items)


def _when(header: Header, header_lines: list[str], text: str) -> When:
    values = list(header.time_values)
    if header.place_time:
        values.append(header.place_time)
    if values:
        return parse_when(" ".join(values), text)
    # No "Tid"/"Datum" label: a date in the title or a heading ("## 13 oktober 2021").
    for line in [header.title or "", *header_lines[:40]]:
        if line and not is_blank(line):
            when = parse_when(plain(line), text)
            if when.start is not None:
                if plain(line) in header.loose_lines:
                    header.loose_lines.remove(plain(line))
                return when
    return parse_when("", text)


def _place(header: Header) -> str | None:
    if header.place:
        return header.place
    if header.place_time:
        parts = [p.strip() for p in header.place_time.split(",")]
        kept = [p for p in parts if p and not any(ch.isdigit() for ch in p)
                and not p.casefold().startswith(("kl", "klockan"))]
        return ", ".join(kept) or None
    return None


def _structure_warnings(
    header: Header,
    items: list[ParsedItem],
    attendees: list[ParsedAttendee],
    start: dt.datetime | dt.date | None,
) -> list[ParseWarning]:
    warnings: list[ParseWarning] = []
    if start is None:
        warnings.append(make_warning("date", "date: no meeting date was found", kind="missing"))
    if not items:
        warnings.append(make_warning("items", "items: no agenda items were found", kind="missing"))
    if not attendees:
        warnings.append(make_warning(
            "attendees", "attendees: no list of attendees was found", kind="missing"))
    if header.organisations_listed:
        names = ", ".join(header.organisations_listed)
        warnings.append(make_warning(
            "attendees", f"attendees: the list names organisations rather than people: {names}",
            kind="organisations", names=names))
    for line in header.loose_lines[:_MAX_UNPLACED_WARNINGS]:
        shown = line if len(line) <= 80 else line[:77] + "..."
        warnings.append(make_warning(
            "unplaced", f"unplaced: text before the first agenda item was not understood: "
                        f"'{shown}'", text=shown))
    return warnings

