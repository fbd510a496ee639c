"""The same minutes read the same from text, PDF and Word files."""

from __future__ import annotations

import datetime as dt

import pytest

from parsing import parse_bytes
from tests.parsing.pdf_builders import DocxTable, docx_bytes, lines_pdf, two_column_pdf
from tests.samples import SEED_KEYS, seed

# Glyphs that reportlab's standard fonts cannot draw, as a PDF producer would show them.
DRAWABLE = str.maketrans({"\uf0b7": "•"})


def _seed_lines(name: str) -> list[str]:
    text = seed(name).read_text(encoding="utf-8")
    return [line.rstrip() for line in text.translate(DRAWABLE).split("\n")]


def _structure(parsed):
    return (
        parsed.organization, parsed.title, parsed.start, parsed.end, parsed.place,
        parsed.attendees, parsed.secretary, parsed.adjusters,
        [(i.number, i.title, i.decisions) for i in parsed.items],
    )


@pytest.mark.parametrize("name", SEED_KEYS)
def test_seed_as_multipage_pdf_reads_like_the_text(name):
    lines = _seed_lines(name)
    pages = [lines[i:i + 48] for i in range(0, len(lines), 48)]
    assert len(pages) >= 3
    pdf = lines_pdf(pages, footer="Sida {page} av {pages}")
    from_text = parse_bytes("\n".join(lines).encode(), f"{name}.txt")
    from_pdf = parse_bytes(pdf, f"{name}.pdf")
    assert from_pdf.source_format == "pdf"
    assert _structure(from_pdf) == _structure(from_text)
    assert "Sida" not in " ".join(item.text for item in from_pdf.items)


@pytest.mark.parametrize("name", SEED_KEYS)
def test_seed_as_docx_reads_like_the_text(name):
    lines = _seed_lines(name)
    from_text = parse_bytes("\n".join(lines).encode(), f"{name}.txt")
    from_docx = parse_bytes(docx_bytes(lines), f"{name}.docx")
    assert from_docx.source_format == "docx"
    assert _structure(from_docx) == _structure(from_text)


TABLE_ROWS = [
    ("Tid", "Torsdagen den 6 juni 2018 kl 13.00-15.30"),
    ("Plats", "Kommunhuset, Haninge kommun"),
    ("Deltagare", ""),
    ("Karl Johan Svensson", "Trafikverket"),
    ("Anna-Karin Berg Nilsson", "Nykvarns kommun, ordförande"),
    ("Övriga deltagare", ""),
    ("Lise Ek", "Sharing Capabilities, endast punkt 2"),
    ("1.", "Aktuellt Haninge"),
    ("", "Haninge växer."),
    ("2.", "Budget"),
    ("", "Beslut"),
    ("", "Att anta budgeten."),
]


def test_two_column_pdf_table_keeps_labels_and_names_with_their_values():
    parsed = parse_bytes(two_column_pdf(TABLE_ROWS), "tabell.pdf")
    assert parsed.start == dt.datetime(2018, 6, 6, 13, 0)
    assert parsed.place == "Kommunhuset, Haninge kommun"
    people = {a.name: a for a in parsed.attendees}
    assert people["Karl Johan Svensson"].affiliation == "Trafikverket"
    berg = people["Anna-Karin Berg Nilsson"]
    assert (berg.municipality, berg.role, berg.status) == ("Nykvarn", "chair", "present")
    assert people["Lise Ek"].items == (2,)
    assert people["Lise Ek"].status == "other"
    assert [(i.number, i.title) for i in parsed.items] == [("1", "Aktuellt Haninge"),
                                                           ("2", "Budget")]
    assert [d.text for d in parsed.items[1].decisions] == ["Att anta budgeten."]


def test_docx_table_of_attendees_reads_row_by_row():
    blocks = [
        "Protokoll styrelsemöte",
        DocxTable([["Datum", "2020-03-13"], ["Tid", "08.30–10.00"], ["Plats", "Rådhuset"]]),
        "Närvarande",
        DocxTable([["Karl Johan Svensson", "Trafikverket"], ["Eva Lind", "Salems kommun"]]),
        "1. Öppnande",
        "Mötet öppnas.",
    ]
    parsed = parse_bytes(docx_bytes(blocks), "protokoll.docx")
    assert parsed.start == dt.datetime(2020, 3, 13, 8, 30)
    assert parsed.place == "Rådhuset"
    assert [(a.name, a.affiliation) for a in parsed.attendees] == [
        ("Karl Johan Svensson", "Trafikverket"), ("Eva Lind", "Salems kommun")]


def test_running_footer_and_page_break_over_three_pages():
    pages = [
        ["Protokoll", "Tid 2020-03-13 kl 08.30", "", "Närvarande", "Eva Lind Salem", "",
         "1. Budget", "Kommunen planerar för fler"],
        ["bostäder fram till 2025.", "", "2. Skolor", "Skolorna växer."],
        ["3. Avslutning", "Mötet avslutas."],
    ]
    parsed = parse_bytes(lines_pdf(pages, header="HANINGE KOMMUN", footer="{page} ({pages})"),
                         "protokoll.pdf")
    assert [i.title for i in parsed.items] == ["Budget", "Skolor", "Avslutning"]
    assert "Kommunen planerar för fler bostäder fram till 2025." in parsed.items[0].text
    everything = " ".join(i.text for i in parsed.items)
    assert "(3)" not in everything and "HANINGE KOMMUN" not in everything
    assert parsed.organization == "Haninge kommun"
