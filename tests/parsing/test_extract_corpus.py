"""Real minutes from ../shared/corpus (never copied into the project)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from parsing.extract import extract
from parsing.model import Document, ParseError
from parsing.normalize import clean_pages
from tests.samples import CORPUS

pytestmark = pytest.mark.corpus

FILES = (
    sorted(p for p in CORPUS.iterdir() if p.suffix in {".pdf", ".txt", ".docx"})
    if CORPUS.is_dir()
    else []
)
# Without the corpus, one placeholder that the `corpus` mark skips with its reason.
FILE_PARAMS = [pytest.param(p, id=p.name) for p in FILES] or [pytest.param(None, id="corpus")]


def corpus_text(prefix: str) -> str:
    """The cleaned text of the corpus file whose name starts with `prefix`."""
    (path,) = [p for p in FILES if p.name.startswith(prefix)]
    return clean_pages(extract(path.read_bytes(), path.name).pages)


def test_corpus_is_present() -> None:
    assert len(FILES) >= 7


@pytest.mark.parametrize("path", FILE_PARAMS)
def test_every_corpus_file_extracts_or_raises_parse_error(path: Path) -> None:
    try:
        document = extract(path.read_bytes(), path.name)
    except ParseError as error:
        assert error.code in {"no_text_layer", "corrupt_pdf", "unsupported_type"}
        return
    assert isinstance(document, Document)
    assert clean_pages(document.pages).strip()


def test_scan_only_pdf_has_no_text_layer() -> None:
    path = CORPUS / "03_stenaldern-styrelse-2024-12-17-scanonly.pdf"

    with pytest.raises(ParseError) as error:
        extract(path.read_bytes(), path.name)

    assert error.value.code == "no_text_layer"


def test_label_block_lands_on_the_line_of_its_value() -> None:
    # pdfminer gives "Datum och" beside the value and "tid:" on a row of its own.
    lines = corpus_text("01_").split("\n")

    assert "Datum och tid:\t2025-03-13 19.00" in lines
    assert "Plats:\tHos Jens Nilsson" in lines
    assert (
        "Närvarande:\tBjörn Goffeng, Jan Sjögren, Ingrid Kristensen, Jens Nilsson, Ylva Selander"
        in lines
    )
    assert "- Spolning" in lines  # a U+F0B7 bullet set in a cell of its own


def test_hyphenated_words_are_joined_as_the_author_wrote_them() -> None:
    text = corpus_text("04_")
    source = (CORPUS / "04_gms-ngp-arbetsmote-2020-05-08.source.md").read_text(encoding="utf-8")
    words = ["gemensamt", "avhandlades", "förklara", "arbetet", "rapporterade", "regioner",
             "kommande", "varandra", "nyckelhanteringen", "innebära"]

    for word in words:
        assert re.search(rf"\b{word}\b", source), word
        assert re.search(rf"\b{word}\b", text), word
    assert "gemen-" not in text
    assert "avhand-" not in text


def test_page_number_alone_on_a_line_is_removed() -> None:
    lines = corpus_text("04_").split("\n")

    assert "1" not in lines
    assert "2" not in lines


def test_words_are_not_separated_by_tabs_and_ligatures_are_letters() -> None:
    text = corpus_text("06_")

    assert "Gunnar Jonsson, styrelsen" in text.split("\n")
    assert "\t" not in text
    assert "\ufb01" not in text
    assert "\ufb02" not in text
    assert "Flaggning: Nisse meddelade" in text
    assert "Sidan" not in text


def test_decomposed_diacritics_are_recomposed() -> None:
    text = corpus_text("07_")

    assert "för" in text
    assert "på" in text
    assert "§9 Övriga poster" in text.split("\n")
    assert "Mikael Silvén" in text
    assert "¨" not in text
    assert "˚" not in text
    assert "´" not in text


def test_repeated_page_header_is_kept_once_and_page_numbers_are_gone() -> None:
    text = corpus_text("07_")

    assert text.startswith("Protokoll för LiTHe Kods konstituerande möte\n")
    assert text.count("Protokoll för LiTHe Kods konstituerande möte") == 1
    assert "Sida" not in text
    assert "www.lithekod.se" not in text
