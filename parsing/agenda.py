"""Agenda items and the decisions inside them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lines import (
    AGENDA_HEADINGS,
    ends_sentence,
    fold,
    is_blank,
    label_key,
    looks_like_heading,
    markdown_level,
    plain,
)
from .model import ParsedDecision, ParsedItem
from .people import BULLET

_NUM_DOT = re.compile(r"^(\d{1,3})[.)]\s+(\S.*)$")
_NUM_ALONE = re.compile(r"^(\d{1,3})[.)]$")
_NUM_BARE = re.compile(r"^(\d{1,2})$")
# A numbered entry opened by a quotation mark: a quoted list, not an item.
_QUOTED_NUMBER = re.compile(r"^[\"”“«»']\s*(\d{1,3})[.)]\s+\S")
_PARAGRAPH = re.compile(r"^§\s*(\d{1,3})(\.\d{1,2})?\.?(?:\s+(\S.*))?$")
_PARAGRAPH_AFTER = re.compile(r"^(\d{1,3})\s*§\s*(\S.*)?$")

_MARKER = re.compile(
    r"^(?:beslut|beslutet|beslutade|beslutades|beslöts|beslutsförslag|förslag till beslut"
    r"|beslut(?:ades)? att|(?:[\wåäö]+\s+){1,2}(?:beslutar|beslutade|beslöt)(?:\s+att)?)\s*:?$",
    re.IGNORECASE,
)
_INLINE_MARKER = re.compile(r"^(?:beslut|beslutades|beslutade|beslöts)\s*:\s*(?P<rest>\S.*)$", re.I)
_INLINE_DECISION = re.compile(
    r"^(?:(?:[\wåäö]+\s+){1,2}(?:beslutar|beslutade|beslöt)|(?:det\s+)?beslutades|beslöts"
    r"|beslut)\s+(?:att|om att|enligt)\b"
    # "Årsmötet beslutade bevilja ...", "Mötet nominerar och väljer ...": a meeting (or
    # board) as the subject of a deciding verb.
    r"|^(?:[\wåäö-]+\s+)?[\wåäö-]*(?:mötet|stämman|styrelsen|gruppen|nämnden|rådet|utskottet)"
    r"\s+(?:(?:enhälligt|enigt|därmed|därefter|vidare|också|även)\s+)?"
    r"(?:beslutar|beslutade|beslöt|nominerar\s+och\s+väljer|nominerade\s+och\s+valde|väljer"
    r"|valde|utser|utsåg|godkänner|godkände|fastställer|fastställde|antar|antog|beviljar"
    r"|beviljade)\s+\S",
    re.IGNORECASE,
)
_SUB_PARAGRAPH = re.compile(r"^§\s*\d{1,3}\.\d{1,2}\.?\s+(?P<title>\S.*)$")
_ACTION_TITLE = re.compile(r"^(action\s*points?|actions?|åtgärder|åtgärdslista|att göra|uppdrag)\b",
                           re.IGNORECASE)
# Block words that open a part of an item without naming its topic.
GENERIC_BLOCKS = frozenset({
    "diskussion", "diskussioner", "information", "bakgrund", "ärendebeskrivning", "föredragning",
    "beslutsunderlag", "yrkanden", "propositionsordning", "noteringar", "anteckningar",
    "sammanfattning", "övrigt", "handlingar",
})
_TITLE_CONNECTORS = ("och", "samt", "av", "för", "i", "om", "till", "med", "inom", "på", "–", "-",
                     "&", ",", "/")


@dataclass(frozen=True)
class ItemStart:
    index: int  # line index where the item starts
    number: str
    title: str
    body_start: int  # first line index of the body


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
    if label_key(following) in GENERIC_BLOCKS or _MARKER.match(label_key(following)):
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


def _numbered_items(lines: list[str], start: int, bare: bool) -> list[ItemStart]:
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
            if style is not None and value == previous + 1 and title[:1].isupper():
                # "3. Anna Ek valdes till mötesordförande.": the item is the sentence.
                found.append(ItemStart(index, number, fold(title), index + 1))
                previous = value
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


# --- the body of one item -------------------------------------------------------------


@dataclass
class _Body:
    text_lines: list[str]
    decisions: list[ParsedDecision]
    heading: str | None = None
    current: list[str] | None = None

    def finish(self) -> None:
        if self.current:
            text = fold(" ".join(self.current))
            if text:
                self.decisions.append(ParsedDecision(text=text, heading=self.heading))
        self.current = None


def _content(line: str) -> tuple[str, bool]:
    """A line without its bullet, and whether it had one."""
    stripped = line.strip()
    match = BULLET.match(stripped)
    if match:
        return stripped[match.end():].strip(), True
    return stripped, False


def _is_topic_heading(lines: list[str], index: int, previous_blank: bool) -> bool:
    line = lines[index]
    if not previous_blank or BULLET.match(line.strip()):
        return False
    if label_key(line) in GENERIC_BLOCKS or not looks_like_heading(line):
        return False
    following = index + 1
    return following >= len(lines) or is_blank(lines[following])


def read_body(title: str, lines: list[str]) -> tuple[str, tuple[ParsedDecision, ...]]:
    """The item's text (decisions left out) and its decisions."""
    body = _Body(text_lines=[], decisions=[])
    mode = "decisions" if _ACTION_TITLE.match(title) else "text"
    style: str | None = "list" if mode == "decisions" else None
    first_in_block = True
    previous_blank = True
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            if style == "inline":
                body.finish()
                mode, style = "text", None
            elif style in ("para", "bullet", "list"):
                body.finish()
            body.text_lines.append("")
            previous_blank = True
            continue
        key = label_key(line)
        inline = _INLINE_MARKER.match(plain(line))
        if _MARKER.match(key) or inline:
            body.finish()
            mode, style, first_in_block = "decisions", None, True
            if inline:
                content, _ = _content(inline.group("rest"))
                style = "att" if content.casefold().startswith("att ") else "para"
                body.current, first_in_block = [content], False
            previous_blank = False
            continue
        if style == "inline":
            if _INLINE_DECISION.match(plain(line)):
                body.finish()
                body.current = [_content(line)[0]]
                continue
            if body.current and not ends_sentence(body.current[-1]):
                body.current.append(_content(line)[0])
                continue
            body.finish()
            mode, style = "text", None
        if mode == "decisions":
            ends_block = key in GENERIC_BLOCKS or (
                not first_in_block and _is_topic_heading(lines, index, previous_blank)
            )
            if ends_block:
                body.finish()
                mode, style = "text", None
            else:
                style = _decision_line(body, line, style, previous_blank)
                first_in_block = False
                previous_blank = False
                continue
        # text mode
        sub_paragraph = _SUB_PARAGRAPH.match(plain(line))
        if sub_paragraph:
            body.heading = sub_paragraph.group("title")
        elif _is_topic_heading(lines, index, previous_blank or index == 0):
            body.heading = None if key in GENERIC_BLOCKS else plain(line)
        elif _INLINE_DECISION.match(plain(line)):
            body.finish()
            mode, style, body.current = "decisions", "inline", [_content(line)[0]]
            previous_blank = False
            continue
        body.text_lines.append(line)
        previous_blank = False
    body.finish()
    return render_text(body.text_lines), tuple(body.decisions)


def _decision_line(body: _Body, line: str, style: str | None, previous_blank: bool) -> str:
    """Place one line of a decision block; returns the block's style."""
    content, bullet = _content(line)
    is_att = content.casefold().startswith("att ")
    if style is None:
        style = "att" if is_att else "bullet" if bullet else "para"
    if style == "att":
        if is_att:
            body.finish()
            body.current = [content]
        elif bullet or previous_blank or body.current is None:
            # Sub-lists and loose paragraphs between "Att ..." points are discussion.
            body.finish()
            body.text_lines.append(line)
        else:
            body.current.append(content)
    elif style in ("bullet", "list"):
        if bullet or body.current is None or previous_blank:
            body.finish()
            body.current = [content]
        else:
            body.current.append(content)
    else:  # "para" and "inline": one decision per paragraph
        if body.current is None or previous_blank:
            body.finish()
            body.current = [content]
        else:
            body.current.append(content)
    return style


def render_text(lines: list[str]) -> str:
    """Paragraphs reflowed; list entries kept one per line."""
    out: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            out.append(" ".join(paragraph))
            paragraph.clear()

    blocks: list[str] = []
    for line in lines + [""]:
        text = fold(line)
        if not text:
            flush()
            if out:
                blocks.append("\n".join(out))
                out.clear()
            continue
        content, bullet = _content(text)
        if bullet:
            flush()
            paragraph.append(f"- {content}")
        else:
            paragraph.append(text)
    return "\n\n".join(block for block in blocks if block)


def build_item(start: ItemStart, lines: list[str]) -> ParsedItem:
    text, decisions = read_body(start.title, lines)
    return ParsedItem(number=start.number, title=start.title, text=text, decisions=decisions)
