"""Build small PDF, .docx and zip files in tests, so tests need no binary fixtures.

PDFs use reportlab's standard Helvetica, whose WinAnsi encoding has å, ä, ö, é and
the en dash, and which pdfminer reads back without a ToUnicode map. All sizes are in
points (1/72 inch) on an A4 page; y counts from the bottom, as in PDF.

    two_column_pdf([("Tid", "Torsdag 5 september kl 12.00"), ("Plats", "Kommunhuset")])
    multipage_pdf_with_footer([["first page", ...], [...], [...]], footer="Sida {page} av {pages}")
    docx_bytes(["Protokoll", DocxTable([["Tid", "12.00"]]), "Paragraph after the table"])
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import docx
from lxml import etree
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen.canvas import Canvas

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT = 72.0
TOP = PAGE_HEIGHT - 90.0
FONT = "Helvetica"


def _canvas(buffer: io.BytesIO, encrypt: StandardEncryption | None = None) -> Canvas:
    # invariant=True leaves out dates and random ids, so equal input gives equal bytes.
    return Canvas(buffer, pagesize=A4, invariant=True, encrypt=encrypt)


def lines_pdf(
    pages: Sequence[Sequence[str]],
    *,
    header: str | None = None,
    footer: str | None = None,
    font_size: float = 11,
    leading: float | None = None,
    encrypt: StandardEncryption | None = None,
) -> bytes:
    """A PDF with one text line per string, top to bottom; "" leaves a paragraph gap.

    `header` and `footer` are drawn on every page; "{page}" and "{pages}" in them
    become the page number and the page count ("Sida {page} av {pages}").
    """
    leading = leading or font_size * 1.25
    buffer = io.BytesIO()
    canvas = _canvas(buffer, encrypt)
    for number, lines in enumerate(pages, start=1):
        canvas.setFont(FONT, font_size)
        marks = {"page": number, "pages": len(pages)}
        if header is not None:
            canvas.drawString(LEFT, PAGE_HEIGHT - 50, header.format(**marks))
        if footer is not None:
            canvas.drawString(LEFT, 40, footer.format(**marks))
        y = TOP
        for line in lines:
            if line:
                canvas.drawString(LEFT, y, line)
                y -= leading
            else:
                y -= leading * 0.8
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def multipage_pdf_with_footer(
    pages: Sequence[Sequence[str]],
    footer: str = "Sida {page} av {pages}",
    header: str | None = "SÖDERTÖRNSKOMMUNERNA SAMVERKAR",
) -> bytes:
    """Pages of text under a running header, above a running footer with page numbers."""
    return lines_pdf(pages, header=header, footer=footer)


def two_column_pdf(
    rows: Sequence[tuple[str, str]],
    *,
    title: str | None = None,
    label_x: float = LEFT,
    value_x: float = 200.0,
    font_size: float = 11,
) -> bytes:
    """Labels in one column, values in another, like a minutes' "Tid"/"Plats" table.

    All labels are drawn before any value, as table-making producers often do: plain
    text extraction then prints every label first and the values after them.
    """
    leading = font_size * 1.4
    buffer = io.BytesIO()
    canvas = _canvas(buffer)
    canvas.setFont(FONT, font_size)
    y = TOP
    if title:
        canvas.drawString(label_x, y, title)
        y -= leading * 2
    for column, x in ((0, label_x), (1, value_x)):
        for row_number, row in enumerate(rows):
            canvas.drawString(x, y - row_number * leading, row[column])
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def image_only_pdf(pages: int = 1) -> bytes:
    """A PDF that only draws shapes, like a scan: no text layer at all."""
    buffer = io.BytesIO()
    canvas = _canvas(buffer)
    for _ in range(pages):
        canvas.setFillGray(0.2)
        canvas.rect(LEFT, 400, 300, 200, fill=1)
        canvas.line(LEFT, 300, 400, 300)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def encrypted_pdf(lines: Sequence[str], *, user_password: str = "", owner: str = "owner") -> bytes:
    """A one-page encrypted PDF; with an empty user password any reader opens it."""
    encryption = StandardEncryption(user_password, ownerPassword=owner, strength=128)
    return lines_pdf([lines], encrypt=encryption)


@dataclass(frozen=True)
class DocxTable:
    """A table for `docx_bytes`: rows of cell texts ("\\n" in a cell starts a paragraph).

    `merges` joins cells: ((row, col), (row, col)) corner pairs, as python-docx's
    `cell.merge`. `nested` puts a table inside the cell at (row, col).
    """

    rows: Sequence[Sequence[str]]
    merges: Sequence[tuple[tuple[int, int], tuple[int, int]]] = ()
    nested: Mapping[tuple[int, int], DocxTable] = field(default_factory=dict)


@dataclass(frozen=True)
class DocxXml:
    """Raw body XML for `docx_bytes`, for what python-docx cannot make: text boxes,
    content controls, tracked changes. Prefixes w, mc, wps and v are declared."""

    xml: str


_XML_NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def docx_bytes(
    blocks: Sequence[str | DocxTable | DocxXml],
    *,
    header: str | None = None,
    footer: str | None = None,
) -> bytes:
    """A .docx with paragraphs (str), tables (DocxTable) and raw XML in the given order."""
    document = docx.Document()
    for block in blocks:
        if isinstance(block, DocxTable):
            _add_table(document, block)
        elif isinstance(block, DocxXml):
            wrapper = etree.fromstring(f"<root {_XML_NAMESPACES}>{block.xml}</root>")
            for element in wrapper:
                document.element.body.sectPr.addprevious(element)
        else:
            document.add_paragraph(block)
    section = document.sections[0]
    if header is not None:
        section.header.paragraphs[0].text = header
    if footer is not None:
        section.footer.paragraphs[0].text = footer
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _add_table(parent: docx.document.Document | docx.table._Cell, spec: DocxTable) -> None:
    columns = max(len(row) for row in spec.rows)
    table = parent.add_table(rows=len(spec.rows), cols=columns)
    for r, row in enumerate(spec.rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for (r0, c0), (r1, c1) in spec.merges:
        table.cell(r0, c0).merge(table.cell(r1, c1))
    for (r, c), inner in spec.nested.items():
        _add_table(table.cell(r, c), inner)


def zip_bytes(entries: Mapping[str, bytes]) -> bytes:
    """A deflated zip archive holding the given files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def zip_bomb(uncompressed_size: int = 150 * 1024 * 1024, name: str = "word/document.xml") -> bytes:
    """A small zip whose one entry unpacks to `uncompressed_size` bytes of spaces.

    Written in chunks, so building it never holds the unpacked content in memory.
    """
    buffer = io.BytesIO()
    chunk = b" " * (1024 * 1024)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open(name, "w", force_zip64=True) as entry:
            remaining = uncompressed_size
            while remaining > 0:
                entry.write(chunk[: min(remaining, len(chunk))])
                remaining -= len(chunk)
        archive.writestr("[Content_Types].xml", b"<Types/>")
    return buffer.getvalue()


def cells_pdf(pages: Sequence[Sequence[Sequence[tuple[float, str]]]], *,
              font_size: float = 10) -> bytes:
    """A PDF of rows of positioned cells: each row is a sequence of (x, text); an empty
    row leaves a paragraph gap. Lays out two-column front pages and running headers."""
    leading = font_size * 1.3
    buffer = io.BytesIO()
    canvas = _canvas(buffer)
    for rows in pages:
        canvas.setFont(FONT, font_size)
        y = PAGE_HEIGHT - 50
        for row in rows:
            for x, text in row:
                canvas.drawString(x, y, text)
            y -= leading
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
