"""The attendance on a protokoll's front page: "Beslutande" and "Övriga närvarande".

A front page sets the lists in two columns ("Ledamöter" | "Tjänstgörande ersättare",
"Ersättare" | "Tjänstepersoner"), and a PDF-to-text tool interleaves them line by line: one
line may hold a member on the left and a substitute on the right, sometimes with a single
space between. Each line is cut into cells (at tabs or runs of spaces, and before a second
"Name (P)"), and each cell either starts a person or continues one: the person of the same
column, or a substitute still waiting for the member's name ("X (C) tjänstgör för" / "Y (L)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import CHAIR, OTHER, PRESENT, VICE_CHAIR
from .names import (
    NAME,
    NAME_PARTY,
    PARTY,
    ROLE_WORDS,
    SECTION_SPEC,
    SPACES,
    section_numbers,
    trim_name,
)

_SECTIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), status)
    for pattern, status in (
        (r"^(?:närvarande\s+)?beslutande(?:\s+ledamöter)?\b\s*:?", PRESENT),
        (r"^övriga\s+(?:närvarande|deltagare)\b\s*:?", OTHER),
        (r"^(?:ej\s+tjänstgörande|icke\s+tjänstgörande)\s+ersättare\b\s*:?", OTHER),
        (r"^(?:frånvarande|ej\s+närvarande)\b\s*:?", "absent"),
    )
)
_COLUMN_HEAD = re.compile(
    r"^(?:ledamöter|ledamot|tjänstgörande\s+ersättare|ej\s+tjänstgörande\s+ersättare"
    r"|närvarande\s+ersättare|ersättare|tjänstepersoner|tjänstemän|personalföreträdare"
    r"|övriga\s+deltagare|övriga|insynsplatser|insynsplats|adjungerade|sakkunniga"
    r"|revisorer|förtroendevalda\s+revisorer)\b\s*:?\s*",
    re.IGNORECASE,
)
END = re.compile(
    r"^(?:plats\s+och\s+tid\s+för\s+justering|justeringens\s+plats|justering\b|sekreterare\b"
    r"|underskrifter|utses\s+att\s+justera|protokolljusterare|justerare\b|justerande\b"
    r"|paragrafer\b|paragraf\b|(?-i:Ordförande)\s+\S)",
    re.IGNORECASE,
)
_SUBSTITUTE = re.compile(
    r"\b(?:ersätter|tjänstgör\s+för|tjänstgörande\s+för|tjg\.?\s+ers(?:ättare)?\.?\s+för"
    r"|ers\.?\s+för|ersättare\s+för)",
    re.IGNORECASE,
)
# ... or one whose member's hyphenated first name breaks at the line end ("ersätter Per-" /
# "Axel Landström (S)").
_AWAITING = re.compile(_SUBSTITUTE.pattern + r"(?:\s+[A-ZÅÄÖ][\w'’.]*-)?\s*$", re.IGNORECASE)
_PERSON_START = re.compile(
    rf"^(?P<name>{NAME})\s*(?:\(|,|$|§|\s(?:deltar|ersätter|tjänstgör|tjg)\b)"
)
_AFTER_SECTIONS = re.compile(
    rf"§{{1,2}}\s*\d{{1,4}}(?:\s*[-–,]\s*\d{{1,4}})*\s+(?P<name>{NAME})\s*,"
)
_ROLE = re.compile(r"(?:(?:\d:e|förste|andre|tredje)\s+)?(vice\s+)?ordförande\b", re.IGNORECASE)
_NOT_ATTENDING = re.compile(
    r"\bdeltar\s+(?:ej|inte)\s+(?:i\s+)?(?:(?:§{1,2}|p\.|paragraf(?:erna)?)\s*"
    r"(?P<spec>\d[\d\s,\-–och&]*))?[^§]*",
    re.IGNORECASE,
)


@dataclass
class _Entry:
    status: str
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        # A name broken after its hyphen ("Per-" / "Axel Landström") is one word again.
        joined = re.sub(r"(?<=\w-)\s+(?=[A-ZÅÄÖ])", "", " ".join(self.parts))
        return " ".join(joined.split())


@dataclass(frozen=True)
class Person:
    name: str
    party: str | None
    affiliation: str | None
    status: str
    role: str | None
    items: tuple[int, ...] | None
    excluded: tuple[int, ...]
    substitute_for: str | None
    recused: tuple[int, ...] = ()  # of `excluded`, those left for jäv ("deltar ej § 6 p.g.a. jäv")


def attendance(lines: list[str]) -> list[Person]:
    """The people of the "Beslutande" and "Övriga närvarande" lists, in order."""
    entries: list[_Entry] = []
    status: str | None = None
    columns: dict[int, _Entry] = {}
    blank = False
    for raw in lines:
        # A spacing cedilla typed for a comma ("Ulrika Qvist¸ kvalitetschef").
        line = raw.strip().replace("\u00b8", ",")
        if not line:
            blank = True
            continue
        if END.match(line) and status is not None:
            status = None
            continue
        for pattern, section_status in _SECTIONS:
            match = pattern.match(line)
            if match:
                status, columns = section_status, {}
                line = line[match.end():].strip()
                break
        if status is None or not line:
            continue
        cells, had_heads = _cells(line)
        if had_heads:
            columns = {}
        _place(cells, entries, columns, status, blank)
        blank = False
    people = [_person(entry) for entry in entries]
    return _unique(person for person in people if person is not None)


def _cells(line: str) -> tuple[list[tuple[int | None, str]], bool]:
    """(column, text) pieces of one line; whether it held column headings."""
    pieces: list[str] = []
    had_heads = False
    for cell in SPACES.split(line):
        while (head := _COLUMN_HEAD.match(cell)) and not _PERSON_START.match(cell):
            had_heads = True
            cell = cell[head.end():]
        cell = cell.strip()
        if not cell or re.fullmatch(r"[-–\s]+", cell):
            continue
        pieces.extend(_split_people(cell))
    if len(pieces) == 1:
        return [(None, pieces[0])], had_heads
    return list(enumerate(pieces)), had_heads


def _split_people(cell: str) -> list[str]:
    """A cell cut before every "Name (P)" that does not open it, and before a "Name," (an
    official) that follows a person's closed "§§ 18-23"."""
    cuts = [match.start("name") for match in _AFTER_SECTIONS.finditer(cell)]
    for match in NAME_PARTY.finditer(cell):
        name = trim_name(match.group("name"))
        start = match.start("name") + match.group("name").index(name.split()[0])
        if start > 0 and name.split()[0].casefold() not in ROLE_WORDS:
            cuts.append(start)
    pieces, last = [], 0
    for cut in sorted(set(cuts)):
        pieces.append(cell[last:cut].strip())
        last = cut
    pieces.append(cell[last:].strip())
    return [piece for piece in pieces if piece]


def _place(cells: list[tuple[int | None, str]], entries: list[_Entry],
           columns: dict[int, _Entry], status: str, blank: bool) -> None:
    for column, text in cells:
        awaiting = _awaiting(entries, columns, column)
        if awaiting is not None:
            awaiting.parts.append(text)
            continue
        if _starts_person(text):
            entry = _Entry(status, [text])
            entries.append(entry)
            columns[column if column is not None else 0] = entry
            continue
        target = columns.get(column) if column is not None else (entries[-1] if entries else None)
        if target is None or (blank and len(target.parts) > 1):
            continue  # a stray line after a gap: a layout artefact, not part of anyone
        target.parts.append(text)


def _awaiting(entries: list[_Entry], columns: dict[int, _Entry],
              column: int | None) -> _Entry | None:
    """A substitute whose text ends in "ersätter"/"tjänstgör för", waiting for a name."""
    candidates = [columns[column]] if column is not None and column in columns else entries[-2:]
    for entry in reversed(candidates):
        if _AWAITING.search(entry.text):
            return entry
    return None


def _starts_person(text: str) -> bool:
    match = _PERSON_START.match(text)
    if not match:
        return False
    first = match.group("name").split()[0].casefold()
    return first not in ROLE_WORDS and not first.startswith("-")


def _person(entry: _Entry) -> Person | None:
    text = entry.text
    match = re.match(rf"^(?P<name>{NAME})", text)
    if not match:
        return None
    name = match.group("name").strip()
    rest = text[match.end():]
    party_match = re.match(rf"^\s*{PARTY}", rest)
    party = party_match.group(1) if party_match else None
    if party_match:
        rest = rest[party_match.end():]
    substitute_for = None
    substitute = re.search(_SUBSTITUTE.pattern + rf"\s+(?P<who>{NAME})(?:\s*{PARTY})?", rest,
                           re.IGNORECASE)
    if substitute:
        substitute_for = trim_name(substitute.group("who"))
        rest = rest[:substitute.start()] + " " + rest[substitute.end():]
    excluded: list[int] = []
    recused = False
    absent = _NOT_ATTENDING.search(rest)
    if absent:
        excluded = section_numbers(absent.group("spec") or "")
        recused = "jäv" in absent.group(0).casefold()
        rest = rest[:absent.start()] + " " + rest[absent.end():]
    items = [n for spec in SECTION_SPEC.finditer(rest) for n in section_numbers(spec.group(1))]
    rest = SECTION_SPEC.sub(" ", rest)
    rest = re.sub(r"\bdeltar\b|§{1,2}", " ", rest)
    role = None
    if party:
        found = _ROLE.search(rest)
        if found:
            role = VICE_CHAIR if found.group(1) else CHAIR
        affiliation: str | None = party
    else:
        affiliation = " ".join(rest.split()).strip(" ,;") or None
        if affiliation:
            affiliation = re.sub(r"\s*,\s*", ", ", affiliation)
    return Person(
        name=name, party=party, affiliation=affiliation, status=entry.status, role=role,
        items=tuple(sorted(set(items))) or None, excluded=tuple(sorted(set(excluded))),
        substitute_for=substitute_for,
        recused=tuple(sorted(set(excluded))) if recused else (),
    )


def _unique(people) -> list[Person]:
    result: dict[str, Person] = {}
    for person in people:
        result.setdefault(person.name, person)
    return list(result.values())
