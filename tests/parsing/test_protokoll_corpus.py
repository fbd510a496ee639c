"""Real municipal protokoll (../shared/corpus/kommun): what a person reading each finds in it."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from parsing import parse_bytes, to_dict
from tests.samples import CORPUS

pytestmark = pytest.mark.corpus
KOMMUN = CORPUS / "kommun"
FURNITURE = ("SAMMANTRÄDESPROTOKOLL", "Det här dokumentet är digitalt signerat",
             "Transaktionsidentitet", "Expedierat/bestyrkt", "Innehåll", ".....",
             "Undertecknat", "Justerandes signatur")


def _parse(stem: str):
    return parse_bytes((KOMMUN / f"{stem}.txt").read_bytes(), f"{stem}.txt")


def _files():
    files = sorted(KOMMUN.glob("*.txt")) if KOMMUN.is_dir() else []
    return [path.stem for path in files]


def _items(parsed):
    return {item.number: item for item in parsed.items}


def test_the_corpus_is_there():
    assert len(_files()) == 14


@pytest.mark.parametrize("stem", _files())
def test_paragraphs_agree_with_the_front_page_and_no_furniture_reaches_items(stem):
    parsed = _parse(stem)
    assert parsed.items and parsed.attendees and parsed.secretary and parsed.adjusters
    assert parsed.body and parsed.place and isinstance(parsed.start, dt.datetime)
    assert "paragraphs" not in [w.code for w in parsed.warnings]
    assert all(item.case_number for item in parsed.items)
    items = json.dumps([to_dict(parsed)["items"]], ensure_ascii=False)
    for furniture in FURNITURE:
        assert furniture not in items, furniture


def test_bygg_au_extract_with_jav_on_the_front_page():
    parsed = _parse("bygg-au-2024-05-23")
    assert [(i.number, i.case_number) for i in parsed.items] == [
        ("137", "BN-2023-00211"), ("163", "BN-2023-001564"), ("164", "BN-2024-000899")]
    assert (parsed.start, parsed.end) == (dt.datetime(2024, 5, 23, 9, 0),
                                          dt.datetime(2024, 5, 23, 11, 59))
    assert parsed.place == "Kungsbackarummet, Storgatan 37"
    assert (parsed.secretary, parsed.adjusters) == ("Amanda Toresson", ("Lars Eriksson",))
    people = {a.name: a for a in parsed.attendees}
    assert len(people) == 16
    assert sum(a.status == "present" for a in people.values()) == 5
    chair = people["Thure Sandén"]
    assert chair.role == "chair" and 137 not in chair.items and 163 not in chair.items
    assert people["Heinrich Kaufmann"].role == "vice_chair"
    assert people["Hanna Areslätt"].municipality == "Partille"
    item = _items(parsed)["137"]
    assert item.title == ("Uppdrag att upprätta förslag till detaljplan för bostäder inom "
                          "Skörvalla 1:116, Särö")
    assert [d.text for d in item.decisions] == [
        "Byggnadsnämndens arbetsutskott ger samhällsbyggnadskontoret i uppdrag att upprätta "
        "förslag till detaljplan för bostäder inom Skörvalla 1:116 i Särö."]
    assert [r.name for r in item.recusals] == ["Thure Sandén"]
    assert item.sent_to == ("Samhällsbyggnadskontoret - Planavdelningen",)
    assert _items(parsed)["163"].decisions == ()


def test_service_substitutes_interleaved_with_members():
    parsed = _parse("service-2024-09-17")
    people = {a.name: a for a in parsed.attendees}
    assert len(people) == 18
    assert people["Maria Enesten"].substitute_for == "Max Ramström"
    assert people["Magnus Andreasson"].substitute_for == "Susann Petrusson"
    assert people["Olivera Vujatovic"].role == "secretary"
    assert people["Maria Rosenberg"].items == (72,)
    assert [i.number for i in parsed.items] == ["70", "71", "72", "73", "74", "75"]
    assert [d.text for d in _items(parsed)["71"].decisions] == [
        "Nämnden för Service antar Informationshanteringsplan Service 2024, daterad 2024-09-17",
        "Nämnden för Service upphäver Informationshanteringsplan Service 2023, antagen av "
        "nämnden för Service 2023-09-19, § 90.",
    ]
    assert _items(parsed)["70"].sent_to == ("Kommunstyrelsen",)


def test_vo_reservation_by_three_members():
    parsed = _parse("vo-2024-05-14")
    people = {a.name: a for a in parsed.attendees}
    assert people["Tommy Bech"].substitute_for == "Göran Ottosson"
    assert "Göran Ottosson" not in people
    item = _items(parsed)["75"]
    assert [r.name for r in item.reservations] == ["Ermin Škorić", "Ingela Hansson",
                                                   "Eva Tingström"]
    assert item.reservations[0].text.startswith("reserverar sig mot beslutet")
    assert parsed.end is None


def test_kommunstyrelsen_votes_from_markdown_tables():
    parsed = _parse("ks-2024-01-23")
    assert [i.number for i in parsed.items] == [str(n) for n in range(1, 38)]
    voted = [i for i in parsed.items if i.votes]
    assert len(voted) == 3
    first = voted[0].votes
    assert (first.yes, first.no, first.abstain) == (11, 4, 0)
    assert len(first.members) == 15
    assert "votes" not in [w.code for w in parsed.warnings]


def test_kultur_plain_text_vote_table():
    parsed = _parse("kultur-2025-10-22")
    voted = [i for i in parsed.items if i.votes]
    assert len(voted) == 1
    votes = voted[0].votes
    assert (votes.yes, votes.no) == (8, 3)
    assert {m.name for m in votes.members if m.vote == "no"} == {
        "Per Gunnarsson", "Birgitta Tingdal", "Markus Rüdén"}


def test_ks_au_chair_recused_and_vice_chair_signs():
    parsed = _parse("ks-au-2024-12-03")
    people = {a.name: a for a in parsed.attendees}
    assert (people["Lisa Andersson"].role, people["Fredrik Hansson"].role) == (
        "chair", "vice_chair")
    assert people["Lisa Andersson"].items == ()
    assert people["Fredrik Hansson"].items is None
    assert [d.text for d in parsed.items[0].decisions] == [
        "Kommunstyrelsens arbetsutskott noterar informationen till protokollet."]


def test_vo_paragraph_with_two_votes_checks_each_table_against_its_own_counts():
    parsed = _parse("vo-2024-11-14")
    item = _items(parsed)["154"]
    assert len(item.all_votes) == 2
    assert [len(v.members) for v in item.all_votes] == [11, 11]
    assert item.votes == item.all_votes[-1]  # the vote on the motion itself
    warned = [dict(w.params) for w in parsed.warnings if w.code == "votes"]
    # Both tables name 8 yes against the 7 the text states: the document disagrees with
    # itself, and each warning says so for its own vote (never the two tables summed).
    assert [(w["number"], w["vote"], w["named_yes"], w["yes"]) for w in warned] == [
        ("154", "1", "8", "7"), ("154", "2", "8", "7")]
    assert all(not i.votes or len(i.all_votes) == 1 for i in parsed.items if i.number != "154")
