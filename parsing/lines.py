"""Small helpers over the lines of cleaned minutes text."""

from __future__ import annotations

import re

_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
_EMPHASIS = re.compile(r"\*\*|__")
_SENTENCE_END = (".", "!", "?", ":", ";", ",")
# Headings of the agenda announced before the items themselves.
AGENDA_HEADINGS = frozenset({"ärenden", "dagordning", "föredragningslista", "agenda",
                             "ärendelista", "punkter"})


def fold(text: str) -> str:
    """Whitespace (tabs included) folded to single spaces, ends stripped."""
    return " ".join(text.split())


def plain(line: str) -> str:
    """A line without markdown heading marks or emphasis, folded."""
    text = _EMPHASIS.sub("", line.strip())
    match = _MARKDOWN_HEADING.match(text)
    if match:
        text = match.group(2)
    return fold(text)


_UNDERLINE = re.compile(r"^\s*(?:={3,}|-{3,})\s*$")


def setext_headings(lines: list[str]) -> list[str]:
    """Markdown headings underlined with "===" (level 1) or "---" (level 2) written as
    "# Title" / "## Title", so that one rule reads both kinds; the underline goes."""
    result = list(lines)
    for index in range(1, len(result)):
        title = result[index - 1].strip()
        if not _UNDERLINE.match(result[index]) or not title or title.startswith(("|", "#")):
            continue
        if title.endswith((".", "!", "?")) or title.startswith(("-", "*", ">")):
            continue  # a sentence or a list entry over a rule, not a heading
        if index >= 2 and result[index - 2].strip():
            continue  # a line of a paragraph, not a heading of its own
        marks = "#" if result[index].strip().startswith("=") else "##"
        result[index - 1], result[index] = f"{marks} {title}", ""
    return result


def markdown_level(line: str) -> int:
    match = _MARKDOWN_HEADING.match(line.strip())
    return len(match.group(1)) if match else 0


def label_key(line: str) -> str:
    """A line reduced for comparing with a heading or label word."""
    return plain(line).rstrip(":").strip().casefold()


def is_blank(line: str) -> bool:
    return not line.strip()


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_SENTENCE_END)


def looks_like_heading(text: str) -> bool:
    """A short line that names a topic rather than saying something."""
    text = plain(text)
    if not text or len(text) > 60 or ends_sentence(text):
        return False
    if not (text[:1].isupper() or text[:1].isdigit()):
        return False
    return len(text.split()) <= 6


def paragraphs(lines: list[str]) -> list[list[str]]:
    """Runs of non-blank lines."""
    result: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if is_blank(line):
            if current:
                result.append(current)
                current = []
        else:
            current.append(line)
    if current:
        result.append(current)
    return result
