"""The seed minutes as a secretary would upload them: the text, a PDF and a .docx made from it."""

from __future__ import annotations

from tests.parsing.pdf_builders import docx_bytes, lines_pdf
from tests.samples import seed

FORMATS = ("txt", "pdf", "docx")
# Glyphs that reportlab's standard fonts cannot draw, as a PDF producer would show them.
_DRAWABLE = str.maketrans({"\uf0b7": "•"})
_LINES_PER_PAGE = 48


def seed_document(number: str, kind: str) -> tuple[str, bytes]:
    """(file name, bytes) of seed `number` ("000", "001") as a .txt, .pdf or .docx."""
    path = seed(number)
    if kind == "txt":
        return path.name, path.read_bytes()
    lines = [line.rstrip() for line in path.read_text(encoding="utf-8").translate(
        _DRAWABLE).split("\n")]
    if kind == "pdf":
        pages = [lines[i:i + _LINES_PER_PAGE] for i in range(0, len(lines), _LINES_PER_PAGE)]
        return f"{path.stem}.pdf", lines_pdf(pages, footer="Sida {page} av {pages}")
    if kind == "docx":
        return f"{path.stem}.docx", docx_bytes(lines)
    raise ValueError(f"unknown kind {kind!r}")
