"""Text out of an uploaded file's bytes: the parser's first step.

The type is told by content, never by the file's name: users rename files, and a
name says nothing about whether the bytes can be read. Whatever the bytes, the only
exception that leaves `extract` is ParseError.
"""

from __future__ import annotations

import re

from parsing.docx import extract_docx
from parsing.ligatures import repair_unmapped_ligatures
from parsing.model import Document, ParseError, ParseWarning, make_warning
from parsing.normalize import normalize_line_noise
from parsing.pdf import extract_pdf
from parsing.textfile import decode_text

__all__ = ["extract", "sniff_format"]

_PDF_MAGIC = b"%PDF-"
_PDF_MAGIC_WINDOW = 1024  # the PDF specification lets junk precede the header
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
# Formats users upload by mistake, named so the message can say what the file is.
_KNOWN_BINARIES = {
    b"\xd0\xcf\x11\xe0": "an old Word (.doc) or other legacy Office file",
    b"{\\rtf": "an RTF file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"II*\x00": "a TIFF image",
    b"MM\x00*": "a TIFF image",
}
_SUPPORTED = "a PDF, a Word document (.docx) or a text file"
# A web page saved or renamed as .txt is not minutes: it starts with markup (after any BOM,
# blank lines or XML declaration) and names the page's document elements. Minutes that merely
# quote a tag somewhere in their text stay text (and are escaped wherever they are shown).
_HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<")
_HTML_MARKERS = re.compile(rb"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.IGNORECASE)
_HTML_WINDOW = 4096
_REPLACEMENT = "\ufffd"
# One or two may be a symbol the font lacked; more mean the letters themselves were lost.
_LOST_AT_LEAST = 3


def extract(data: bytes, filename: str | None = None) -> Document:
    """Read a .pdf, .docx or text file into pages of character-clean text.

    `filename` only makes messages clearer. Raises ParseError with code "empty",
    "unsupported_type", "corrupt_pdf", "corrupt_docx", "no_text_layer", "too_large"
    or "memory".
    """
    data = bytes(data)
    if not data.strip():
        raise ParseError("empty", "the file is empty")
    kind = sniff_format(data)
    warnings: tuple[ParseWarning, ...] = ()
    if kind == "pdf":
        pages, warnings = repair_unmapped_ligatures(extract_pdf(data))
    elif kind == "docx":
        pages = [extract_docx(data)]
    elif kind == "text":
        text, warnings = decode_text(data)
        pages = [text]
    else:
        name = f"'{filename}' " if filename else ""
        raise ParseError("unsupported_type", f"the file {name}is {kind}, not {_SUPPORTED}")
    cleaned = tuple(normalize_line_noise(page) for page in pages)
    if not any(page.strip() for page in cleaned):
        raise ParseError("empty", "the document contains no text")
    return Document(pages=cleaned, source_format=kind,
                    warnings=warnings + lost_characters(cleaned))


def lost_characters(pages: tuple[str, ...]) -> tuple[ParseWarning, ...]:
    """A warning when the text is full of U+FFFD: whatever made it (a converter, an earlier
    upload) read it with the wrong encoding, and the letters those stand for are gone."""
    text = "\n".join(pages)
    count = text.count(_REPLACEMENT)
    if count < _LOST_AT_LEAST:
        return ()
    words = dict.fromkeys(re.findall(rf"\w*{_REPLACEMENT}[\w{_REPLACEMENT}]*", text))
    examples = ", ".join(list(words)[:3])
    return (make_warning(
        "encoding",
        f"encoding: {count} characters of the text were lost to an encoding error "
        f"(shown as {_REPLACEMENT}, e.g. {examples}); check å, ä and ö against the original",
        kind="lost", count=count, examples=examples),)


def sniff_format(data: bytes) -> str:
    """"pdf", "docx" (any zip: the docx reader refuses others), "text", or a description
    of a known binary format that is not supported."""
    if data.find(_PDF_MAGIC, 0, _PDF_MAGIC_WINDOW) != -1:
        return "pdf"
    if data.startswith(_ZIP_MAGICS):
        return "docx"
    for magic, description in _KNOWN_BINARIES.items():
        if data.startswith(magic):
            return description
    if _HTML_START.match(data) and _HTML_MARKERS.search(data, 0, _HTML_WINDOW):
        return "an HTML page"
    return "text"
