"""Whatever bytes arrive, `extract` returns a Document or raises ParseError, nothing else."""

from __future__ import annotations

from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsing.extract import extract
from parsing.model import Document, ParseError
from tests.parsing.pdf_builders import DocxTable, docx_bytes, multipage_pdf_with_footer

CODES = {"empty", "unsupported_type", "corrupt_pdf", "corrupt_docx", "no_text_layer", "too_large"}
ROBUST = settings(
    max_examples=200, deadline=2000, suppress_health_check=[HealthCheck.too_slow]
)


@cache
def sample_pdf() -> bytes:
    return multipage_pdf_with_footer([["Protokoll", "Mötet öppnades."], ["Mötet avslutades."]])


@cache
def sample_docx() -> bytes:
    return docx_bytes(["Protokoll", DocxTable([["Tid", "18.00"]]), "Mötet avslutades."])


def _extract_or_error(data: bytes) -> None:
    try:
        document = extract(data, "upload")
    except ParseError as error:
        assert error.code in CODES
        assert error.message
        return
    assert isinstance(document, Document)
    assert all(isinstance(page, str) for page in document.pages)


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """The file with a few bytes overwritten, a slice cut out, or its tail cut off."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 8))):
        position = draw(st.integers(0, len(data) - 1))
        data[position] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        start = draw(st.integers(0, len(data) - 1))
        del data[start : start + draw(st.integers(1, 2000))]
    return bytes(data[: draw(st.integers(1, len(data)))])


@ROBUST
@given(st.binary(max_size=4096))
def test_random_bytes_give_a_document_or_parse_error(data: bytes) -> None:
    _extract_or_error(data)


@ROBUST
@given(st.binary(max_size=2048).map(lambda tail: b"%PDF-1.4\n" + tail))
def test_random_bytes_after_a_pdf_header_give_a_document_or_parse_error(data: bytes) -> None:
    _extract_or_error(data)


@ROBUST
@given(st.binary(max_size=2048).map(lambda tail: b"PK\x03\x04" + tail))
def test_random_bytes_after_a_zip_header_give_a_document_or_parse_error(data: bytes) -> None:
    _extract_or_error(data)


@ROBUST
@given(st.data())
def test_mutated_pdf_gives_a_document_or_parse_error(data: st.DataObject) -> None:
    _extract_or_error(data.draw(mutated(sample_pdf())))


@ROBUST
@given(st.data())
def test_mutated_docx_gives_a_document_or_parse_error(data: st.DataObject) -> None:
    _extract_or_error(data.draw(mutated(sample_docx())))
