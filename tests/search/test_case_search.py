"""Searching a case number or a property designation finds its paragraphs first, and the
search page and the register filter on "has a vote" and "has a reservation" (feeds and
CSV through the same filters)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from minutes.services import minutes_ingest
from tests.decisions.protokoll import VOTE_CASE, fullmaktige_meeting, namnd_meeting
from tests.search.test_register import csv_rows

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

SEARCH, REGISTER = "/search/", "/decisions/"
ATOM = "{http://www.w3.org/2005/Atom}"

# Words of the searched identifiers everywhere, but never as the identifier itself.
DECOY = """Tid 2025-05-06 kl 10.00-11.00

Deltagare
Eva Lind Lekebergs kommun

1. Söderby skola, Söderby hage och Söderby torg: MBN-frågor 2024
Söderby, Söderby och Söderby: bilaga 1:7 om MBN och 301 platser 2024/301.

Beslut
Att Söderby skola får 301 platser 2024/301 enligt MBN.
"""


@pytest.fixture
def archive():
    namnd = namnd_meeting()
    kf = fullmaktige_meeting()
    decoy = minutes_ingest(data=DECOY.encode(), filename="decoy.txt").meeting
    return {"namnd": namnd, "kf": kf, "decoy": decoy}


def result_urls(client, q: str) -> list[str]:
    payload = client.get(SEARCH, {"q": q, "format": "json"}).json()
    return [without_words(result["url"]) for result in payload["results"]]


def without_words(url: str) -> str:
    """A result's link without the words it carries for the meeting page to mark."""
    return re.sub(r"\?q=[^#]*", "", url)


def anchor(meeting, number: str) -> str:
    return f"/moten/{meeting.pk}/#punkt-{number}"


def test_a_case_number_finds_the_paragraphs_of_that_case_first(client, archive):
    urls = result_urls(client, VOTE_CASE)

    assert len(urls) >= 3
    assert {urls[0].split("testserver")[-1], urls[1].split("testserver")[-1]} == {
        anchor(archive["namnd"], "6"), anchor(archive["kf"], "46"),
    }
    assert urls[2].endswith(anchor(archive["decoy"], "1"))
    payload = client.get(SEARCH, {"q": VOTE_CASE, "format": "json"}).json()
    assert payload["results"][0]["item"]["case_number"] == VOTE_CASE
    assert payload["results"][2]["item"]["case_number"] is None
    # Any letter case, and quoted.
    assert result_urls(client, '"mbn 2024/301"')[:2] == urls[:2]


def test_a_property_designation_finds_the_paragraphs_that_name_it_first(client, archive):
    urls = [url.split("testserver")[-1] for url in result_urls(client, "Söderby 1:7")]

    assert set(urls[:2]) == {anchor(archive["namnd"], "6"), anchor(archive["kf"], "46")}
    assert anchor(archive["decoy"], "1") in urls[2:]


def test_search_results_link_to_the_case_page(client, archive):
    html = client.get(SEARCH, {"q": "bygglov förråd"}).content.decode()
    assert 'href="/arenden/MBN%202024/301/"' in html


def test_the_search_page_filters_paragraphs_with_a_vote_or_a_reservation(client, archive):
    page = client.get(SEARCH, {"q": "beslut"}).content.decode()
    assert "Bara paragrafer med omröstning" in page
    assert "Bara paragrafer med reservation" in page

    for name in ("has_vote", "has_reservation"):
        payload = client.get(SEARCH, {"q": "förråd", name: "on", "format": "json"}).json()
        found = {without_words(result["url"]) for result in payload["results"]}
        assert found == {anchor(archive["namnd"], "6"), anchor(archive["kf"], "46")}, name

    everything = client.get(SEARCH, {"q": "taxa", "has_vote": "on", "format": "json"}).json()
    assert everything["results"] == []


def test_the_register_its_csv_and_feed_keep_only_decisions_of_voted_paragraphs(client, archive):
    page = client.get(REGISTER, {"has_vote": "on"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "beviljar bygglov för nybyggnad av förråd" in html
    assert "antar taxa" not in html
    assert 'href="/arenden/MBN%202024/301/"' in html

    rows = csv_rows(client.get(REGISTER, {"has_reservation": "on", "format": "csv"}))
    assert len(rows) == 1 + 2
    assert all("beviljar bygglov" in row[5] for row in rows[1:])

    feed = ET.fromstring(client.get("/decisions/feed/", {"has_vote": "on"}).content)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 2
    for entry in entries:
        assert "beviljar bygglov" in ET.tostring(entry, encoding="unicode")
