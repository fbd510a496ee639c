"""PDF text, rebuilt as visual rows from where pdfminer places each text line.

Minutes often set "Tid"/"Plats" labels and attendee lists in two-column tables.
Plain extraction prints a table's labels first and its values later, or one column
after the other; grouping text lines by their vertical position keeps each label on
the line of its value. Cells of one row are joined with "\\t", rows with "\\n", and
a blank line marks a clearly larger vertical gap (a paragraph break).
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTComponent, LTTextLine
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from parsing.model import ParseError

# boxes_flow=None skips pdfminer's ordering of text boxes, which is the slow part of
# layout analysis and which the rows rebuilt here replace. all_texts also reads text
# drawn inside form XObjects, where some producers put a whole page.
LAPARAMS = LAParams(
    line_overlap=0.5,
    char_margin=2.0,
    line_margin=0.5,
    word_margin=0.1,
    boxes_flow=None,
    detect_vertical=False,
    all_texts=True,
)
NO_TEXT_MESSAGE = "the PDF has no text layer (is it a scanned document?)"

_UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")
# A row's first cell that only numbers or marks the rest: "12.", "§ 9", "A)", a bullet.
_MARKER = re.compile(r"^(?:§\s*)?(?:\d+(?:\.\d+)*[.):]?|[A-Za-z][.)])$|^[^\w\s]$")
_WORD_GAP = 0.5  # a gap narrower than this many line heights is a space, not a column
_MARKER_GAP = 2.5  # a numbering or bullet cell may stand further off its text
_SAME_ROW_OVERLAP = 0.5  # share of the lower line's height two lines must share
_LABEL_MAX = 30
_FILLED = 0.6  # a value line this wide (of what is left of the page) may have wrapped


@dataclass(frozen=True)
class _Line:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return max(self.y1 - self.y0, 1.0)


def extract_pdf(data: bytes) -> list[str]:
    """One string per page. Raises ParseError for unreadable or text-less PDFs."""
    try:
        pages = [_page_text(_text_lines(page)) for page in _pages(data)]
    except PDFPasswordIncorrect as exc:
        raise ParseError(
            "corrupt_pdf", "the PDF is protected by a password and cannot be opened"
        ) from exc
    except PDFEncryptionError as exc:
        raise ParseError(
            "corrupt_pdf", "the PDF is encrypted in a way that cannot be read"
        ) from exc
    except MemoryError as exc:
        raise ParseError("memory", "reading the PDF needed too much memory") from exc
    except Exception as exc:  # pdfminer fails in many ways on broken files
        raise ParseError(
            "corrupt_pdf", "the PDF is damaged or incomplete and cannot be read"
        ) from exc
    if not pages:
        raise ParseError("corrupt_pdf", "the PDF has no pages")
    if not any(page.strip() for page in pages):
        raise ParseError("no_text_layer", NO_TEXT_MESSAGE)
    return pages


def _pages(data: bytes) -> Iterator[LTComponent]:
    return extract_pages(io.BytesIO(data), laparams=LAPARAMS)


def _text_lines(container: Iterable[object]) -> list[_Line]:
    found: list[_Line] = []
    for obj in container:
        if isinstance(obj, LTTextLine):
            # Some producers put tab characters between words: fold to one space.
            text = " ".join(_UNMAPPED_GLYPH.sub("", obj.get_text()).split())
            if text:
                found.append(_Line(text, obj.x0, obj.y0, obj.x1, obj.y1))
        elif isinstance(obj, Iterable):
            found.extend(_text_lines(obj))
    return found


def _page_text(lines: list[_Line]) -> str:
    rows = _group_rows(lines)
    if not rows:
        return ""
    normal_gap = _normal_gap(rows)
    rows = _merge_wrapped_cells(rows, normal_gap, max(line.x1 for line in lines))
    out = [_row_text(rows[0])]
    for above, below in itertools.pairwise(rows):
        if _is_break(above, below, normal_gap):
            out.append("")
        out.append(_row_text(below))
    return "\n".join(out)


def _is_break(above: list[_Line], below: list[_Line], normal_gap: float) -> bool:
    """A paragraph break: clearly more space between the rows than between lines."""
    height = min(_row_height(above), _row_height(below))
    return _bottom(above) - _top(below) > normal_gap + 0.4 * height


def _normal_gap(rows: list[list[_Line]]) -> float:
    """The usual space between two lines of one paragraph on this page.

    Capped so that a page where every line is its own paragraph still shows its
    paragraph breaks.
    """
    gaps = sorted(_bottom(a) - _top(b) for a, b in itertools.pairwise(rows))
    positive = [gap for gap in gaps if gap >= 0]
    if not positive:
        return 0.0
    height = statistics.median(_row_height(row) for row in rows)
    return min(positive[len(positive) // 4], 0.35 * height)


def _top(row: list[_Line]) -> float:
    return max(line.y1 for line in row)


def _bottom(row: list[_Line]) -> float:
    return min(line.y0 for line in row)


def _row_height(row: list[_Line]) -> float:
    return statistics.median(line.height for line in row)


def _group_rows(lines: list[_Line]) -> list[list[_Line]]:
    """Lines that share most of their height form one row, cells sorted left to right."""
    rows: list[list[_Line]] = []
    for line in sorted(lines, key=lambda item: (-item.y1, item.x0)):
        if rows and _same_row(rows[-1][0], line):
            rows[-1].append(line)
        else:
            rows.append([line])
    return [_dedupe(sorted(row, key=lambda item: item.x0)) for row in rows]


def _same_row(anchor: _Line, line: _Line) -> bool:
    overlap = min(anchor.y1, line.y1) - max(anchor.y0, line.y0)
    return overlap >= _SAME_ROW_OVERLAP * min(anchor.height, line.height)


def _dedupe(row: list[_Line]) -> list[_Line]:
    """Drop a line drawn twice at almost the same place (a producer's fake bold)."""
    kept: list[_Line] = []
    for line in row:
        if not any(line.text == k.text and abs(line.x0 - k.x0) < 2 for k in kept):
            kept.append(line)
    return kept


def _merge_wrapped_cells(
    rows: list[list[_Line]], normal_gap: float, right_edge: float
) -> list[list[_Line]]:
    """Put a label/value table's cells back together where their text wrapped.

    A label "Datum och" / "tid:" becomes "Datum och tid:", and a value that filled
    its column and went on under itself ("..., Ylva" / "Selander") is joined. Lines
    that do not fill the column stay apart: they are a list, one entry a line.
    """
    merged: list[list[_Line]] = []
    for row in rows:
        previous = merged[-1] if merged else None
        if previous is None or len(row) != 1 or _is_break(previous, row, normal_gap):
            merged.append(row)
        elif _continues_label(previous, row[0]):
            previous[0] = _joined(previous[0], row[0])
        elif _continues_value(previous, row[0], right_edge):
            previous[-1] = _joined(previous[-1], row[0])
        else:
            merged.append(row)
    return merged


def _joined(cell: _Line, part: _Line) -> _Line:
    # The joined cell takes the part's extent, so a third line joins only if the
    # part, too, filled the column.
    return replace(cell, text=f"{cell.text} {part.text}", y0=part.y0, x1=part.x1)


def _continues_label(previous: list[_Line], part: _Line) -> bool:
    label = previous[0]
    return (
        len(previous) >= 2
        and abs(part.x0 - label.x0) < 2
        and part.text.endswith(":")
        and not label.text.endswith(":")
        and len(label.text) + len(part.text) < _LABEL_MAX
    )


def _continues_value(previous: list[_Line], part: _Line, right_edge: float) -> bool:
    label, value = previous[0], previous[-1]
    return (
        len(previous) == 2
        and label.text.endswith(":")
        and abs(part.x0 - value.x0) < 2
        and value.x1 - value.x0 >= _FILLED * (right_edge - value.x0)
        and not value.text.endswith((".", "!", "?", ":"))
    )


def _row_text(row: list[_Line]) -> str:
    text = row[0].text
    for position, (left, right) in enumerate(itertools.pairwise(row)):
        gap = right.x0 - left.x1
        height = min(left.height, right.height)
        marker = position == 0 and _MARKER.match(left.text) is not None
        near = gap < (_MARKER_GAP if marker else _WORD_GAP) * height
        text += (" " if near else "\t") + right.text
    return text
