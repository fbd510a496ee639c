"""Real minutes from other organisations: JSON or a clear error, never a traceback.

What each file yields is what its format allows; the assertions below are what
a person reading the file would find in it.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from parsing import ParseError, parse_bytes, to_dict
from tests.samples import CORPUS

pytestmark = pytest.mark.corpus


def _parse(name: str):
    return parse_bytes((CORPUS / name).read_bytes(), name)


def test_every_corpus_file_gives_json_or_a_parse_error():
    files = sorted(p for p in CORPUS.iterdir() if p.suffix in (".pdf", ".txt"))
    assert len(files) >= 7
    for path in files:
        try:
            parsed = parse_bytes(path.read_bytes(), path.name)
        except ParseError as error:
            assert error.code == "no_text_layer", path.name
        else:
            assert json.loads(json.dumps(to_dict(parsed), ensure_ascii=False)), path.name


def test_scanned_pdf_has_no_text_layer():
    with pytest.raises(ParseError) as caught:
        _parse("03_stenaldern-styrelse-2024-12-17-scanonly.pdf")
    assert caught.value.code == "no_text_layer"


def test_libreoffice_label_block_and_signatures():
    parsed = _parse("01_stenaldern-styrelse-2025-03-13.pdf")
    assert parsed.start == dt.datetime(2025, 3, 13, 19, 0)
    assert parsed.place == "Hos Jens Nilsson"
    statuses = {a.name: a.status for a in parsed.attendees}
    assert statuses["Björn Goffeng"] == "present" and statuses["Ylva Selander"] == "present"
    assert statuses["Erik Ehn Blomgren"] == "absent"
    assert parsed.secretary == "Ingrid Kristensen"
    assert parsed.adjusters == ("Ylva Selander",)
    assert {"Ekonomi", "Underhåll", "Övrigt"} <= {item.title for item in parsed.items}
    decisions = [d.text for item in parsed.items for d in item.decisions]
    assert any(text.startswith("Styrelsen beslutar att fyllnadsvälja") for text in decisions)


def test_latex_pdf_with_bullet_lists_of_attendees_and_an_agenda_list():
    parsed = _parse("04_gms-ngp-arbetsmote-2020-05-08.pdf")
    assert parsed.start == dt.datetime(2020, 5, 8, 15, 0)
    assert parsed.end == dt.datetime(2020, 5, 8, 16, 0)
    present = [a.name for a in parsed.attendees if a.status == "present"]
    assert len(present) == 7 and "Vilma Canfjorden" in present
    assert [a.name for a in parsed.attendees if a.status == "absent"] == ["Per Sikora"]
    assert [item.title for item in parsed.items][:3] == [
        "Rekapitulering", "Avrapportering", "Nyckelhantering"]


def test_name_comma_affiliation_lines():
    parsed = _parse("06_brf-drlindh-husradsmote-2020-10-14.pdf")
    people = {a.name: a.affiliation for a in parsed.attendees}
    assert people["Gunnar Jonsson"] == "styrelsen"
    assert people["Inga-Maja Nilsson Björling"] == "hus 3"
    assert parsed.start == dt.date(2020, 10, 14)


def test_paragraph_items_with_sub_paragraph_headings():
    parsed = _parse("07_lithekod-konstituerande-2013-09-30.pdf")
    assert [item.number for item in parsed.items] == [str(n) for n in range(1, 12)]
    assert parsed.place == "P44, C-huset"
    assert parsed.start == dt.datetime(2013, 9, 30, 17, 15)
    constituting = parsed.items[7]
    assert ("Revisor", "Mötet beslutar att välja Fredrik Heintz (751215-4019) till revisor.") in [
        (d.heading, d.text) for d in constituting.decisions]
    assert all("¨" not in item.text and "˚" not in item.text for item in parsed.items)


def test_markdown_minutes_with_invited_and_present_lists():
    parsed = _parse("12_lithekod-styrelse-2021-10-13.txt")
    assert parsed.start == dt.date(2021, 10, 13)
    statuses = {a.name: a.status for a in parsed.attendees}
    assert statuses["Victor Lells"] == "present"
    assert statuses["Edvard Thörnros"] == "absent"  # invited, not present
    assert parsed.items[0].title == "Mötets öppnande 12:15"


def test_organisations_listed_as_present_and_numbered_action_points():
    parsed = _parse("14_digg-ena-samverkan-2024-10-21.txt")
    assert parsed.attendees == ()
    assert any("Bolagsverket" in w.message for w in parsed.warnings)
    actions = parsed.items[-1]
    assert actions.title == "Actionpoints inför nästa gång"
    assert len(actions.decisions) == 5
    assert actions.decisions[0].text.endswith("(Josef)).")


def test_ligatures_without_text_mapping_are_read_as_letters():
    parsed = _parse("06_brf-drlindh-husradsmote-2020-10-14.pdf")
    everything = parsed.text
    assert "Eftersom majoriteten" in everything
    assert "till de nya lägenheterna" in everything
    assert " aU " not in everything and "Qll" not in everything
    assert any(w.code == "ligatures" for w in parsed.warnings)
