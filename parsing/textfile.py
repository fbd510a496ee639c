"""Plain text files: decoding, and telling text from binary junk."""

from __future__ import annotations

import codecs
import unicodedata

from parsing.model import ParseError, ParseWarning, make_warning

ENCODING_WARNING = make_warning(
    "encoding", "encoding: the file is not UTF-8; it was read as Windows-1252",
    encoding="Windows-1252",
)

# Windows-1252 leaves five bytes undefined; Latin-1 reads them as C1 controls, which
# normalisation then drops, so no byte can make decoding fail.
_CP1252_TABLE = {
    byte: bytes([byte]).decode("cp1252")
    for byte in range(0x80, 0xA0)
    if byte not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Control characters that real text files carry: tab, line breaks, form feed, and
# the Ctrl-Z that old DOS editors put at the end.
_HARMLESS_CONTROLS = frozenset("\t\n\r\x0b\x0c\x1a")
_MAX_CONTROL_SHARE = 0.01


def decode_text(data: bytes) -> tuple[str, tuple[ParseWarning, ...]]:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252.

    Line endings become "\\n". Raises ParseError("unsupported_type") for binary data.
    """
    warnings: tuple[ParseWarning, ...] = ()
    if data.startswith(_UTF16_BOMS):
        text = data.decode("utf-16", errors="replace")
    else:
        data = data.removeprefix(codecs.BOM_UTF8)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("latin-1").translate(_CP1252_TABLE)
            warnings = (ENCODING_WARNING,)
    if looks_binary(text):
        raise ParseError(
            "unsupported_type",
            "the file is not a PDF, a Word document (.docx) or a text file",
        )
    return text.replace("\r\n", "\n").replace("\r", "\n"), warnings


def looks_binary(text: str) -> bool:
    """Whether decoded text is really binary data: NUL bytes or many control characters."""
    if "\x00" in text:
        return True
    sample = text[:65536]
    controls = sum(
        1
        for char in sample
        if char not in _HARMLESS_CONTROLS and unicodedata.category(char) == "Cc"
    )
    return controls > max(2, _MAX_CONTROL_SHARE * len(sample))
