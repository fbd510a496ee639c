"""Organisation names: Swedish municipalities in all the forms minutes use."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

_DATA = Path(__file__).resolve().parent / "data" / "se_municipalities.tsv"

# Organisations that are not municipalities but are known by name, so that a
# letterhead in capitals ("SÖDERTÖRNSKOMMUNERNA SAMVERKAR") gets its proper form.
KNOWN_ORGANIZATIONS = ("Södertörnskommunerna",)

# Endings that mark a word as the start of an organisation name
# ("Trafikverket", "Naturvårdsverket", "Havs- och vattenmyndigheten").
_ORG_WORD_ENDINGS = (
    "verket", "myndigheten", "kommunerna", "förbund", "förbundet", "regionen",
    "landstinget", "styrelsen", "nämnden", "bolaget", "föreningen",
)
_ORG_FIRST_WORDS = frozenset({
    "region", "regionen", "länsstyrelsen", "landstinget", "storsthlm", "skr",
    "kommunförbundet", "brf", "hsb", "riksbyggen",
})
_MUNICIPALITY_SUFFIX = re.compile(r"\s+(kommun|kommunen|stad|staden|stad\.)$", re.IGNORECASE)


@cache
def municipalities() -> dict[str, tuple[str, str]]:
    """Lower-case municipality name -> (code, canonical name)."""
    table: dict[str, tuple[str, str]] = {}
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        code, name = line.split("\t")
        table[name.casefold()] = (code, name)
    return table


def municipality_of(affiliation: str | None) -> str | None:
    """The canonical municipality an affiliation names, or None.

    "Haninge", "Haninge kommun", "Nykvarns kommun", "Stockholms stad" and
    "Region Gotland" all resolve; "Region Stockholm" or a company does not.
    """
    if not affiliation:
        return None
    text = " ".join(affiliation.split()).strip(" ,.;:")
    if text.casefold().startswith("region gotland"):
        return "Gotland"
    text = _MUNICIPALITY_SUFFIX.sub("", text)
    table = municipalities()
    key = text.casefold()
    if key in table:
        return table[key][1]
    # Genitive before "kommun"/"stad": "Nykvarns" -> "Nykvarn".
    if key.endswith("s") and key[:-1] in table:
        return table[key[:-1]][1]
    return None


def municipality_code(name: str) -> str | None:
    entry = municipalities().get(name.casefold())
    return entry[0] if entry else None


def known_organization_prefix(line: str) -> str | None:
    """The proper form of a known organisation that `line` starts with."""
    folded = line.casefold().strip()
    for name in KNOWN_ORGANIZATIONS:
        if folded.startswith(name.casefold()):
            return name
    words = line.split()
    for size in (3, 2, 1):
        if len(words) >= size:
            head = " ".join(words[:size])
            if municipality_of(head) and (size > 1 or len(words) == 1):
                return _proper_case(head)
    return None


def _proper_case(name: str) -> str:
    """ "HANINGE KOMMUN" -> "Haninge kommun"; mixed case is left as written."""
    if not name.isupper():
        return name
    words = name.title().split()
    if len(words) > 1 and words[-1].casefold() in ("kommun", "stad"):
        words[-1] = words[-1].casefold()
    return " ".join(words)


def starts_organization(tokens: list[str]) -> bool:
    """Whether the words `tokens` read as the start of an organisation name."""
    if not tokens:
        return False
    first = tokens[0].strip(",")
    folded = first.casefold()
    if folded in _ORG_FIRST_WORDS:
        return True
    if any(folded.endswith(ending) for ending in _ORG_WORD_ENDINGS) and len(folded) > 6:
        return True
    if folded.casefold() in (name.casefold() for name in KNOWN_ORGANIZATIONS):
        return True
    for size in (3, 2, 1):
        if len(tokens) >= size and municipality_of(" ".join(tokens[:size])):
            return True
    # "Haninge kommun" where only the first word is checked by the loop above.
    return len(tokens) >= 2 and municipality_of(f"{first} {tokens[1]}") is not None
