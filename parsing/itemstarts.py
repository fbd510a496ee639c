"""Where agenda items start: "1. Title", "§ 1 Title", a bare "1" above its title, Markdown
headings, or the headings an agenda list announced."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .agenda import DECISION_HEADING, GENERIC_BLOCKS
from .lines import (
    AGENDA_HEADINGS,
    fold,
    is_blank,
    label_key,
    looks_like_heading,
    markdown_level,
    plain,
)
from .people import BULLET

_NUM_DOT = re.compile(r"^(\d{1,3})[.)]\s+(\S.*)$")
_NUM_ALONE = re.compile(r"^(\d{1,3})[.)]$")
_NUM_BARE = re.compile(r"^(\d{1,2})$")
# A numbered entry opened by a quotation mark: a quoted list, not an item.
_QUOTED_NUMBER = re.compile(r"^[\"”“«»']\s*(\d{1,3})[.)]\s+\S")
_PARAGRAPH = re.compile(r"^§\s*(\d{1,3})(\.\d{1,2})?\.?(?:\s+(\S.*))?$")
_PARAGRAPH_AFTER = re.compile(r"^(\d{1,3})\s*§\s*(\S.*)?$")
_TITLE_CONNECTORS = ("och", "samt", "av", "för", "i", "om", "till", "med", "inom", "på", "–", "-",
                     "&", ",", "/")


@dataclass(frozen=True)
class ItemStart:
    index: int  # line index where the item starts
    number: str
    title: str
    body_start: int  # first line index of the body
    sentence: bool = False  # the item is written as one sentence, its title


def _number_and_title(line: str, bare: bool = False) -> tuple[str, str | None, str] | None:
    """(number, title or None, style) when `line` opens a numbered item; with `bare`, a
    number alone on its line ("3", the title on the next) opens one too."""
    text = plain(line)
    if bare and _NUM_BARE.match(text):
        return text, None, "bare"
    match = _PARAGRAPH.match(text)
    if match:
        if match.group(2):  # "§8.1" is a sub-paragraph, not an item
            return None
        return match.group(1), match.group(3), "para"
    match = _PARAGRAPH_AFTER.match(text)
    if match:
        return match.group(1), match.group(2), "para"
    match = _NUM_DOT.match(text)
    if match:
        title = match.group(2)
        # U+FFFD: a lost letter, most often Å, Ä or Ö ("1. �ppnande").
        if title[:1].isupper() or title[:1].isdigit() or title[:1] in "\"'«\ufffd":
            return match.group(1), title, "dot"
        return None
    match = _NUM_ALONE.match(text)
    if match:
        return match.group(1), None, "dot"
    return None


def _reads_as_title(title: str) -> bool:
    """A heading, not a numbered sentence in a list ("1. Rensa upp i förslaget ... (Josef).")."""
    title = fold(title)
    if len(title) > 150:
        return False
    return not (title.endswith(".") and len(title.split()) > 6)


def _next_nonblank(lines: list[str], index: int) -> int | None:
    for position in range(index, len(lines)):
        if not is_blank(lines[position]):
            return position
    return None


def _title_continues(title: str, following: str) -> bool:
    """Whether `following` (directly under the title) wraps the title."""
    nxt = plain(following)
    if not nxt or BULLET.match(following) or _number_and_title(following):
        return False
    if label_key(following) in GENERIC_BLOCKS or DECISION_HEADING.match(label_key(following)):
        return False
    if (nxt[:1].islower() or nxt[:1].isdigit()) and len(title) >= 35:
        return len(nxt) <= 80
    last = title.split()[-1].casefold() if title.split() else ""
    return last in _TITLE_CONNECTORS or title.rstrip().endswith((",", "–", "-", "&", "/"))


def _bare_title_follows(lines: list[str], index: int) -> bool:
    """A bare number opens an item when the very next line reads as its title."""
    following = lines[index + 1] if index + 1 < len(lines) else ""
    title = plain(following)
    return bool(title) and title[:1].isupper() and _reads_as_title(title) and not (
        _number_and_title(following, bare=True))


def _start_at(lines: list[str], index: int, number: str, title: str | None) -> ItemStart | None:
    body = index + 1
    if title is None:  # "§ 1" alone; the title is the next non-blank line
        position = _next_nonblank(lines, index + 1)
        if position is None or _number_and_title(lines[position]):
            return None
        title, body = plain(lines[position]), position + 1
    title = fold(title)
    if body < len(lines) and not is_blank(lines[body]) and _title_continues(title, lines[body]):
        title, body = f"{title} {plain(lines[body])}", body + 1
    return ItemStart(index, number, title.strip(), body)


def find_numbered_items(lines: list[str], start: int = 0) -> list[ItemStart]:
    """Items numbered "1. Title" or "§ 1 Title", in sequence; failing those, items numbered
    by a bare number on its own line with the title on the next (at least two of them, as
    a lone number may be anything)."""
    found = _numbered_items(lines, start, bare=False)
    if found:
        return found
    found = _numbered_items(lines, start, bare=True)
    return found if len(found) >= 2 else []


def find_sentence_items(lines: list[str]) -> list[ItemStart]:
    """Items that are whole numbered sentences from the first on ("1. Ordföranden förklarade
    mötet öppnat."), for minutes that have no items of any other form: at least three in
    sequence, each the item's title."""
    found = _numbered_items(lines, 0, bare=False, sentences=True)
    if len(found) < 3 or _prose_before(lines[:found[0].index]):
        return []
    return found


def _prose_before(lines: list[str]) -> bool:
    """Whether the minutes say something before the list: a sentence of text, or a line
    that introduces the list ("Motioner på årsstämman:"). Then the list is in the text."""
    said = [plain(line) for line in lines if not is_blank(line)]
    return (bool(said) and said[-1].endswith(":")) or any(
        line.endswith((".", "!", "?")) and len(line.split()) >= 5 for line in said)


def _numbered_items(lines: list[str], start: int, bare: bool,
                    sentences: bool = False) -> list[ItemStart]:
    found: list[ItemStart] = []
    style: str | None = None
    previous: int | None = None
    first_allowed = 3  # lists may start at 0, 1 or a little later when items were lost
    nested: tuple[int, int] | None = None  # (number, line) of a list inside the item
    for index in range(start, len(lines)):
        if style is not None and _QUOTED_NUMBER.match(plain(lines[index])):
            nested = (int(_QUOTED_NUMBER.match(plain(lines[index])).group(1)), index)
            continue
        parsed = _number_and_title(lines[index], bare)
        if not parsed:
            continue
        number, title, item_style = parsed
        if item_style == "bare" and not _bare_title_follows(lines, index):
            continue
        value = int(number)
        if nested and value == nested[0] + 1 and _one_list(lines, nested[1], index):
            nested = (value, index)  # the next entry of a list quoted inside the item
            continue
        nested = None
        if style is None:
            if item_style in ("dot", "bare") and value > first_allowed:
                continue
        elif item_style != style or previous is None or not previous < value <= previous + 3:
            if item_style == style:
                nested = (value, index)
            continue
        if title is not None and not _reads_as_title(title):
            follows = style is not None and value == previous + 1
            first = sentences and style is None
            if (follows or first) and title[:1].isupper():
                # "3. Anna Ek valdes till mötesordförande.": the item is the sentence.
                found.append(ItemStart(index, number, fold(title), index + 1, sentence=True))
                style, previous = item_style, value
                continue
            if style is None:
                # A numbered list of sentences: its later entries start no agenda either.
                first_allowed = min(first_allowed, value)
            continue
        item = _start_at(lines, index, number, title)
        if item is None:
            continue
        style, previous = item_style, value
        found.append(item)
    return found


def _one_list(lines: list[str], last: int, index: int) -> bool:
    """Whether lines `last` and `index` are entries of one list: nothing but the entries'
    wrapped lines and blanks between them, no paragraph of text."""
    between = lines[last + 1:index]
    return not any(
        not is_blank(line) and position > 0 and is_blank(between[position - 1])
        for position, line in enumerate(between)
    )


def find_markdown_items(lines: list[str], start: int, skip: set[int]) -> list[ItemStart]:
    """Items as markdown headings ("## Title"), numbered in order of appearance."""
    found: list[ItemStart] = []
    for index in range(start, len(lines)):
        if index in skip or markdown_level(lines[index]) < 2:
            continue
        found.append(ItemStart(index, str(len(found) + 1), plain(lines[index]), index + 1))
    return found




def _agenda_entries(lines: list[str]) -> tuple[int, list[str]]:
    """The bullet list under an "Agenda" heading, and the line index after it."""
    for index, line in enumerate(lines):
        if label_key(line) not in AGENDA_HEADINGS:
            continue
        entries: list[str] = []
        position = index + 1
        while position < len(lines):
            text = lines[position].strip()
            if BULLET.match(text):
                entries.append(plain(BULLET.sub("", text)))
            elif entries and text:
                break
            position += 1
        if len(entries) >= 2:
            return position, entries
    return len(lines), []


def _matches_entry(line: str, entry: str) -> bool:
    heading, wanted = plain(line).casefold(), entry.casefold()
    return bool(heading) and (
        heading == wanted or wanted.startswith(heading + " ") or heading.startswith(wanted)
    )


def find_agenda_list_items(lines: list[str]) -> list[ItemStart]:
    """Unnumbered items: the headings in the body that an agenda list announced."""
    position, entries = _agenda_entries(lines)
    found: list[ItemStart] = []
    for entry in entries:
        for index in range(position, len(lines)):
            if looks_like_heading(lines[index]) and _matches_entry(lines[index], entry):
                found.append(ItemStart(index, str(len(found) + 1), plain(lines[index]), index + 1))
                position = index + 1
                break
    return found if len(found) >= 2 else []
