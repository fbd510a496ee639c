"""PDF extraction: visual rows, page furniture, scans, encryption, broken files."""

from __future__ import annotations

import pytest

from parsing.extract import extract
from parsing.model import ParseError
from parsing.normalize import clean_pages
from tests.parsing.pdf_builders import (
    encrypted_pdf,
    image_only_pdf,
    lines_pdf,
    multipage_pdf_with_footer,
    two_column_pdf,
)

LETTERHEAD = "SÖDERTÖRNSKOMMUNERNA SAMVERKAR"
THREE_PAGES = [
    ["Protokoll styrelsemöte", "", "§ 1 Öppnande", "Mötet öppnades.", "",
     "§ 2 Val", "Beslut fattades om att bjuda in"],
    ["representanter från regionen till nästa möte.", "", "§ 3 Övrigt", "Inget att rapportera."],
    ["§ 4 Avslut", "Mötet avslutades."],
]


def test_two_column_table_keeps_each_label_on_its_values_line() -> None:
    rows = [
        ("Tid", "Torsdagen den 6 juni 2018 kl 13.00-15.30"),
        ("Plats", "Kommunhuset, Haninge kommun"),
        ("Meeri Wasberg", "Haninge kommun, ordförande"),
    ]

    page = extract(two_column_pdf(rows, title="Protokoll")).pages[0]

    lines = page.split("\n")
    assert "Tid\tTorsdagen den 6 juni 2018 kl 13.00-15.30" in lines
    assert "Plats\tKommunhuset, Haninge kommun" in lines
    assert "Meeri Wasberg\tHaninge kommun, ordförande" in lines
    assert lines.index("Protokoll") < lines.index("Tid\tTorsdagen den 6 juni 2018 kl 13.00-15.30")


def test_pdf_gives_one_page_string_per_page() -> None:
    document = extract(multipage_pdf_with_footer(THREE_PAGES))

    assert document.source_format == "pdf"
    assert len(document.pages) == 3
    assert "Mötet avslutades." in document.pages[2]


@pytest.mark.parametrize("footer", ["Sida {page} av {pages}", "{page} ({pages})", "- {page} -"])
def test_running_header_and_page_numbers_are_removed_but_letterhead_stays(footer: str) -> None:
    text = clean_pages(extract(multipage_pdf_with_footer(THREE_PAGES, footer=footer)).pages)

    assert text.startswith(LETTERHEAD)
    assert text.count(LETTERHEAD) == 1
    for number in (1, 2, 3):
        assert footer.format(page=number, pages=3) not in text
    assert "Mötet avslutades." in text


def test_sentence_cut_by_page_break_is_joined_into_one_line() -> None:
    text = clean_pages(extract(multipage_pdf_with_footer(THREE_PAGES)).pages)

    assert (
        "Beslut fattades om att bjuda in representanter från regionen till nästa möte."
        in text.split("\n")
    )


def test_finished_sentence_at_page_end_is_not_joined() -> None:
    text = clean_pages(extract(multipage_pdf_with_footer(THREE_PAGES)).pages)

    assert "Inget att rapportera.\n\n§ 4 Avslut" in text


def test_larger_vertical_gap_becomes_blank_line_and_lines_of_a_paragraph_stay_together() -> None:
    pdf = lines_pdf([["§ 1 Öppnande", "Ordföranden öppnade mötet", "och hälsade alla välkomna.",
                      "", "§ 2 Dagordning"]])

    page = extract(pdf).pages[0]

    assert page == (
        "§ 1 Öppnande\nOrdföranden öppnade mötet\noch hälsade alla välkomna.\n\n§ 2 Dagordning"
    )


def test_bare_page_number_at_page_bottom_is_removed() -> None:
    pdf = lines_pdf([["Protokoll", "Mötet öppnades."], ["Mötet avslutades."]], footer="{page}")

    text = clean_pages(extract(pdf).pages)

    assert text == "Protokoll\nMötet öppnades.\n\nMötet avslutades."


def test_scanned_pdf_without_text_layer_is_refused() -> None:
    with pytest.raises(ParseError) as error:
        extract(image_only_pdf(pages=2))

    assert error.value.code == "no_text_layer"
    assert "scanned" in error.value.message


def test_encrypted_pdf_that_opens_without_password_is_read() -> None:
    document = extract(encrypted_pdf(["Protokoll", "Mötet öppnades."]))

    assert document.pages[0] == "Protokoll\nMötet öppnades."


def test_password_protected_pdf_is_refused_with_a_clear_message() -> None:
    with pytest.raises(ParseError) as error:
        extract(encrypted_pdf(["Hemligt"], user_password="hemligt"))

    assert error.value.code == "corrupt_pdf"
    assert "password" in error.value.message


@pytest.mark.parametrize("fraction", [0.05, 0.3, 0.6, 0.9])
def test_truncated_pdf_is_corrupt(fraction: float) -> None:
    pdf = multipage_pdf_with_footer(THREE_PAGES)

    with pytest.raises(ParseError) as error:
        extract(pdf[: int(len(pdf) * fraction)])

    assert error.value.code == "corrupt_pdf"
    assert isinstance(error.value.__cause__, Exception)


def test_pdf_header_is_found_after_leading_junk() -> None:
    pdf = lines_pdf([["Protokoll"]])

    assert extract(b"\r\n" + pdf).pages == ("Protokoll",)
