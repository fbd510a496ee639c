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
_RESULT = re.compile(r"omröstningsresultat|voteringsresultat", re.IGNORECASE)
_REQUESTED = re.compile(r"(?:omröstning|votering)\s+(?:begärs|begärdes|verkställs|genomförs)",
                        re.IGNORECASE)


def read_votes(lines: list[str], number: str) -> tuple[list[ParsedVotes], list[ParseWarning]]:
    """Every vote of one paragraph, in order, each table checked against its own counts.

    A paragraph may vote more than once (first whether to decide the matter today, then on
    the matter itself); the n-th table of names goes with the n-th stated result.
    """
    text = " ".join(" ".join(lines).split())
    if not _VOTE_WORDS.search(text):
        return [], []
    stated = _all_counts(text)
    tables = _pipe_tables(lines)
    if len(tables) > len(stated) >= 1:
        tables = _joined(tables, stated)
    if not tables:
        plain = _plain_members(lines, stated[0] if stated else None)
        tables = [plain] if plain else []
    votes: list[ParsedVotes] = []
    warnings: list[ParseWarning] = []
    total = max(len(stated), len(tables))
    for index in range(total):
        counts = stated[index] if index < len(stated) else None
        members = tables[index] if index < len(tables) else []
        vote, warning = _vote(counts, members, number, (index + 1, total))
        votes.append(vote)
        warnings.extend(warning)
    return votes, warnings


def _joined(tables: list[list[Voter]], stated: list[dict[str, int]]) -> list[list[Voter]]:
    """More tables than stated results: a table went on over a page with its header
    repeated. Each result takes tables in order until they name as many members as it
    counts; what is left after the last result goes with it."""
    joined: list[list[Voter]] = []
    rest = list(tables)
    for position, counts in enumerate(stated):
        wanted = sum(counts.values())
        taken = list(rest.pop(0)) if rest else []
        # Leave one table for each result still to come.
        while rest and len(taken) < wanted and len(rest) > len(stated) - position - 1:
            taken.extend(rest.pop(0))
        joined.append(taken)
    if rest and joined:
        joined[-1].extend(member for table in rest for member in table)
    return [table for table in joined if table]


def _vote(counts: dict[str, int] | None, members: list[Voter], number: str,
          position: tuple[int, int]) -> tuple[ParsedVotes, list[ParseWarning]]:
    tallies = {kind: sum(1 for m in members if m.vote == kind) for kind in (YES, NO, ABSTAIN)}
    warnings: list[ParseWarning] = []
    if counts is None:
        counts = tallies
    elif members and tallies != counts:
        which, total = position
        # Of several votes in one paragraph, the warning says which one is off.
        several = {"kind": "one_of_several", "vote": which, "votes": total} if total > 1 else {}
        warnings.append(make_warning(
            "votes",
            f"votes: in § {number}{f' (vote {which} of {total})' if several else ''} "
            f"the named members ({tallies[YES]} yes, {tallies[NO]} no, "
            f"{tallies[ABSTAIN]} abstain) do not add up to the counts the protokoll states "
            f"({counts[YES]} yes, {counts[NO]} no, {counts[ABSTAIN]} abstain)",
            number=number, yes=counts[YES], no=counts[NO], abstain=counts[ABSTAIN],
            named_yes=tallies[YES], named_no=tallies[NO], named_abstain=tallies[ABSTAIN],
            **several))
    return ParsedVotes(counts[YES], counts[NO], counts[ABSTAIN], tuple(members)), warnings


def _all_counts(text: str) -> list[dict[str, int]]:
    """The result of each vote: the first counts after each "Omröstningsresultat" (or, when
    the protokoll has no such heading, after each "Omröstning begärs"); without those words,
    the first counts in the text."""
    starts = [m.start() for m in _RESULT.finditer(text)]
    starts = starts or [m.start() for m in _REQUESTED.finditer(text)]
    windows = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    found = [c for c in map(_counts, windows) if c is not None]
    if found:
        return found
    first = _counts(text)
    return [first] if first else []


def _counts(window: str) -> dict[str, int] | None:
    found = {kind: pattern.search(window) for kind, pattern in _COUNT.items()}
    if found[YES] is None and found[NO] is None:
        return None
    return {kind: int(match.group(1)) if match else 0 for kind, match in found.items()}


def _pipe_tables(lines: list[str]) -> list[list[Voter]]:
    """The voters of each Ja/Nej table. A table without a header of its own goes on from the
    one before: a page break cut it (and a converter may take its first row for a header)."""
    tables: list[list[Voter]] = []
    columns: dict[int, str] | None = None
    in_table = False
    for raw in lines:
        line = raw.strip()
        if not line.startswith("|"):
            if line:
                in_table = False
            continue
        if _PIPE_HEADER.match(line) and _columns(line):
            columns = _columns(line)
            tables.append([])
            in_table = True
            continue
        if columns is None or "---" in line:
            continue
        if not in_table:
            in_table = True  # a headerless table: the rest of the last one
        cells = [c.strip() for c in line.strip("|").split("|")]
        marked = [columns[i] for i, c in enumerate(cells) if i in columns and c.casefold() == "x"]
        person = re.match(rf"^(?P<name>{NAME})\s*(?:{PARTY})?", cells[0].replace("<br>", " "))
        if person and len(marked) == 1:
            tables[-1].append(Voter(trim_name(person.group("name")), person.group(2), marked[0]))
    return [table for table in tables if table]


def _columns(header: str) -> dict[int, str]:
    columns: dict[int, str] = {}
    for index, cell in enumerate(c.strip().casefold() for c in header.strip("|").split("|")):
        if cell.startswith("ja"):
            columns[index] = YES
        elif cell.startswith("nej"):
            columns[index] = NO
        elif cell.startswith("avst"):
            columns[index] = ABSTAIN
    return columns


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
