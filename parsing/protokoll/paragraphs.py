"""The paragraphs of a protokoll: "§ 14   Dnr KS 2024/123", the title, the sub-sections.

A contents list ("Innehåll") repeats the same heads with dotted leaders and page numbers;
those never become paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..lines import fold

_HEAD = re.compile(r"^§\s*(?P<number>\d{1,4})\b\s*(?P<rest>.*)$")
_CASE = re.compile(
    r"^(?:dnr|diarienr|diarienummer|dnr\.)\s*:?\s*(?P<case>\S.*?)\s*$", re.IGNORECASE
)
_LEADER = re.compile(r"(?:\.\s?){4,}\s*\d{0,3}\s*$|…+\s*\d{1,3}\s*$")
CONTENTS = re.compile(r"^(?:innehåll|innehållsförteckning|ärendeförteckning)\s*:?$",
                      re.IGNORECASE)
_MAX_TITLE_LINES = 4


@dataclass(frozen=True)
class Head:
    index: int  # the "§ N" line
    body_start: int  # first line after the title
    number: int
    title: str
    case_number: str | None


def find_heads(lines: list[str], is_section: Callable[[str], bool]) -> list[Head]:
    """Paragraph heads in order of their numbers; contents-list entries are skipped."""
    heads: list[Head] = []
    for index, raw in enumerate(lines):
        match = _HEAD.match(fold(raw))
        if not match:
            continue
        head = _read_head(lines, index, match, is_section)
        if head is None:
            continue
        if heads and head.number <= heads[-1].number:
            continue
        heads.append(head)
    return heads


def contents_start(lines: list[str]) -> int | None:
    for index, raw in enumerate(lines):
        if CONTENTS.match(fold(raw)):
            return index
    return None


def contents_end(lines: list[str], start: int) -> int:
    """The line after the contents list: after its last line with a dotted leader, once
    several lines in a row have none."""
    last = start
    without = 0
    for index in range(start + 1, len(lines)):
        line = fold(lines[index])
        if not line:
            continue
        if _LEADER.search(line):
            last, without = index, 0
        else:
            without += 1
            if without > 6:
                break
    return last + 1


def _read_head(lines: list[str], index: int, match: re.Match[str],
               is_section: Callable[[str], bool]) -> Head | None:
    number = int(match.group("number"))
    rest = match.group("rest")
    case_number = None
    title_parts: list[str] = []
    for cell in re.split(r"\t|\s{2,}", rest):
        cell = cell.strip()
        if not cell:
            continue
        case = _CASE.match(cell)
        if case:
            case_number = case.group("case")
        elif _LEADER.search(cell) or re.fullmatch(r"\d{1,3}", cell):
            return None
        else:
            title_parts.append(cell)
    position = index + 1
    while position < len(lines):
        line = fold(lines[position])
        if not line:
            if title_parts:
                break
            position += 1
            continue
        case = _CASE.match(line)
        if case and case_number is None:
            case_number = case.group("case")
            position += 1
            continue
        if _LEADER.search(line):
            return None  # a contents-list entry
        if _HEAD.match(line) or is_section(line) or len(title_parts) >= _MAX_TITLE_LINES:
            break
        title_parts.append(line)
        position += 1
    if not title_parts or not (title_parts[0][:1].isupper() or title_parts[0][:1].isdigit()):
        return None
    # A contents entry without leaders still ends in its page number after a gap.
    if re.search(r"\s{2,}\d{1,3}$", lines[position - 1]) and _in_contents(lines, index):
        return None
    return Head(index=index, body_start=position, number=number,
                title=" ".join(title_parts), case_number=case_number)


def _in_contents(lines: list[str], index: int) -> bool:
    return any(CONTENTS.match(fold(line)) for line in lines[max(0, index - 40):index])
