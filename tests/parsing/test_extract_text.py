"""Text files: encodings, line endings, empty and binary input."""

from __future__ import annotations

import codecs

import pytest

from parsing.extract import extract
from parsing.model import ParseError
from parsing.textfile import ENCODING_WARNING

MINUTES = "Protokoll för styrelsemöte\nTid: 2024-05-13 kl 18.00\nNärvarande: Åsa Öberg – ordförande"


def test_utf8_text_is_one_page_without_warnings() -> None:
    document = extract(MINUTES.encode("utf-8"), "protokoll.txt")

    assert document.pages == (MINUTES,)
    assert document.source_format == "text"
    assert document.warnings == ()


def test_bom_and_crlf_line_endings_are_removed() -> None:
    data = codecs.BOM_UTF8 + MINUTES.replace("\n", "\r\n").encode("utf-8")

    assert extract(data).pages == (MINUTES,)


def test_old_mac_cr_line_endings_become_newlines() -> None:
    assert extract(MINUTES.replace("\n", "\r").encode("utf-8")).pages == (MINUTES,)


def test_windows_1252_text_is_read_with_a_warning() -> None:
    document = extract((MINUTES + " 100 €").encode("cp1252"))

    assert document.pages == (MINUTES + " 100 €",)
    assert document.warnings == (ENCODING_WARNING,)
    assert document.warnings[0].code == "encoding"
    assert document.warnings[0].message == (
        "encoding: the file is not UTF-8; it was read as Windows-1252"
    )


def test_bytes_windows_1252_leaves_undefined_do_not_fail() -> None:
    document = extract(b"M\xf6tet \x81b\xf6rjar och \x9dslutar")

    assert document.pages == ("Mötet börjar och slutar",)
    assert document.warnings == (ENCODING_WARNING,)


def test_utf16_with_bom_is_read() -> None:
    assert extract(MINUTES.encode("utf-16")).pages == (MINUTES,)


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", codecs.BOM_UTF8, "\u00a0\n".encode()])
def test_empty_or_blank_input_is_refused_as_empty(data: bytes) -> None:
    with pytest.raises(ParseError) as error:
        extract(data)

    assert error.value.code == "empty"


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 4,
        b"\x00\x01\x02abc" * 100,
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 40,
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
        b"{\\rtf1\\ansi Protokoll}",
    ],
    ids=["all-bytes", "control-bytes", "png", "old-doc", "rtf"],
)
def test_binary_or_unsupported_data_is_refused(data: bytes) -> None:
    with pytest.raises(ParseError) as error:
        extract(data, "upload.bin")

    assert error.value.code == "unsupported_type"


def test_type_is_told_by_content_not_by_name() -> None:
    document = extract(MINUTES.encode("utf-8"), "protokoll.pdf")

    assert document.source_format == "text"


@pytest.mark.parametrize(
    "data",
    [
        b"<!DOCTYPE html>\n<html><body><p>Protokoll</p></body></html>",
        b"\xef\xbb\xbf\n  <html lang=\"sv\"><head><title>Protokoll</title></head>",
        b"<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><body>x</body>",
    ],
)
def test_a_web_page_renamed_to_text_is_refused_as_html(data):
    with pytest.raises(ParseError) as caught:
        extract(data, "protokoll.txt")
    assert caught.value.code == "unsupported_type"
    assert "HTML" in caught.value.message


def test_minutes_that_quote_a_tag_stay_text():
    document = extract(b"Protokoll\nTexten n\xc3\xa4mner <script>alert(1)</script>.\n")
    assert document.source_format == "text"
