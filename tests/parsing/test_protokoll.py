"""The municipal sammanträdesprotokoll form, read from an invented protokoll."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from parsing import parse_bytes, parse_text, to_dict
from tests.parsing.protokoll_fixture import (
    PAGES,
    TWO_VOTES,
    protokoll_pdf,
    protokoll_text,
    two_votes,
)


@pytest.fixture(scope="module")
def parsed():
    return parse_text(protokoll_text())


def _items(parsed):
    return {item.number: item for item in parsed.items}


def test_front_page_gives_body_place_time_and_signers(parsed):
    assert parsed.organization == "Lekebergs kommun"
    assert parsed.body == parsed.title == "Miljö- och byggnämnden"
    assert parsed.place == "Kommunhuset, Sal Hjorten"
    assert (parsed.start, parsed.end) == (dt.datetime(2025, 3, 11, 13, 0),
                                          dt.datetime(2025, 3, 11, 15, 30))
    assert parsed.secretary == "Tove Rask"
    assert parsed.adjusters == ("Maja Fors",)
    assert parsed.warnings == ()


def test_interleaved_columns_give_members_substitutes_and_others(parsed):
    people = {a.name: a for a in parsed.attendees}
    assert len(people) == 12
    present = {name for name, a in people.items() if a.status == "present"}
    assert present == {"Karin Alm", "Olle Berg", "Sven Dahl", "Maja Fors", "Per Gran",
                       "Nils Holm", "Eva Lund"}
    assert "Lena Ek" not in people  # the member her substitute served for was not there
    assert people["Olle Berg"].substitute_for == "Lena Ek"
    assert (people["Karin Alm"].role, people["Sven Dahl"].role) == ("chair", "vice_chair")
    assert people["Maja Fors"].role == "adjuster"
    assert (people["Tove Rask"].role, people["Tove Rask"].affiliation) == (
        "secretary", "nämndsekreterare")
    assert people["Per Gran"].items == (5, 6, 7)
    assert people["Jonas Pihl"].items == (6,)
    assert people["Nils Holm"].items == (5, 7, 8)  # "deltar ej § 6 p.g.a. jäv"
    assert people["Karin Alm"].affiliation == "C" and people["Karin Alm"].municipality == "Lekeberg"


def test_contents_list_is_not_items_and_paragraphs_have_case_numbers(parsed):
    assert [(i.number, i.case_number, i.title) for i in parsed.items] == [
        ("5", "MBN 2025/12", "Detaljplan för Norrby 2:14"),
        ("6", "MBN 2024/301", "Bygglov för nybyggnad av förråd på fastigheten Söderby 1:7"),
        ("7", "MBN 2025/3", "Taxa för tillsyn enligt miljöbalken 2025"),
        ("8", "MBN 2025/20", "Delegeringsbeslut"),
    ]


def test_decisions_are_what_the_body_decided(parsed):
    items = _items(parsed)
    assert [d.text for d in items["5"].decisions] == [
        "Miljö- och byggnämnden ger förvaltningen i uppdrag att upprätta ett förslag till "
        "detaljplan för Norrby 2:14."]
    assert items["5"].decisions[0].heading is None
    assert [(d.text, d.heading) for d in items["7"].decisions] == [
        ("Kommunfullmäktige antar taxa för tillsyn enligt miljöbalken 2025.",
         "Förslag till beslut i kommunfullmäktige"),
        ("Taxan gäller från och med den 1 maj 2025.", "Förslag till beslut i kommunfullmäktige"),
    ]
    assert [d.text for d in items["8"].decisions] == [
        "Miljö- och byggnämnden lägger redovisningen av delegeringsbeslut till handlingarna."]


def test_vote_reservation_recusal_note_and_recipients(parsed):
    items = _items(parsed)
    votes = items["6"].votes
    assert (votes.yes, votes.no, votes.abstain) == (4, 2, 0)
    assert {m.name for m in votes.members if m.vote == "no"} == {"Maja Fors", "Olle Berg"}
    assert [(r.name, r.affiliation) for r in items["6"].reservations] == [
        ("Maja Fors", "S"), ("Olle Berg", "S")]
    assert [(r.name, r.affiliation) for r in items["6"].recusals] == [("Nils Holm", "SD")]
    assert [(n.name, n.affiliation) for n in items["7"].notes] == [("Rut Olsson", "V")]
    assert "Taxan borde sänkas" in items["7"].notes[0].text
    assert items["7"].sent_to == ("Kommunfullmäktige", "Ekonomienheten")
    assert items["5"].sent_to == ("Förvaltningen för samhällsbyggnad",)
    assert items["5"].votes is None and items["5"].reservations == ()


def test_no_furniture_reaches_the_output(parsed):
    output = json.dumps(to_dict(parsed), ensure_ascii=False)
    for furniture in ("SAMMANTRÄDESPROTOKOLL", "Justerandes signatur", "Utdragsbestyrkande",
                      "Innehåll", "....", "(4)"):
        assert furniture not in output
    assert "Fastighetsägaren har ansökt om planbesked" in _items(parsed)["5"].text


def test_pdf_in_the_same_layout_parses_as_the_text(parsed):
    from_pdf = parse_bytes(protokoll_pdf(), "protokoll.pdf")
    as_pdf, as_text = to_dict(from_pdf), to_dict(parsed)
    for key in ("organization", "title", "body", "start", "end", "place", "attendees",
                "secretary", "adjusters", "warnings"):
        assert as_pdf[key] == as_text[key], key
    assert len(as_pdf["items"]) == 4
    for pdf_item, text_item in zip(as_pdf["items"], as_text["items"], strict=True):
        for key in ("number", "title", "case_number", "decisions", "votes", "reservations",
                    "recusals", "notes", "sent_to"):
            assert pdf_item[key] == text_item[key], (text_item["number"], key)


def _variant(old: str, new: str) -> str:
    text = protokoll_text(PAGES)
    assert old in text
    return text.replace(old, new)


def test_vote_table_that_does_not_add_up_is_warned_and_the_counts_stand():
    parsed = parse_text(_variant("med 4 ja-röster", "med 5 ja-röster"))
    votes = _items(parsed)["6"].votes
    assert (votes.yes, votes.no) == (5, 2)
    assert [w.code for w in parsed.warnings] == ["votes"]


def test_paragraphs_that_disagree_with_the_front_page_are_warned():
    parsed = parse_text(_variant("Paragrafer §§ 5-8", "Paragrafer §§ 5-9"))
    assert [w.code for w in parsed.warnings] == ["paragraphs"]
    assert dict(parsed.warnings[0].params)["missing"] == "9"


def test_json_round_trip_keeps_the_protokoll_fields(parsed):
    from parsing import from_dict
    again = from_dict(json.loads(json.dumps(to_dict(parsed))))
    assert to_dict(again) == to_dict(parsed)


def test_two_votes_in_one_paragraph_each_add_up_and_the_last_is_the_items_vote():
    parsed = parse_text(two_votes())
    assert parsed.warnings == ()
    item = _items(parsed)["6"]
    first, last = item.all_votes
    assert (first.yes, first.no, len(first.members)) == (5, 1, 6)
    assert [m.name for m in first.members if m.vote == "no"] == ["Maja Fors"]
    assert item.votes == last
    assert (last.yes, last.no) == (4, 2)
    assert {m.name for m in last.members if m.vote == "no"} == {"Maja Fors", "Olle Berg"}
    assert to_dict(parsed)["items"][1]["votes"]["yes"] == 4


def test_of_two_votes_only_the_one_that_does_not_add_up_is_warned():
    parsed = parse_text(two_votes(TWO_VOTES.replace("med 5 ja-röster", "med 6 ja-röster")))
    assert [w.code for w in parsed.warnings] == ["votes"]
    params = dict(parsed.warnings[0].params)
    assert (params["vote"], params["votes"], params["yes"], params["named_yes"]) == (
        "1", "2", "6", "5")
    assert _items(parsed)["6"].votes.yes == 4


def test_jav_on_the_front_page_is_a_recusal_in_its_paragraph():
    text = _variant("Jäv\nNils Holm (SD) deltar inte i handläggningen på grund av jäv.\n", "")
    items = _items(parse_text(text))
    assert [(r.name, r.affiliation) for r in items["6"].recusals] == [("Nils Holm", "SD")]
    assert items["5"].recusals == () and items["7"].recusals == ()


def test_signature_scribbles_read_by_ocr_are_not_the_adjusters_name():
    parsed = parse_text(_variant("Protokolljusterare Maja Fors (S)",
                                 "Protokolljusterare\nab c-—\nMaja Fors (S)"))
    assert parsed.adjusters == ("Maja Fors",)
    parsed = parse_text(_variant("Protokolljusterare Maja Fors (S)",
                                 "Protokolljusterare\nJ\nMaja Fors (S)"))
    assert parsed.adjusters == ("Maja Fors",)
    assert {a.name: a.role for a in parsed.attendees}["Maja Fors"] == "adjuster"


def test_a_vote_table_whose_header_is_repeated_over_a_page_break_is_one_vote():
    repeated = ("| Eva Lund (L) | X |  |  |\n"
                "\n[Tabell 4-1]\n\n| Ledamot | Ja | Nej | Avstår |\n| --- | --- | --- | --- |\n")
    parsed = parse_text(_variant("| Eva Lund (L) | X |  |  |\n", repeated))
    item = _items(parsed)["6"]
    assert len(item.all_votes) == 1
    assert (item.votes.yes, item.votes.no, len(item.votes.members)) == (4, 2, 6)
    assert parsed.warnings == ()
