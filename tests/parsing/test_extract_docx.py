"""Word documents: order of paragraphs and tables, letterheads, zips that are not docx."""

from __future__ import annotations

import pytest

from parsing import docx as docx_reader
from parsing.extract import extract
from parsing.model import ParseError
from tests.parsing.pdf_builders import DocxTable, DocxXml, docx_bytes, zip_bomb, zip_bytes


def test_paragraphs_and_table_rows_come_in_document_order() -> None:
    data = docx_bytes([
        "Protokoll styrelsemöte",
        DocxTable([["Tid", "2024-05-13 kl 18.00"], ["Plats", "Föreningslokalen"]]),
        "Närvarande",
        DocxTable([["Åsa Öberg", "ordförande"], ["Per Lind", "sekreterare"]]),
        "§ 1 Mötets öppnande",
    ])

    document = extract(data, "protokoll.docx")

    assert document.source_format == "docx"
    assert document.pages == (
        "Protokoll styrelsemöte\n"
        "Tid\t2024-05-13 kl 18.00\n"
        "Plats\tFöreningslokalen\n"
        "Närvarande\n"
        "Åsa Öberg\tordförande\n"
        "Per Lind\tsekreterare\n"
        "§ 1 Mötets öppnande",
    )


def test_merged_cells_are_not_repeated() -> None:
    table = DocxTable(
        [["Deltagare", "", ""], ["Åsa Öberg", "Sundbyberg", "ordförande"]],
        merges=[((0, 0), (0, 2))],
    )

    page = extract(docx_bytes([table])).pages[0]

    assert page == "Deltagare\nÅsa Öberg\tSundbyberg\tordförande"


def test_cell_with_several_paragraphs_is_laid_out_as_visual_rows() -> None:
    table = DocxTable([["Närvarande", "Åsa Öberg\nPer Lind\nKim Ek"]])

    page = extract(docx_bytes([table])).pages[0]

    assert page == "Närvarande\tÅsa Öberg\nPer Lind\nKim Ek"


def test_nested_table_is_flattened_into_its_cell() -> None:
    inner = DocxTable([["Åsa Öberg", "ordförande"]])
    table = DocxTable([["Närvarande", ""]], nested={(0, 1): inner})

    page = extract(docx_bytes([table])).pages[0]

    assert page == "Närvarande\tÅsa Öberg\tordförande"


def test_first_header_letterhead_is_read_once_and_footer_is_skipped() -> None:
    data = docx_bytes(
        ["Protokoll", "Mötet öppnades."],
        header="SÖDERTÖRNSKOMMUNERNA SAMVERKAR",
        footer="Avsändare Anna Söderström",
    )

    page = extract(data).pages[0]

    assert page == "SÖDERTÖRNSKOMMUNERNA SAMVERKAR\nProtokoll\nMötet öppnades."


def test_text_boxes_content_controls_and_tracked_changes_read_as_shown() -> None:
    textbox = (
        '<w:p><w:r><w:t>Protokoll</w:t></w:r><w:r><mc:AlternateContent>'
        "<mc:Choice><w:drawing><wps:txbx><w:txbxContent>"
        "<w:p><w:r><w:t>Föreningen Exempel</w:t></w:r></w:p>"
        "</w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><v:textbox><w:txbxContent>"
        "<w:p><w:r><w:t>Föreningen Exempel</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
    )
    control = (
        "<w:sdt><w:sdtContent><w:p><w:r><w:t>Tid: 18.00</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    tracked = (
        "<w:p><w:r><w:t>Mötet </w:t></w:r><w:del><w:r><w:delText>stängdes</w:delText></w:r>"
        "</w:del><w:ins><w:r><w:t>öppnades</w:t></w:r></w:ins>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        "<w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:t>.</w:t></w:r></w:p>"
        '<w:p><w:r><w:sym w:font="Symbol" w:char="F0B7"/><w:tab/><w:t>punkt</w:t></w:r></w:p>'
    )

    page = extract(docx_bytes([DocxXml(textbox), DocxXml(control), DocxXml(tracked)])).pages[0]

    assert page == "Protokoll\nFöreningen Exempel\nTid: 18.00\nMötet öppnades.\n- punkt"


def test_docx_without_text_is_empty() -> None:
    with pytest.raises(ParseError) as error:
        extract(docx_bytes(["", "  "]))

    assert error.value.code == "empty"


def test_zip_that_is_not_a_docx_is_unsupported() -> None:
    data = zip_bytes({"content.xml": b"<office:document/>", "mimetype": b"x"})

    with pytest.raises(ParseError) as error:
        extract(data, "protokoll.odt")

    assert error.value.code == "unsupported_type"


def test_zip_bomb_posing_as_docx_is_refused_before_unpacking() -> None:
    with pytest.raises(ParseError) as error:
        extract(zip_bomb())

    assert error.value.code == "too_large"


def test_highly_compressed_entry_below_total_limit_is_refused() -> None:
    with pytest.raises(ParseError) as error:
        extract(zip_bomb(uncompressed_size=20 * 1024 * 1024))

    assert error.value.code == "too_large"


def test_docx_with_too_many_entries_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_reader, "MAX_ENTRIES", 5)

    with pytest.raises(ParseError) as error:
        extract(docx_bytes(["Protokoll"]))

    assert error.value.code == "too_large"


@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.95])
def test_truncated_docx_is_corrupt(fraction: float) -> None:
    data = docx_bytes(["Protokoll", "Mötet öppnades."])

    with pytest.raises(ParseError) as error:
        extract(data[: int(len(data) * fraction)])

    assert error.value.code == "corrupt_docx"


def test_zip_with_document_xml_but_no_package_parts_is_corrupt() -> None:
    data = zip_bytes({"word/document.xml": b"<w:document/>"})

    with pytest.raises(ParseError) as error:
        extract(data)

    assert error.value.code == "corrupt_docx"
    assert error.value.__cause__ is not None
