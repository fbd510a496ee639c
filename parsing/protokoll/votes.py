"""A vote (omröstning, votering): the counts the protokoll states and the Ja/Nej/Avstår table.

The counts in the text ("med 11 ja-röster mot 4 nej-röster", "31 ja, 20 nej, 0 avstår")
are what the body recorded; the table says who voted how. When the table's crosses do not
add up to the counts, the counts stand and a warning says so, rather than guessing.
"""

from __future__ import annotations

import re

from ..model import ParsedVotes, ParseWarning, Voter, make_warning
from .names import NAME, PARTY, trim_name

YES, NO, ABSTAIN = "yes", "no", "abstain"
_COUNT = {
    YES: re.compile(r"(\d{1,3})\s+ja(?:-?\s?röst(?:er|erna)?)?\b", re.IGNORECASE),
    NO: re.compile(r"(\d{1,3})\s+nej(?:-?\s?röst(?:er|erna)?)?\b", re.IGNORECASE),
    ABSTAIN: re.compile(
        r"(\d{1,3})\s+(?:ledamöter\s+|ledamot\s+)?(?:som\s+)?(?:avstår|avstod|avstående|avst\.|nedlagda)",
        re.IGNORECASE),
}
_PIPE_HEADER = re.compile(r"^\|.*\bja\b.*\|", re.IGNORECASE)
_PLAIN_HEADER = re.compile(r"^\s*ja\s+nej(?:\s+avst\w*)?\s*$", re.IGNORECASE)
_PLAIN_ROW = re.compile(rf"^(?P<name>{NAME})(?:\s*{PARTY})?(?P<gap>\s+)[xX]\s*$")
_VOTE_WORDS = re.compile(r"omröstning|votering|ja-röst|nej-röst", re.IGNORECASE)


def read_votes(lines: list[str], number: str) -> tuple[ParsedVotes | None, list[ParseWarning]]:
    text = " ".join(" ".join(lines).split())
    if not _VOTE_WORDS.search(text):
        return None, []
    counts = _counts(text)
    members = _pipe_members(lines) or _plain_members(lines, counts)
    if counts is None and not members:
        return None, []
    tallies = {kind: sum(1 for m in members if m.vote == kind) for kind in (YES, NO, ABSTAIN)}
    warnings: list[ParseWarning] = []
    if counts is None:
        counts = tallies
    elif members and tallies != counts:
        warnings.append(make_warning(
            "votes",
            f"votes: in § {number} the named members ({tallies[YES]} yes, {tallies[NO]} no, "
            f"{tallies[ABSTAIN]} abstain) do not add up to the counts the protokoll states "
            f"({counts[YES]} yes, {counts[NO]} no, {counts[ABSTAIN]} abstain)",
            number=number, yes=counts[YES], no=counts[NO], abstain=counts[ABSTAIN],
            named_yes=tallies[YES], named_no=tallies[NO], named_abstain=tallies[ABSTAIN]))
    return ParsedVotes(counts[YES], counts[NO], counts[ABSTAIN], tuple(members)), warnings


def _counts(text: str) -> dict[str, int] | None:
    start = text.casefold().find("omröstningsresultat")
    window = text[start:] if start >= 0 else text
    found = {kind: pattern.search(window) for kind, pattern in _COUNT.items()}
    if found[YES] is None and found[NO] is None:
        return None
    return {kind: int(match.group(1)) if match else 0 for kind, match in found.items()}


def _pipe_members(lines: list[str]) -> list[Voter]:
    columns: dict[int, str] | None = None
    members: list[Voter] = []
    for raw in lines:
        line = raw.strip()
        if _PIPE_HEADER.match(line):
            cells = [c.strip().casefold() for c in line.strip("|").split("|")]
            columns = {}
            for index, cell in enumerate(cells):
                if cell.startswith("ja"):
                    columns[index] = YES
                elif cell.startswith("nej"):
                    columns[index] = NO
                elif cell.startswith("avst"):
                    columns[index] = ABSTAIN
            continue
        if columns is None or not line.startswith("|") or "---" in line:
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        marked = [columns[i] for i, c in enumerate(cells) if i in columns and c.casefold() == "x"]
        person = re.match(rf"^(?P<name>{NAME})\s*(?:{PARTY})?", cells[0].replace("<br>", " "))
        if person and len(marked) == 1:
            members.append(Voter(trim_name(person.group("name")), person.group(2), marked[0]))
    return members


def _plain_members(lines: list[str], counts: dict[str, int] | None) -> list[Voter]:
    """ "Ja  Nej  Avstår" then "Anna Ek x" rows: the cross's column says the vote."""
    rows: list[tuple[str, str | None, int]] = []
    header = False
    for raw in lines:
        if _PLAIN_HEADER.match(raw):
            header = True
            continue
        if not header:
            continue
        row = _PLAIN_ROW.match(raw.rstrip())
        if row:
            rows.append((trim_name(row.group("name")), row.group(2), len(raw.rstrip()) - 1))
        elif raw.strip() and rows:
            break
    if not rows:
        return []
    kinds = [k for k in (YES, NO, ABSTAIN) if counts and counts[k]] or [YES, NO, ABSTAIN]
    groups = _cluster(sorted({position for _, _, position in rows}), len(kinds))
    return [Voter(name, party, kinds[min(groups[position], len(kinds) - 1)])
            for name, party, position in rows]


def _cluster(positions: list[int], count: int) -> dict[int, int]:
    """Positions split into `count` groups at the widest gaps: position -> group."""
    gaps = sorted(range(1, len(positions)), key=lambda i: positions[i] - positions[i - 1],
                  reverse=True)[:count - 1]
    group, result = 0, {}
    for index, position in enumerate(positions):
        if index in gaps:
            group += 1
        result[position] = group
    return result
