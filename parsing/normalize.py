"""Character noise and page furniture: extracted pages into one text for the structure parser.

`normalize_line_noise` works on characters only and is applied to every format by
`extract`. `clean_pages` also removes what a page carries but the minutes do not say
(page numbers, running headers and footers, sender blocks) and joins the pages.
Line structure is kept throughout: the structure parser reads headings, labels and
bullets line by line, so nothing here reflows a paragraph.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

__all__ = ["clean_pages", "normalize_line_noise", "running_key", "running_lines"]

_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff]|[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# A producer may print a soft hyphen where it broke a word: it is a real break there.
_SOFT_HYPHEN_AT_END = re.compile("\u00ad+(?=\n|$)")
# Between digits it stands for the hyphen of a date or a range ("2024\u00ad03\u00ad12").
_SOFT_HYPHEN_IN_NUMBER = re.compile("(?<=[0-9])\u00ad+(?=[0-9])")
_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
     "\ufb05": "st", "\ufb06": "st"}
)

# Spacing accents as pdfminer prints them from LaTeX PDFs, with the combining mark
# each stands for and the letters it may sit on (vowels only for the acute, so that
# "don´t" used as an apostrophe is left alone).
_VOWELS = "aeiouyAEIOUY"
_SPACING_ACCENTS: dict[str, tuple[str, str]] = {
    "\u00a8": ("\u0308", _VOWELS),  # ¨
    "\u02da": ("\u030a", _VOWELS),  # ˚
    "\u00b4": ("\u0301", _VOWELS),  # ´
    "\u02c6": ("\u0302", _VOWELS),  # ˆ
    "\u02dc": ("\u0303", _VOWELS + "nN"),  # ˜
    "\u02c7": ("\u030c", "cCsSzZrRnNeE"),  # ˇ
}
# Diaeresis and ring are never used as apostrophes, so they may also follow their letter.
_MAY_FOLLOW = {"\u00a8", "\u02da"}
_ACCENT = re.compile(
    r"([^\W\d_])?([\u00a8\u02da\u00b4\u02c6\u02dc\u02c7\u0300-\u036f])([^\W\d_])?"
)

# Lost bullet glyphs (Symbol/Wingdings code points, typographic bullets, a dash used
# as a bullet) at the start of a line become "- " so the structure parser sees one kind.
# Their indentation is layout noise; a typed "-" or "*" keeps its indentation, which
# nests Markdown lists.
_BULLET_GLYPHS = (
    "\ue000-\uf8ff"  # private use: Symbol/Wingdings bullets without a Unicode mapping
    "\u2022\u2023\u2043\u2219\u00b7"  # • ‣ ⁃ ∙ ·
    "\u25aa\u25e6\u25cf\u25cb\u25a0\u25a1\u25ba\u25b6"  # ▪ ◦ ● ○ ■ □ ► ▶
    "\u27a2\u27a4\u2713\u2714"  # ➢ ➤ ✓ ✔
)
_BULLET = re.compile(
    rf"^[ \t]*(?:[{_BULLET_GLYPHS}]|[\u2013\u2014](?=[ \t]))[ \t]*", re.MULTILINE
)
_TYPED_BULLET = re.compile(r"^([ \t]*)[-*][ \t]+", re.MULTILINE)
_LONE_BULLET = re.compile(r"^- \n(?=[^\n\s])", re.MULTILINE)

_PAGE_NUMBER = re.compile(
    r"""^(?:(?:sida|sidan|page|s\.)\s*\d+(?:\s*(?:av|of|/)\s*\d+|\s*\(\s*\d+\s*\))?
         |\d+\s*\(\s*\d+\s*\)
         |[-\u2013\u2014]\s*\d+\s*[-\u2013\u2014])$""",
    re.IGNORECASE | re.VERBOSE,
)
_BARE_NUMBER = re.compile(r"^\d{1,3}$")
_EDGE = 3  # how many non-blank lines at a page's top and bottom can be furniture
_SENDER_ALONE = re.compile(r"^avsändare\s*:?$", re.IGNORECASE)
_SENDER_INLINE = re.compile(r"^avsändare(?:\s*:\s*|\t)\S.{0,60}$", re.IGNORECASE)
_NAME_MAX = 60
_SENTENCE_END = (".", "!", "?", ":")


def normalize_line_noise(text: str) -> str:
    """Fix character-level noise; idempotent, keeps every line where it was."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _SOFT_HYPHEN_AT_END.sub("-", text)
    text = _SOFT_HYPHEN_IN_NUMBER.sub("-", text).replace("\u00ad", "")
    text = _SPACES.sub(" ", _INVISIBLE.sub("", text)).translate(_LIGATURES)
    text = unicodedata.normalize("NFC", _ACCENT.sub(_place_accent, text))
    text = re.sub(r"[ \t]*\t[ \t]*", "\t", text)
    text = re.sub(r"[ \t]+$", "", text, flags=re.MULTILINE)
    text = _TYPED_BULLET.sub(r"\1- ", _BULLET.sub("- ", text))
    text = _LONE_BULLET.sub("- ", text)
    return re.sub(r"[ \t]+$", "", text, flags=re.MULTILINE)


def _composes(letter: str, mark: str) -> bool:
    return len(unicodedata.normalize("NFC", letter + mark)) == 1


def _place_accent(match: re.Match[str]) -> str:
    before, accent, after = match.group(1) or "", match.group(2), match.group(3) or ""
    if accent not in _SPACING_ACCENTS:
        # A combining mark belongs after its letter; move it only when the letter
        # before cannot carry it and the one after can (a mark printed too early).
        if before and _composes(before, accent):
            return match.group(0)
        if after and _composes(after, accent):
            return before + after + accent
        return match.group(0)
    mark, bases = _SPACING_ACCENTS[accent]
    if after and after in bases and _composes(after, mark):
        return before + after + mark
    if accent in _MAY_FOLLOW and before and before in bases and _composes(before, mark):
        return before + mark + after
    return match.group(0)


def clean_pages(pages: Sequence[str]) -> str:
    """Remove page furniture from each page, then join the pages into one text."""
    page_lines = [normalize_line_noise(page).split("\n") for page in pages]
    page_lines = [_drop_page_numbers(lines) for lines in page_lines]
    page_lines = _drop_running_lines(page_lines)
    page_lines = [_drop_sender_blocks(lines) for lines in page_lines]
    # Once more after joining, for a sender block that a page break cut in two.
    lines = _drop_sender_blocks(_join_pages(page_lines))
    return _collapse_blank_lines(join_hyphenated(lines))


def _edge_indexes(lines: list[str], count: int) -> tuple[list[int], list[int]]:
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return filled[:count], filled[-count:] if filled else []


def _drop_page_numbers(lines: list[str]) -> list[str]:
    top, bottom = _edge_indexes(lines, _EDGE)
    edges = set(top) | set(bottom)
    very_edge = {top[0], bottom[-1]} if top else set()
    kept: list[str] = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        if _PAGE_NUMBER.match(stripped) or (i in very_edge and _BARE_NUMBER.match(stripped)):
            continue
        if i in edges and "\t" in line:
            line = _drop_page_number_cells(line)
        kept.append(line)
    return kept


def _drop_page_number_cells(line: str) -> str:
    cells = line.split("\t")
    kept = [c for c in cells if not _PAGE_NUMBER.match(c.strip())]
    kept = [c for c in kept if not _BARE_NUMBER.match(c.strip())]
    return "\t".join(kept) if kept else line


def running_lines(pages: Sequence[str]) -> frozenset[str]:
    """The running headers and footers of the pages, as `running_key` gives them: the
    structure parser must not take the first page's copy for the title."""
    page_lines = [_drop_page_numbers(normalize_line_noise(page).split("\n")) for page in pages]
    return _running(page_lines)


def running_key(line: str) -> str:
    """A line's identity for repetition: digits masked (page numbers, dates), case folded."""
    return " ".join(re.sub(r"\d+", "#", line.casefold()).split())


def _running(page_lines: list[list[str]]) -> frozenset[str]:
    """Lines that stand (digits masked) among the top or bottom lines of at least half the
    pages, and at least two."""
    if len(page_lines) < 2:
        return frozenset()
    top: Counter[str] = Counter()
    bottom: Counter[str] = Counter()
    for lines in page_lines:
        first, last = _edge_indexes(lines, _EDGE)
        top.update({running_key(lines[i]) for i in first})
        bottom.update({running_key(lines[i]) for i in last})
    needed = max(2, math.ceil(len(page_lines) / 2))
    running = {key for counter in (top, bottom) for key, n in counter.items() if n >= needed}
    running.discard("")
    return frozenset(running)


def _drop_running_lines(page_lines: list[list[str]]) -> list[list[str]]:
    """Remove headers and footers that repeat over pages; the first page keeps its top.

    Once known, a running line is removed wherever it stands, except in the first page's
    top lines: that letterhead names the organisation, which the structure parser needs.
    """
    running = _running(page_lines)
    if not running:
        return page_lines
    protected = set(_edge_indexes(page_lines[0], _EDGE)[0])
    result = []
    for page_no, lines in enumerate(page_lines):
        result.append([
            line for i, line in enumerate(lines)
            if (page_no == 0 and i in protected) or running_key(line) not in running
        ])
    return result


def _drop_sender_blocks(lines: list[str]) -> list[str]:
    """Remove "Avsändare" and the name line after it: a PDF footer that lands mid-text.

    An "Avsändare" with no line after it stays, so that the pass over the joined
    pages finds it together with its name at the top of the next page.
    """
    kept: list[str] = []
    pending: str | None = None
    for line in lines:
        stripped = line.strip()
        if pending is not None and stripped:
            if len(stripped) > _NAME_MAX:
                kept.append(line)
            pending = None
            continue
        if _SENDER_ALONE.match(stripped):
            pending = line
        elif not _SENDER_INLINE.match(stripped):
            kept.append(line)
    if pending is not None:
        kept.append(pending)
    return kept


def _trim(lines: list[str]) -> list[str]:
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    end = len(lines)
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


def _join_pages(page_lines: list[list[str]]) -> list[str]:
    """Join pages with a blank line, or continue a sentence that a page break cut."""
    joined: list[str] = []
    for lines in (_trim(lines) for lines in page_lines):
        if not lines:
            continue
        if joined and _continues(joined[-1], lines[0]):
            if joined[-1].endswith("-"):
                joined.extend(lines)  # one line break: join_hyphenated decides
            else:
                joined[-1] = f"{joined[-1]} {lines[0].lstrip()}"
                joined.extend(lines[1:])
            continue
        if joined:
            joined.append("")
        joined.extend(lines)
    return joined


def _continues(last: str, first: str) -> bool:
    first = first.lstrip()
    return (
        not last.rstrip().endswith(_SENTENCE_END)
        and "\t" not in last
        and first[:1].islower()
    )


def _collapse_blank_lines(lines: list[str]) -> str:
    out: list[str] = []
    for line in _trim(lines):
        if line.strip() or (out and out[-1]):
            out.append(line if line.strip() else "")
    return "\n".join(out)


# Words that stand after a hyphen in "idrotts- och evenemangsprofil": a line that ends
# in "idrotts-" and goes on with one of them is not a hyphenated word.
_CONTINUATIONS = frozenset(
    {"och", "eller", "samt", "som", "respektive", "resp", "liksom", "men", "till",
     "and", "or", "nor", "to"}
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_LEADING_LETTERS = re.compile(r"[^\W\d_]+")


def join_hyphenated(lines: list[str]) -> list[str]:
    """Undo line-end hyphenation: "utveck-" + "las och" -> "utvecklas" + "och".

    The rest of the word moves up to the line that holds its start, and the rest
    of the next line stays on its own line, so every other line keeps its place.
    The document's own words decide doubtful cases: "två-" + "tre" stays
    "två-tre" when the text writes "två-tre" elsewhere and never "tvåtre".
    """
    words = {w.lower() for line in lines for w in _WORD.findall(line)}
    out = list(lines)
    i = 0
    while i < len(out) - 1:
        joined = _join_pair(out[i], out[i + 1], words)
        if joined is None:
            i += 1
            continue
        out[i], rest = joined
        if rest:
            out[i + 1] = rest
        else:
            del out[i + 1]
    return out


def _join_pair(line: str, following: str, words: set[str]) -> tuple[str, str] | None:
    if not line.endswith("-") or "\t" in line:
        return None
    fragment = line.rsplit(None, 1)[-1][:-1] if line.strip() else ""
    following = following.lstrip()
    rest = _LEADING_LETTERS.match(following)
    if (
        len(fragment) < 2
        or not fragment[-2:].isalpha()
        or not fragment[-1].islower()
        or rest is None
        or not rest.group(0)[0].islower()
    ):
        return None
    start = _LEADING_LETTERS.findall(fragment)[-1].lower()
    plain = f"{start}{rest.group(0)}".lower() in words
    compound = f"{start}-{rest.group(0)}".lower() in words
    if compound and not plain:
        keep_hyphen = True
    elif plain and not compound:
        keep_hyphen = False
    elif rest.group(0).lower() in _CONTINUATIONS:
        # "gemen-" + "samt" is a word when the text has others that start "gemens...".
        prefix = f"{start}{rest.group(0)[:2]}".lower()
        if not any(word.startswith(prefix) for word in words):
            return None
        keep_hyphen = False
    else:
        keep_hyphen = False
    token, *remainder = re.split(r"[ \t]+", following, maxsplit=1)
    head = line if keep_hyphen else line[:-1]
    return head + token, "".join(remainder)
