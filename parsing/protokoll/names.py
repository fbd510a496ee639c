"""People as a protokoll writes them: "Anna Ek (S)", "Per Berg, controller §§ 2-5"."""

from __future__ import annotations

import re

_UPPER = "A-ZÅÄÖÉÈÜØÆÁÍÓÚŠŽČĆ"
_WORD = rf"-?[{_UPPER}][\w'’.-]*"
# Two to four capitalised words ("Anna -Karin Ljungman", "Julia Tryggvadottir Tollesson").
NAME = rf"{_WORD}(?:\s+{_WORD}){{1,3}}"
PARTY = r"\(\s*([A-ZÅÄÖ]{1,3}|[A-ZÅÄÖ][a-zåäö]{0,2}|-)\s*\)"
NAME_PARTY = re.compile(rf"(?P<name>{NAME})\s*{PARTY}")
# Words that may stand capitalised before a name without being part of it.
ROLE_WORDS = frozenset({
    "ordförande", "ordföranden", "vice", "sekreterare", "justerare", "protokolljusterare",
    "ledamot", "ledamöterna", "ersättare", "tjänstgörande", "och", "samt", "även",
    # Sub-headings that run into the sentence after them once lines are joined.
    "jäv", "reservation", "beslut", "protokollsanteckning", "yrkanden", "beslutsgång",
})
SPACES = re.compile(r"\t|\s{2,}")
PARTY_NAMES = {
    "socialdemokraterna": "S", "moderaterna": "M", "sverigedemokraterna": "SD",
    "centerpartiet": "C", "liberalerna": "L", "kristdemokraterna": "KD",
    "vänsterpartiet": "V", "miljöpartiet": "MP",
}


def trim_name(name: str) -> str:
    """A name without capitalised role words before it ("Ordförande Anna Ek" -> "Anna Ek")."""
    words = name.split()
    while len(words) > 2 and words[0].casefold().strip(".,:") in ROLE_WORDS:
        words.pop(0)
    return " ".join(words)


def people_with_party(text: str) -> list[tuple[str, str]]:
    """Every "Name (P)" in `text`, as (name, party), in order."""
    found = []
    for match in NAME_PARTY.finditer(text):
        name = trim_name(match.group("name"))
        if name.split()[0].casefold() in ROLE_WORDS:
            continue
        found.append((name, match.group(2)))
    return found


def party_of_group(text: str) -> str | None:
    """The party of "Ledamöterna i (S)" or "Socialdemokraterna", or None."""
    group = re.search(rf"\b(?:ledamöterna|ledamöter|gruppen|partiet)\s+(?:för|i|från)\s+{PARTY}",
                      text, re.IGNORECASE)
    if group:
        return group.group(1)
    for word, party in PARTY_NAMES.items():
        if re.search(rf"\b{word}\b", text, re.IGNORECASE):
            return party
    alone = re.match(rf"^\s*{PARTY}", text)
    return alone.group(1) if alone else None


def strip_party(text: str) -> str:
    return " ".join(re.sub(PARTY, "", text).split()).strip(" ,")


def section_numbers(spec: str) -> list[int]:
    """ "131-136, 138-162, 165" -> [131..136, 138..162, 165]; "253- 256" -> [253..256]."""
    numbers: list[int] = []
    for part in re.split(r"\s*(?:,|\boch\b|&)\s*", spec):
        match = re.fullmatch(r"(\d{1,4})\s*[-–]\s*(\d{1,4})", part.strip())
        if match:
            low, high = int(match.group(1)), int(match.group(2))
            if low <= high <= low + 400:
                numbers.extend(range(low, high + 1))
        elif part.strip().isdigit():
            numbers.append(int(part.strip()))
    return numbers


SECTION_SPEC = re.compile(
    r"(?:§{1,2}|\bp\.|\bparagraf(?:erna)?)\s*(\d{1,4}(?:\s*(?:[-–,]|och|&)\s*\d{1,4})*)",
    re.IGNORECASE,
)
