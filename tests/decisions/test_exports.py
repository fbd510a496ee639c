"""The decisions as a CSV file for Swedish Excel: BOM, semicolons, CRLF, ISO dates, no
formulas, a title on every row and the people responsible."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from search.index import search_index_refresh
from tests import factories

pytestmark = pytest.mark.django_db

REGISTER = "/decisions/"
HEADER = ["Datum", "Organ", "Paragraf", "Rubrik", "Underrubrik", "Beslut", "Ansvariga", "Länk"]


def csv_bytes(client, **params) -> bytes:
    response = client.get(REGISTER, {**params, "format": "csv"})
    assert response.status_code == 200
    assert response.streaming
    return b"".join(response.streaming_content)


def parsed(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def by_text(rows: list[list[str]]) -> dict[str, list[str]]:
    assert rows[0] == HEADER
    return {row[5]: row for row in rows[1:]}


def test_the_file_is_semicolon_separated_utf8_with_bom_and_crlf_lines(client):
    meeting = factories.meeting(dt.date(2024, 3, 5), body="Kommunstyrelsen")
    item = factories.agenda_item(meeting, 12, "Taxa för parkering; översyn")
    factories.decision(item, "Att anta taxan.\nAtt uppdra åt förvaltningen, 2,5 %.")

    data = csv_bytes(client)

    text = data.decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[0] == ";".join(HEADER)
    # Every line ends in CRLF; the line break inside a cell stays a bare LF, quoted.
    assert lines[-1] == "" and "\r\n" not in text.replace("\r\n", "")
    rows = parsed(data)
    assert len(rows) == 2
    assert rows[1] == [
        "2024-03-05", "Kommunstyrelsen", "§ 12", "Taxa för parkering; översyn", "",
        "Att anta taxan.\nAtt uppdra åt förvaltningen, 2,5 %.", "",
        f"http://testserver/moten/{meeting.pk}/#beslut-12-1",
    ]


def test_every_row_has_a_title_the_item_s_else_the_sub_heading_else_the_meeting_s(client):
    meeting = factories.meeting(dt.date(2024, 3, 5), body="Tekniska nämnden",
                               title="Sammanträde med tekniska nämnden")
    titled = factories.agenda_item(meeting, 1, "Budget 2025")
    factories.decision(titled, "Med rubrik.", heading="Förslag till kommunfullmäktige")
    factories.decision(titled, "Utan rubrik.")
    untitled = factories.agenda_item(meeting, 2)
    untitled.title = ""
    untitled.save()
    factories.decision(untitled, "Punkten saknar rubrik.", heading="Beslut i nämnden")
    factories.decision(untitled, "Varken punkt eller beslut har rubrik.")
    no_title = factories.meeting(dt.date(2024, 3, 6), body="Kulturnämnden")
    bare = factories.agenda_item(no_title, 1)
    bare.title = ""
    bare.save()
    factories.decision(bare, "Mötet saknar titel.")

    rows = by_text(parsed(csv_bytes(client)))

    assert len(rows) == 5
    assert all(row[3] for row in rows.values())
    assert rows["Med rubrik."][3:5] == ["Budget 2025", "Förslag till kommunfullmäktige"]
    assert rows["Utan rubrik."][3:5] == ["Budget 2025", ""]
    # The sub-heading stands for the title, and is not repeated beside it.
    assert rows["Punkten saknar rubrik."][3:5] == ["Beslut i nämnden", ""]
    assert rows["Varken punkt eller beslut har rubrik."][3] == "Sammanträde med tekniska nämnden"
    assert rows["Mötet saknar titel."][3] == "Kulturnämnden"


def test_the_people_responsible_are_named_in_one_cell(client, django_assert_max_num_queries):
    meeting = factories.meeting()
    anna = factories.person("Anna Åberg")
    bo = factories.person("Bo Ek")
    for number in range(1, 6):
        item = factories.agenda_item(meeting, number)
        factories.decision(item, f"Beslut {number}.", assigned=[anna, bo])
    factories.decision(factories.agenda_item(meeting, 6), "Ingen ansvarig.")

    rows = by_text(parsed(csv_bytes(client)))
    assert {rows[f"Beslut {n}."][6] for n in range(1, 6)} == {"Anna Åberg, Bo Ek"}
    assert rows["Ingen ansvarig."][6] == ""

    # The names are fetched once for all rows, not once per row.
    with django_assert_max_num_queries(12) as few:
        csv_bytes(client)
    for number in range(7, 30):
        factories.decision(factories.agenda_item(meeting, number), "Mer.", assigned=[anna])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(parsed(csv_bytes(client))) == 1 + 29


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_no_cell_runs_as_a_formula(client, start):
    formula = f'{start}HYPERLINK("http://evil.example";"klicka")'
    meeting = factories.meeting(body=f"{start}Organ")
    item = factories.agenda_item(meeting, 1, formula)
    factories.decision(item, formula, heading=f"{start}rubrik",
                       assigned=[factories.person(f"{start}cmd|' /C calc'!A0")])

    row = parsed(csv_bytes(client))[1]

    assert row[1] == f"'{start}Organ"
    assert row[3] == f"'{formula}"
    assert row[4] == f"'{start}rubrik"
    assert row[5] == f"'{formula}"
    assert row[6] == f"'{start}cmd|' /C calc'!A0"
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)


def test_the_search_s_csv_is_the_same_file(client):
    meeting = factories.meeting(dt.date(2023, 11, 2))
    item = factories.agenda_item(meeting, 4, "Vinterväghållning")
    factories.decision(item, "Att godkänna planen för vinterväghållning.")
    search_index_refresh(meeting_ids=[meeting.pk])

    response = client.get("/search/", {"q": "vinterväghållning", "format": "csv"})

    rows = parsed(b"".join(response.streaming_content))
    assert rows[0] == HEADER
    assert rows[1][:4] == ["2023-11-02", "Ledningsgruppen", "§ 4", "Vinterväghållning"]
