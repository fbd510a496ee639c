"""Word (.docx) documents: body paragraphs and tables in document order, as one page.

Table rows come out as visual rows, cells joined by "\\t", the way the PDF reader
rebuilds them, so the structure parser sees one shape for both formats. Headers and
footers are page furniture and are skipped, except the first section's header,
which is read once at the top: minutes often name the organisation there.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

import docx
from lxml import etree

from parsing.model import ParseError

MAX_ENTRIES = 2_000
MAX_TOTAL_SIZE = 100 * 1024 * 1024  # uncompressed, all entries together
MAX_RATIO = 200  # uncompressed/compressed for one entry; real docx XML stays far below
_RATIO_FLOOR = 1024 * 1024  # small entries may compress as well as they like
MAIN_PART = "word/document.xml"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Not visible text: formatting, deleted text, field codes. Text boxes are read on
# their own after their paragraph; a Fallback repeats its Choice for old readers.
_SKIP = frozenset(
    {_W + "pPr", _W + "rPr", _W + "del", _W + "delText", _W + "instrText", _MC_FALLBACK}
)
_CONTAINERS = frozenset({_W + "sdt", _W + "sdtContent", _W + "customXml"})


def extract_docx(data: bytes) -> str:
    """The document's text. Raises ParseError for zips that are no (readable) docx."""
    check_zip(data)
    try:
        document = docx.Document(io.BytesIO(data))
        lines = _letterhead(document) + _block_lines(document.element.body)
    except MemoryError as exc:
        raise ParseError("memory", "reading the Word document needed too much memory") from exc
    except Exception as exc:  # python-docx, zipfile and lxml fail in many ways
        raise ParseError(
            "corrupt_docx", "the Word document is damaged or incomplete and cannot be read"
        ) from exc
    return "\n".join(lines)


def check_zip(data: bytes) -> None:
    """Refuse zips that are not docx, and zip bombs, before anything unpacks them."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except Exception as exc:
        raise ParseError(
            "corrupt_docx", "the file looks like a Word document (zip) but cannot be read"
        ) from exc
    if not any(entry.filename == MAIN_PART for entry in entries):
        raise ParseError(
            "unsupported_type", "the zip file is not a Word document (.docx)"
        )
    if len(entries) > MAX_ENTRIES or sum(e.file_size for e in entries) > MAX_TOTAL_SIZE:
        raise ParseError("too_large", "the Word document is too large to read")
    for entry in entries:
        if entry.file_size > _RATIO_FLOOR and entry.file_size > MAX_RATIO * max(
            entry.compress_size, 1
        ):
            raise ParseError(
                "too_large", "the Word document unpacks to far more than its size (a zip bomb?)"
            )


def _letterhead(document: docx.document.Document) -> list[str]:
    if not document.sections:
        return []
    section = document.sections[0]
    header = (
        section.first_page_header
        if section.different_first_page_header_footer
        else section.header
    )
    if header.is_linked_to_previous:  # the first section has no header of its own
        return []
    return _block_lines(header._element)


def _block_lines(container: Iterable[etree._Element]) -> list[str]:
    lines: list[str] = []
    for child in container:
        if child.tag == _W + "p":
            lines.extend(_paragraph_lines(child))
        elif child.tag == _W + "tbl":
            lines.extend(_table_lines(child))
        elif child.tag in _CONTAINERS:
            lines.extend(_block_lines(child))
    return lines


def _paragraph_lines(paragraph: etree._Element) -> list[str]:
    parts: list[str] = []
    boxes: list[etree._Element] = []
    _collect_text(paragraph, parts, boxes)
    lines = "".join(parts).split("\n")
    for box in boxes:
        lines.extend(_block_lines(box))
    return lines


def _collect_text(element: etree._Element, parts: list[str], boxes: list[etree._Element]) -> None:
    for child in element:
        tag = child.tag
        if tag in _SKIP or not isinstance(tag, str):
            continue
        if tag == _W + "t":
            parts.append(child.text or "")
        elif tag == _W + "tab":
            parts.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            parts.append("\n")
        elif tag == _W + "noBreakHyphen":
            parts.append("-")
        elif tag == _W + "softHyphen":
            parts.append("\u00ad")
        elif tag == _W + "sym":
            parts.append(_symbol(child))
        elif tag == _W + "txbxContent":
            boxes.append(child)
        else:
            _collect_text(child, parts, boxes)


def _symbol(element: etree._Element) -> str:
    """A w:sym glyph (often a Symbol-font bullet) as its private-use code point."""
    try:
        return chr(int(element.get(_W + "char", ""), 16))
    except ValueError:
        return ""


def _table_lines(table: etree._Element) -> list[str]:
    lines: list[str] = []
    for row in table.iter(_W + "tr"):
        if _enclosing_table(row) is not table:
            continue  # a nested table's row: read within its cell
        cells = [_cell_lines(cell) for cell in row.iter(_W + "tc") if _enclosing_row(cell) is row]
        lines.extend(_zip_cells([cell for cell in cells if cell]))
    return lines


def _enclosing_table(row: etree._Element) -> etree._Element | None:
    return next(row.iterancestors(_W + "tbl"), None)


def _enclosing_row(cell: etree._Element) -> etree._Element | None:
    return next(cell.iterancestors(_W + "tr"), None)


def _cell_lines(cell: etree._Element) -> list[str]:
    properties = cell.find(_W + "tcPr")
    merge = properties.find(_W + "vMerge") if properties is not None else None
    if merge is not None and merge.get(_W + "val", "continue") == "continue":
        return []  # the cell above spans this row and already holds the text
    return [line.strip() for line in _block_lines(cell) if line.strip()]


def _zip_cells(cells: list[list[str]]) -> list[str]:
    """Lay cells side by side: line i of the row is line i of each cell, "\\t"-joined."""
    depth = max((len(cell) for cell in cells), default=0)
    return ["\t".join(cell[i] for cell in cells if i < len(cell)) for i in range(depth)]
