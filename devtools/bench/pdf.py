"""A synthetic meeting as a PDF of several pages with a running footer.

The lines are those of `minutes_text`, drawn in Helvetica (whose WinAnsi encoding has å, ä,
ö and é, and which pdfminer reads back without a ToUnicode map); a blank line becomes a
wider gap, which the parser reads as a paragraph break. Pages break only between
paragraphs, and never so that a line the minutes repeat ("Beslut") stands among a page's
first or last lines: the parser takes lines repeated at the edges of many pages for running
headers and footers and removes them.
"""

from __future__ import annotations

import io
import math
import re
from collections import Counter

from .generator import SyntheticMeeting
from .render import minutes_lines

FONT = "Helvetica"
FONT_SIZE = 9.5
LEADING = FONT_SIZE * 1.3
PAGE_LINES = 52  # lines a page holds (a blank line counts as one)
_EDGE = 3  # the lines at a page's top and bottom the parser inspects for furniture
_LEFT = 72.0
_RIGHT = 523.0  # A4 is 595 points wide
_SECOND_COLUMN = 300.0


def minutes_pdf(meeting: SyntheticMeeting) -> bytes:
    """The meeting's minutes as PDF bytes; the same meeting always gives the same bytes."""
    try:
        from reportlab.lib.pagesizes import A4  # noqa: PLC0415 - development requirement
        from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: PLC0415
        from reportlab.pdfgen.canvas import Canvas  # noqa: PLC0415
    except ImportError as error:
        raise ImportError(
            "generated PDFs need reportlab: pip install -r requirements-dev.txt"
        ) from error
    pages = paginate(minutes_lines(meeting))
    buffer = io.BytesIO()
    # invariant=True leaves out dates and random ids, so equal input gives equal bytes.
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    footer = f"{meeting.organisation}, {meeting.title}, {meeting.start:%Y-%m-%d}"
    top = A4[1] - 72.0
    for number, lines in enumerate(pages, start=1):
        canvas.setFont(FONT, 8)
        canvas.drawString(_LEFT, 40, footer)
        canvas.drawRightString(_RIGHT, 40, f"Sida {number} av {len(pages)}")
        y = top
        for line in lines:
            if not line:
                y -= LEADING * 0.8
                continue
            for cell, x in zip(line.split("\t"), (_LEFT, _SECOND_COLUMN), strict=False):
                # A rare line wider than the page is set smaller rather than cut.
                size = min(FONT_SIZE, FONT_SIZE * (_RIGHT - x) / stringWidth(cell, FONT,
                                                                              FONT_SIZE))
                canvas.setFont(FONT, size)
                canvas.drawString(x, y, cell)
            y -= LEADING
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _mask(line: str) -> str:
    """A line as the parser compares page edges: digits masked, case and spaces folded."""
    return " ".join(re.sub(r"\d+", "#", line.casefold()).split())


def paginate(lines: list[str], page_lines: int = PAGE_LINES) -> list[list[str]]:
    """At least two pages, broken at blank lines, with no repeated line at a page's edge."""
    counts = Counter(_mask(line) for line in lines if line)
    repeated = [bool(line) and counts[_mask(line)] > 1 for line in lines]
    capacity = min(page_lines, max(8, math.ceil(len(lines) / 2) + 2))
    pages: list[list[str]] = []
    start = 0
    while len(lines) - start > capacity:
        cut = _break(lines, repeated, start, start + capacity)
        pages.append(_trim(lines[start:cut]))
        start = cut
    pages.append(_trim(lines[start:]))
    return [page for page in pages if page]


def _break(lines: list[str], repeated: list[bool], start: int, limit: int) -> int:
    """The latest blank line before `limit` that is a safe page break, else `limit`."""
    for cut in range(limit, start + 1, -1):
        if lines[cut - 1]:
            continue  # break only after a blank line, between paragraphs
        before = [i for i in range(start, cut) if lines[i]][-_EDGE:]
        after = [i for i in range(cut, min(len(lines), cut + 2 * _EDGE)) if lines[i]][:_EDGE]
        if not any(repeated[i] for i in before + after):
            return cut
    return limit


def _trim(lines: list[str]) -> list[str]:
    while lines and not lines[0]:
        lines = lines[1:]
    while lines and not lines[-1]:
        lines = lines[:-1]
    return lines
