"""Municipal sammanträdesprotokoll: the formal minutes of kommunfullmäktige, kommunstyrelsen,
the nämnder and their utskott.

The form: a letterhead naming the document type, a two-column front page ("Plats och tid",
"Beslutande", "Övriga närvarande", "Sekreterare ... Paragrafer", "Ordförande",
"Protokolljusterare"), a contents list, then one section per paragraph ("§ 14  Dnr ...",
the title, "Beslut", "Sammanfattning av ärendet", ...). `is_protokoll` tells the form
apart; `parse_protokoll` reads it into the same ParsedMinutes as any other minutes.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import (
    ADJUSTER,
    CHAIR,
    SECRETARY,
    Document,
    ParsedAttendee,
    ParsedItem,
    ParsedMinutes,
    ParseWarning,
    PersonStatement,
    make_warning,
)
from ..normalize import normalize_line_noise
from ..orgs import municipality_of
from .attendance import Person, attendance
from .front import FrontPage, read_front
from .furniture import clean, split_pages
from .paragraphs import Head, contents_end, contents_start, find_heads
from .sections import decisions, is_section, recusals, sent_to, split_sections, statements
from .votes import read_votes

__all__ = ["is_protokoll", "parse_protokoll"]

_BESLUTANDE = re.compile(r"^\s*(?:närvarande\s+)?beslutande\b", re.IGNORECASE | re.MULTILINE)
_PARAGRAPH = re.compile(r"^\s*§\s*\d{1,4}\b", re.MULTILINE)


def is_protokoll(document: Document) -> bool:
    """Whether the document has the protokoll's front page ("Beslutande") and § paragraphs."""
    text = "\n".join(document.pages)
    return bool(_BESLUTANDE.search(text)) and bool(_PARAGRAPH.search(text))


def parse_protokoll(document: Document) -> ParsedMinutes:
    pages = [normalize_line_noise("\n".join(page)).split("\n")
             for page in split_pages(document.pages)]
    lines, _ = clean(pages)
    contents = contents_start(lines)
    beslutande = next((i for i, line in enumerate(lines) if _BESLUTANDE.match(line)), 0)
    after = contents_end(lines, contents) if contents is not None else beslutande + 1
    heads = [h for h in find_heads(lines[after:], is_section)]
    heads = [Head(h.index + after, h.body_start + after, h.number, h.title, h.case_number)
             for h in heads]
    front_end = min(x for x in (contents, heads[0].index if heads else None, len(lines))
                    if x is not None)
    text = "\n".join(lines)
    front = read_front(pages[0], lines[:front_end], text)
    warnings: list[ParseWarning] = list(document.warnings) + list(front.warnings)
    items = []
    for position, head in enumerate(heads):
        end = heads[position + 1].index if position + 1 < len(heads) else len(lines)
        item, item_warnings = _item(head, lines[head.body_start:end])
        items.append(item)
        warnings.extend(item_warnings)
    people = attendance(lines[:front_end])
    items = _front_page_recusals(items, people)
    attendees = _attendees(people, front, items)
    warnings.extend(_checks(front, items, attendees))
    return ParsedMinutes(
        organization=front.organization,
        title=front.body,
        start=front.start,
        end=front.end,
        place=front.place,
        attendees=tuple(attendees),
        items=tuple(items),
        secretary=front.secretary,
        adjusters=front.adjusters,
        warnings=tuple(warnings),
        source_format=document.source_format,
        text=text,
        body=front.body,
    )


def _item(head: Head, body: list[str]) -> tuple[ParsedItem, list[ParseWarning]]:
    sections = split_sections(body)
    text = _text(body)
    all_votes, warnings = read_votes(body, str(head.number))
    return ParsedItem(
        number=str(head.number),
        title=head.title,
        text=text,
        decisions=tuple(decisions(sections)),
        case_number=head.case_number,
        # A paragraph votes on procedure first (decide today or send back, which proposal
        # goes against which) and on the matter itself last: the last vote is the one that
        # decided what the paragraph records, so it is the one readers are shown.
        votes=all_votes[-1] if all_votes else None,
        all_votes=tuple(all_votes),
        reservations=tuple(statements(sections, ("reservation", "reservationer"),
                                      "reserver", text)),
        recusals=tuple(recusals(sections, text)),
        notes=tuple(statements(sections, ("protokollsanteckning", "protokollsanteckningar"),
                               None, "")),
        sent_to=tuple(sent_to(sections)),
    ), warnings


def _front_page_recusals(items: list[ParsedItem], people: list[Person]) -> list[ParsedItem]:
    """Jäv declared beside a name on the front page ("deltar ej § 6 p.g.a. jäv") is a
    recusal in that paragraph too, whether or not the paragraph repeats it."""
    result = []
    for item in items:
        named = {r.name for r in item.recusals}
        added = tuple(PersonStatement(p.name, p.party) for p in people
                      if int(item.number) in p.recused and p.name not in named)
        result.append(replace(item, recusals=item.recusals + added) if added else item)
    return result


def _text(body: list[str]) -> str:
    kept: list[str] = []
    for line in body:
        line = line.rstrip()
        if not line.strip() and (not kept or not kept[-1].strip()):
            continue
        kept.append(line)
    return "\n".join(kept).strip()


def _attendees(people: list[Person], front: FrontPage,
               items: list[ParsedItem]) -> list[ParsedAttendee]:
    numbers = {n for p in people for n in (p.items or ()) + p.excluded}
    numbers |= set(front.paragraphs) | {int(item.number) for item in items}
    meeting = tuple(range(min(numbers), max(numbers) + 1)) if numbers else ()
    recused: dict[str, set[int]] = {}
    for item in items:
        for recusal in item.recusals:
            if recusal.name:
                recused.setdefault(recusal.name, set()).add(int(item.number))
    home = municipality_of(front.organization)
    anyone_chairs = any(p.role == CHAIR for p in people)
    result = []
    for person in people:
        attended = person.items
        left = set(person.excluded) | recused.get(person.name, set())
        if left and meeting:
            attended = tuple(n for n in (attended or meeting) if n not in left)
        role = person.role
        if role is None:
            if person.name == front.secretary:
                role = SECRETARY
            elif person.name in front.adjusters:
                role = ADJUSTER
            elif person.name == front.chair and not anyone_chairs:
                role = CHAIR
        result.append(ParsedAttendee(
            name=person.name,
            affiliation=person.affiliation,
            municipality=_municipality(person.affiliation) or home,
            status=person.status,
            role=role,
            items=attended,
            substitute_for=person.substitute_for,
        ))
    return result


def _municipality(affiliation: str | None) -> str | None:
    found = re.search(r"(\w+(?:s)?)\s+(?:kommun|stad)\b", affiliation or "")
    return municipality_of(found.group(0)) if found else None


def _checks(front: FrontPage, items: list[ParsedItem],
            attendees: list[ParsedAttendee]) -> list[ParseWarning]:
    warnings: list[ParseWarning] = []
    if front.start is None:
        warnings.append(make_warning("date", "date: no meeting date was found", kind="missing"))
    if not items:
        warnings.append(make_warning("items", "items: no agenda items were found", kind="missing"))
    if not attendees:
        warnings.append(make_warning(
            "attendees", "attendees: no list of attendees was found", kind="missing"))
    found = [int(item.number) for item in items]
    if front.paragraphs and items and set(found) != set(front.paragraphs):
        missing = sorted(set(front.paragraphs) - set(found))
        extra = sorted(set(found) - set(front.paragraphs))
        listed = f"{min(front.paragraphs)}-{max(front.paragraphs)}"
        warnings.append(make_warning(
            "paragraphs",
            f"paragraphs: the front page lists §§ {listed} but the text has "
            f"{len(found)} paragraphs (missing: {_numbers(missing)}; "
            f"not listed: {_numbers(extra)})",
            listed=listed, missing=_numbers(missing), extra=_numbers(extra)))
    return warnings


def _numbers(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers) or "–"
