"""The body of an agenda item: its text, and the decisions inside it (where items start is
`itemstarts`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lines import (
    ends_sentence,
    fold,
    is_blank,
    label_key,
    looks_like_heading,
    plain,
)
from .model import ParsedDecision, ParsedItem
from .people import BULLET

if TYPE_CHECKING:
    from .itemstarts import ItemStart


# A heading that opens the decisions ("Beslut", "Styrelsen beslutar att").
DECISION_HEADING = re.compile(
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
        if DECISION_HEADING.match(key) or inline:
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
    if start.sentence and _INLINE_DECISION.match(start.title):
        # "4. Årsmötet beslutade att bevilja styrelsen ansvarsfrihet.": the item is a decision.
        decisions = (ParsedDecision(start.title), *decisions)
    return ParsedItem(number=start.number, title=start.title, text=text, decisions=decisions)
