"""The part before the first agenda item: letterhead, title, time, place, attendees."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .lines import AGENDA_HEADINGS, fold, is_blank, label_key, markdown_level, plain
from .model import ABSENT, OTHER, PRESENT
from .normalize import running_key
from .orgs import known_organization_prefix
from .people import AttendeeLine, clean_list_line, parse_attendee_line, people_on_one_line
from .signatures import role_line

# ParsedAttendee headings and the status of the people listed under them.
ATTENDEE_HEADINGS: dict[str, str] = {
    "deltagare": PRESENT,
    "närvarande": PRESENT,
    "närvarande ledamöter": PRESENT,
    "ledamöter": PRESENT,
    "ordinarie ledamöter": PRESENT,
    "beslutande": PRESENT,
    "beslutande ledamöter": PRESENT,
    "tjänstgörande ledamöter": PRESENT,
    "tjänstgörande ersättare": PRESENT,
    "närvarande styrelseledamöter": PRESENT,
    "styrelseledamöter": PRESENT,
    "kallade": PRESENT,
    "övriga deltagare": OTHER,
    "övriga närvarande": OTHER,
    "övriga": OTHER,
    "adjungerade": OTHER,
    "adjungerad": OTHER,
    "tjänstemän": OTHER,
    "tjänstepersoner": OTHER,
    "närvarande tjänstemän": OTHER,
    "närvarande tjänstepersoner": OTHER,
    "ersättare": OTHER,
    "närvarande ersättare": OTHER,
    "ej tjänstgörande ersättare": OTHER,
    "icke tjänstgörande ersättare": OTHER,
    "gäster": OTHER,
    "inbjudna": OTHER,
    "inbjudna gäster": OTHER,
    "ej närvarande": ABSENT,
    "frånvarande": ABSENT,
    "förhinder": ABSENT,
    "anmält förhinder": ABSENT,
    "anmält frånvaro": ABSENT,
    "ej närvarande ledamöter": ABSENT,
    "frånvarande ledamöter": ABSENT,
}
# Words that continue a heading split over lines ("Övriga" / "deltagare").
_HEADING_TAILS = frozenset({"deltagare", "närvarande", "ledamöter", "tjänstemän", "ersättare",
                            "tjänstepersoner", "gäster"})
_LABELS: dict[str, str] = {
    "tid": "time", "datum": "time", "datum och tid": "time", "tid och datum": "time",
    "dag och tid": "time", "mötesdatum": "time", "sammanträdesdatum": "time",
    "mötestid": "time", "klockslag": "time",
    "plats": "place", "lokal": "place", "mötesplats": "place",
    "plats och tid": "place_time", "tid och plats": "place_time",
    "datum, tid och plats": "place_time", "datum och plats": "place_time",
}
_LABEL_LINE = re.compile(
    r"^(?P<label>" + "|".join(sorted((re.escape(k) for k in _LABELS), key=len, reverse=True))
    + r")(?:\s*:\s*|\t+|\s{2,}|\s+(?=\S))(?P<value>.*)$",
    re.IGNORECASE,
)
_TITLE_WORDS = re.compile(
    r"(protokoll|anteckning|sammanfattning|dagordning|kallelse|möte\b|mötet\b|årsmöte|stämma"
    r"|sammanträde|minnes)",
    re.IGNORECASE,
)
_URL = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)
_ORG_WORDS = re.compile(
    r"(kommun|region|förening|förbund|samfällighet|styrelse|nämnd|\bAB\b|bolag|verket"
    r"|myndighet|kod\b|universitet|stiftelse)",
    re.IGNORECASE,
)


@dataclass
class Header:
    organization: str | None = None
    title: str | None = None
    time_values: list[str] = field(default_factory=list)
    place: str | None = None
    place_time: str | None = None
    attendees: list[tuple[AttendeeLine, str]] = field(default_factory=list)
    invited: list[AttendeeLine] = field(default_factory=list)
    organisations_listed: list[str] = field(default_factory=list)
    role_lines: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    loose_lines: list[str] = field(default_factory=list)


def attendee_heading(lines: list[str], index: int) -> tuple[str, str, int] | None:
    """(heading key, status, index of the last heading line) when a heading starts here.

    The heading may carry its list inline ("Närvarande: A, B") — the caller looks
    at the rest of the line itself.
    """
    key = label_key(lines[index].split(":")[0]) if ":" in lines[index] else label_key(lines[index])
    if "\ufffd" in key:
        key = _with_lost_letters(key)
    if key not in ATTENDEE_HEADINGS:
        return None
    # "Övriga" + blank + "deltagare": a heading broken over lines.
    following = index + 1
    while following < len(lines) and is_blank(lines[following]):
        following += 1
    if following < len(lines) and label_key(lines[following]) in _HEADING_TAILS:
        joined = f"{key} {label_key(lines[following])}"
        if joined in ATTENDEE_HEADINGS:
            return joined, ATTENDEE_HEADINGS[joined], following
    return key, ATTENDEE_HEADINGS[key], index


def _with_lost_letters(key: str) -> str:
    """ "n�rvarande" -> "närvarande": the one heading a key with lost letters (U+FFFD) fits."""
    pattern = re.compile("".join("[åäöéü]" if c == "\ufffd" else re.escape(c) for c in key))
    fits = [heading for heading in ATTENDEE_HEADINGS if pattern.fullmatch(heading)]
    return fits[0] if len(fits) == 1 else key


def _inline_list(line: str) -> str:
    _, _, rest = line.partition(":")
    return rest.strip()


def read_header(lines: list[str], running: frozenset[str] = frozenset()) -> Header:
    """Walk the lines before the first agenda item; `running` are the running headers and
    footers (`normalize.running_key`), which the first page also carries."""
    header = Header()
    status: str | None = None
    heading_key: str | None = None
    index = 0
    title_open = False
    running_title = False  # the title is the running header, until the page gives its own
    names_line = False  # the line before listed several people
    while index < len(lines):
        line = lines[index]
        if is_blank(line):
            title_open = False
            index += 1
            continue
        text = plain(line)
        key = label_key(line)
        heading = attendee_heading(lines, index)
        if heading:
            heading_key, status, index = heading[0], heading[1], heading[2]
            title_open = names_line = False
            if ":" in line and _inline_list(line):
                _read_inline_list(header, _inline_list(line), status, heading_key)
                status = None  # the list stood on the heading's own line
            index += 1
            continue
        label = _LABEL_LINE.match(text)
        if label and not _plausible_label(label):
            label = None
        if label or key in _LABELS:
            index = _read_label(header, lines, index, label)
            status, title_open = None, False
            continue
        if key in AGENDA_HEADINGS:
            # The agenda announced before the items: the items themselves carry it.
            break
        if status is not None and role_line(line):
            index += 1  # "Ordförande: Per Ek" inside the list: the parser reads roles itself
            continue
        if status is not None:
            # A list of names wrapped over lines may leave two on its last line.
            people = people_on_one_line(line, at_least=2 if names_line else 3)
            names_line = bool(people)
            if people:
                for entry in people:
                    _add_attendee(header, entry, status, heading_key)
                index += 1
                continue
            entry = parse_attendee_line(line, names_only=markdown_level(line) == 0
                                        and line.lstrip().startswith(("-", "*")))
            if entry is not None:
                _add_attendee(header, entry, status, heading_key)
                index += 1
                continue
            status = None
        if running_key(line) in running:
            # The running header: it may name the organisation, or be the title when the
            # page has none of its own, but it never goes on with a title.
            if _is_title(header, text, line):
                header.title, running_title = text, True
            elif header.organization is None and _is_letterhead(header, text):
                header.organization = _organization_name(text)
            title_open = False
        elif running_title and _is_title(replace(header, title=None), text, line):
            header.title, running_title, title_open = text, False, True
        elif title_open:
            header.title = f"{header.title} {text}"
        elif _is_title(header, text, line):
            header.title, title_open = text, True
        elif header.organization is None and _is_letterhead(header, text):
            header.organization = _organization_name(text)
        elif not _URL.match(text):
            header.loose_lines.append(text)
        index += 1
    return header


def _plausible_label(match: re.Match) -> bool:
    """ "Tid 13.00" is a label; "Datum för stämman flyttas" is a sentence."""
    value = match.group("value").strip()
    separator = match.group(0)[len(match.group("label")):len(match.group(0)) - len(
        match.group("value"))]
    if not value or ":" in separator or "\t" in separator or len(separator) > 1:
        return True
    if _LABELS[match.group("label").casefold()] != "place" and not any(c.isdigit() for c in value):
        return False
    return value[:1].isupper() or value[:1].isdigit()


def _is_title(header: Header, text: str, line: str) -> bool:
    if header.title is not None or header.attendees or header.time_values:
        return False
    return bool(_TITLE_WORDS.search(text)) or markdown_level(line) == 1


def _is_letterhead(header: Header, text: str) -> bool:
    if header.attendees or header.time_values or header.title:
        return False
    return known_organization_prefix(text) is not None or (
        bool(_ORG_WORDS.search(text)) and len(text) <= 80 and not text.endswith(".")
    )


def _organization_name(text: str) -> str:
    known = known_organization_prefix(text)
    if known:
        return known
    return text.title() if text.isupper() else text


def _read_label(header: Header, lines: list[str], index: int, match: re.Match | None) -> int:
    """Take a "Tid"/"Plats" value from the same line or the next one."""
    if match:
        kind, value = _LABELS[match.group("label").casefold()], match.group("value")
    else:
        kind, value = _LABELS[label_key(lines[index])], ""
    next_index = index + 1
    if not value.strip():
        while next_index < len(lines) and is_blank(lines[next_index]):
            next_index += 1
        if next_index < len(lines) and not _LABEL_LINE.match(plain(lines[next_index])) \
                and attendee_heading(lines, next_index) is None:
            value = lines[next_index]
            next_index += 1
    value = fold(value)
    if kind == "time":
        header.time_values.append(value)
    elif kind == "place":
        header.place = header.place or value
    else:
        header.place_time = value
    return next_index


def _read_inline_list(header: Header, rest: str, status: str, heading_key: str | None) -> None:
    """ "Närvarande: Anna Ek, Bo Ek" — people, or organisations standing in for them."""
    people = people_on_one_line(rest, at_least=2)
    if people:
        for entry in people:
            _add_attendee(header, entry, status, heading_key)
        return
    for part in re.split(r",(?![^()]*\))|;", rest):
        entry = parse_attendee_line(part.strip(), names_only=True)
        if entry is not None:
            _add_attendee(header, entry, status, heading_key)
        elif clean_list_line(part):
            header.organisations_listed.append(clean_list_line(part))


def _add_attendee(
    header: Header, entry: AttendeeLine, status: str, heading_key: str | None
) -> None:
    if heading_key == "kallade":
        header.invited.append(entry)
        return
    header.attendees.append((entry, status))
