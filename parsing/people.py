"""ParsedAttendee lines: "Name Affiliation[, role][, (endast) punkt N(-M)]"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import ADJUSTER, CHAIR, SECRETARY, VICE_CHAIR
from .orgs import municipality_of, starts_organization

BULLET = re.compile(r"^\s*(?:[-*•▪◦–]|\d{1,2}[.)])\s+")
_EMPHASIS = re.compile(r"\*\*|__|`")
_SPLIT_COMMAS = re.compile(r",(?![^()]*\))")  # commas outside parentheses
_COLUMN_GAP = re.compile(r"\t|\s{2,}")

_ROLE_WORDS: dict[str, str] = {
    "ordförande": CHAIR,
    "ordf": CHAIR,
    "mötesordförande": CHAIR,
    "tf ordförande": CHAIR,
    "vice ordförande": VICE_CHAIR,
    "vice ordf": VICE_CHAIR,
    "v ordförande": VICE_CHAIR,
    "förste vice ordförande": VICE_CHAIR,
    "andre vice ordförande": VICE_CHAIR,
    "sekreterare": SECRETARY,
    "mötessekreterare": SECRETARY,
    "protokollförare": SECRETARY,
    "sekr": SECRETARY,
    "justerare": ADJUSTER,
    "justeringsperson": ADJUSTER,
}
_SCOPE = re.compile(
    r"^(?P<only>endast\s+|bara\s+|del\s+av\s+)?(?P<neg>ej\s+|utom\s+|ej\s+närvarande\s+)?"
    r"(?:punkt(?:erna)?|p\.?|§{1,2}|ärende(?:na)?)\s*(?P<spec>\d[\d\s,\-–och&]*)$",
    re.IGNORECASE,
)
_NUMBERS_ONLY = re.compile(r"^\d[\d\s\-–och&]*$")
_NAME_PARTICLES = frozenset({"af", "von", "van", "de", "der", "la", "du", "al", "el"})


@dataclass(frozen=True)
class AttendeeLine:
    name: str
    affiliation: str | None
    role: str | None
    items: tuple[int, ...] | None
    excluded_items: tuple[int, ...] = ()


def clean_list_line(line: str) -> str:
    """A list entry without its bullet, emphasis and surrounding space."""
    line = _EMPHASIS.sub("", line)
    line = BULLET.sub("", line, count=1)
    return line.strip().strip("\t ").rstrip(";")


def role_of(text: str) -> str | None:
    key = " ".join(text.casefold().replace(".", " ").split())
    key = key.strip("() ")
    return _ROLE_WORDS.get(key)


def parse_item_spec(spec: str) -> tuple[int, ...]:
    """ "2-7" -> (2..7); "2, 4 och 6" -> (2, 4, 6); nonsense -> ()."""
    numbers: list[int] = []
    for part in re.split(r"\s*(?:,|och|&)\s*", spec.strip()):
        match = re.fullmatch(r"(\d{1,3})\s*[-–]\s*(\d{1,3})", part.strip())
        if match:
            low, high = int(match.group(1)), int(match.group(2))
            if low <= high <= low + 200:
                numbers.extend(range(low, high + 1))
        elif part.strip().isdigit():
            numbers.append(int(part.strip()))
    return tuple(sorted(set(numbers)))


def scope_of(text: str) -> tuple[tuple[int, ...], bool] | None:
    """ "endast punkt 2" -> ((2,), False); "ej punkt 3" -> ((3,), True)."""
    match = _SCOPE.match(" ".join(text.strip("() ").split()))
    if not match:
        return None
    numbers = parse_item_spec(match.group("spec"))
    if not numbers:
        return None
    return numbers, bool(match.group("neg"))


def looks_like_name(text: str) -> bool:
    """Two to four capitalised words (hyphens and particles allowed)."""
    words = text.split()
    if not 2 <= len(words) <= 4:
        return False
    capitalised = [w for w in words if w[:1].isupper()]
    return len(capitalised) >= 2 and all(
        w[:1].isupper() or w.casefold() in _NAME_PARTICLES for w in words
    ) and all(re.fullmatch(r"[^\W\d_][\w'’.-]*", w) for w in words)


def split_name(first_part: str, names_only: bool) -> tuple[str, str | None]:
    """Split "Meeri Wasberg Haninge" into name and affiliation."""
    columns = [c.strip() for c in _COLUMN_GAP.split(first_part) if c.strip()]
    if len(columns) >= 2:
        return columns[0], " ".join(columns[1:])
    tokens = first_part.split()
    if len(tokens) <= 2 or names_only:
        return " ".join(tokens), None
    for start in range(2, min(len(tokens), 5)):
        if starts_organization(tokens[start:]):
            return " ".join(tokens[:start]), " ".join(tokens[start:])
    cut = 2
    while cut < len(tokens) - 1 and tokens[cut].casefold() in _NAME_PARTICLES:
        cut += 1
    if tokens[cut - 1].casefold() in _NAME_PARTICLES:
        cut += 1
    return " ".join(tokens[:cut]), " ".join(tokens[cut:]) or None


def parse_attendee_line(line: str, *, names_only: bool = False) -> AttendeeLine | None:
    """One attendee, or None when the line does not read as one."""
    text = clean_list_line(line)
    if not text or not text[:1].isupper() or len(text) > 160:
        return None
    parts = [p.strip() for p in _SPLIT_COMMAS.split(text) if p.strip()]
    role, items, excluded = _extract_parenthesised(parts)
    if len(parts) > 1 and _affiliation_follows_comma(parts):
        name, affiliation = parts[0], None  # "Inga-Maja Nilsson Björling, hus 3"
    else:
        name, affiliation = split_name(parts[0], names_only)
    if not looks_like_name(name):
        return None
    extra: list[str] = []
    pending_scope: list[int] | None = None
    for part in parts[1:]:
        part_role = role_of(part)
        scope = scope_of(part)
        if part_role:
            role = role or part_role
        elif scope:
            numbers, negative = scope
            (excluded if negative else items).extend(numbers)
            pending_scope = excluded if negative else items
        elif pending_scope is not None and _NUMBERS_ONLY.match(part):
            pending_scope.extend(parse_item_spec(part))
        elif affiliation is None:
            affiliation = part
        else:
            extra.append(part)
    if extra and affiliation:
        affiliation = ", ".join([affiliation, *extra])
    if affiliation and re.fullmatch(r"\([^()]+\)", affiliation.strip()):
        affiliation = affiliation.strip()[1:-1]  # "Anna Berg (Myndigheten A)"
    return AttendeeLine(
        name=" ".join(name.split()),
        affiliation=" ".join(affiliation.split()) if affiliation else None,
        role=role,
        items=tuple(sorted(set(items))) if items else None,
        excluded_items=tuple(sorted(set(excluded))),
    )


def _affiliation_follows_comma(parts: list[str]) -> bool:
    """Whether the whole first part is the name and the affiliation comes after a comma."""
    first = parts[0]
    if not looks_like_name(first) or role_of(parts[1]) or scope_of(parts[1]):
        return False
    if _COLUMN_GAP.search(first):
        return False
    tokens = first.split()
    return not any(starts_organization(tokens[start:]) for start in range(2, len(tokens)))


def _extract_parenthesised(parts: list[str]) -> tuple[str | None, list[int], list[int]]:
    """Take "(ordf)" or "(endast punkt 2)" out of the parts, in place."""
    role: str | None = None
    items: list[int] = []
    excluded: list[int] = []
    for index, part in enumerate(parts):
        for group in re.findall(r"\(([^()]*)\)", part):
            found_role = role_of(group)
            scope = scope_of(group)
            if found_role or scope:
                if found_role:
                    role = role or found_role
                if scope:
                    (excluded if scope[1] else items).extend(scope[0])
                part = part.replace(f"({group})", " ")
        parts[index] = " ".join(part.split())
    parts[:] = [p for p in parts if p]
    return role, items, excluded


def affiliation_municipality(affiliation: str | None) -> str | None:
    return municipality_of(affiliation.split(",")[0]) if affiliation else None


_ORG_LABEL = re.compile(r"^(?P<org>[^:()]{2,60}?)\s*:\s*(?P<rest>\S.*)$")


def people_on_one_line(line: str, *, at_least: int = 3) -> list[AttendeeLine]:
    """Several people on one line, or [] when the line is not such a list:
    "Myndigheten A: Per Ek, Anna Berg, Verket B: Lena Ås" (each under the organisation
    before it), "Anna Berg (Myndigheten A), Per Ek (Verket B)" or "Anna Berg, Per Ek, Lena Ås".

    Unlabelled, two names may be a name and an organisation that reads like one ("Per Ek,
    Svenska Kraftnät"), so a plain list needs `at_least` names, or each its organisation
    in parentheses.
    """
    text = clean_list_line(line)
    parts = [p.strip() for p in _SPLIT_COMMAS.split(text) if p.strip()]
    labelled = any(_ORG_LABEL.match(part) for part in parts)
    if len(parts) < 2 and not labelled:
        return []
    people: list[AttendeeLine] = []
    organisation: str | None = None
    for part in parts:
        label = _ORG_LABEL.match(part)
        if label:
            organisation, part = label.group("org").strip(), label.group("rest")
            if role_of(organisation) or not organisation[:1].isupper():
                return []  # "Ordförande: Anna Ek" gives a role, not an organisation
        entry = _one_person(part)
        if entry is None:
            return []
        if entry.affiliation is None and organisation:
            entry = AttendeeLine(entry.name, organisation, entry.role, entry.items,
                                 entry.excluded_items)
        people.append(entry)
    if labelled:
        return people if organisation is not None and _ORG_LABEL.match(parts[0]) else []
    # Unlabelled: a list of names only when no part could be an affiliation instead
    # ("Anna Ek, Haninge kommun" is one person).
    parenthesised = all(re.search(r"\)\s*$", part) for part in parts)
    return people if len(people) >= at_least or (len(people) >= 2 and parenthesised) else []


def _one_person(part: str) -> AttendeeLine | None:
    """ "Anna Berg", "Anna Berg (Myndigheten A)", "Jonas Falk (Verket B, sekreterare)"."""
    inner = re.fullmatch(r"(?P<name>[^()]+?)\s*\((?P<inside>[^()]+)\)", part)
    name = inner.group("name") if inner else part
    if not looks_like_name(name) or starts_organization(name.split()):
        return None
    affiliation, role = None, None
    if inner:
        kept = []
        for piece in (p.strip() for p in inner.group("inside").split(",")):
            if role_of(piece):
                role = role or role_of(piece)
            elif piece:
                kept.append(piece)
        affiliation = ", ".join(kept) or None
    return AttendeeLine(" ".join(name.split()), affiliation, role, None)
