"""Highlights: matched words in <mark>, everything else from the document escaped, and a
constant number of queries for a page of any size."""

from __future__ import annotations

import pytest

from decisions.models import Decision
from minutes.models import AgendaItem, Meeting
from minutes.services import minutes_ingest
from search.results import add_decision_highlights, add_highlights, search_decisions, search_items

pytestmark = pytest.mark.django_db

HOSTILE = """Tid Torsdagen den 1 oktober 2020 kl 09.00-10.00

Deltagare

Leif Eriksson Botkyrka kommun

1. Laddstolpar <script>alert("titel")</script>
Texten nämner <script>alert(1)</script> och en bild <img src=x onerror=alert(2)> om
laddstolpar. Falska \ue000markeringar\ue001 ska inte bli märkta.

Beslut
Att köpa laddstolpar <img src=x onerror=alert(3)> till alla skolor.

Att anställa en vaktmästare.
"""


def many_items(count: int) -> str:
    items = "\n".join(
        f"{n}. Punkt {n}\nVi diskuterar laddstolpar nummer {n} och annat.\n\n"
        f"Beslut\nAtt köpa laddstolpar till skola {n}.\n"
        for n in range(1, count + 1)
    )
    return (
        "Tid Torsdagen den 8 oktober 2020 kl 09.00-10.00\n\nDeltagare\n\n"
        f"Leif Eriksson Botkyrka kommun\n\n{items}"
    )




def archive(text: str, name: str) -> Meeting:
    return minutes_ingest(data=text.encode(), filename=name).meeting


@pytest.fixture
def hostile() -> Meeting:
    return archive(HOSTILE, "farlig.txt")


def test_snippet_escapes_the_document_and_marks_the_words(hostile):
    search = search_items(AgendaItem.objects.all(), "laddstolpar")
    items = list(search.queryset)
    assert len(items) == 1

    add_highlights(items, search)

    snippet = items[0].snippet
    assert "<mark>laddstolpar</mark>" in snippet
    # ts_headline leaves out what PostgreSQL's parser reads as a tag; the rest is escaped.
    assert "alert(1)" in snippet
    assert "&lt;img src=x onerror=alert(2)&gt;" in snippet
    assert "<script" not in snippet and "<img" not in snippet
    # Markers in the document itself are dropped, never turned into <mark>.
    assert snippet.count("<mark>") == snippet.count("</mark>") == 1
    assert "\ue000" not in snippet and "\ue001" not in snippet


def test_matching_decisions_are_those_holding_a_searched_word(hostile):
    search = search_items(AgendaItem.objects.all(), "laddstolpar")
    items = list(search.queryset)
    add_highlights(items, search)

    decisions = items[0].matching_decisions
    assert [d.text.split()[:2] for d in decisions] == [["Att", "köpa"]]
    highlighted = decisions[0].highlighted
    assert highlighted == (
        "Att köpa <mark>laddstolpar</mark> &lt;img src=x onerror=alert(3)&gt; till alla skolor."
    )


def test_decision_with_any_positive_term_matches_even_if_the_item_needed_both(hostile):
    search = search_items(AgendaItem.objects.all(), "laddstolpar vaktmästare -kaffe")
    items = list(search.queryset)
    assert len(items) == 1
    add_highlights(items, search)
    assert len(items[0].matching_decisions) == 2
    assert "<mark>vaktmästare</mark>" in items[0].matching_decisions[1].highlighted


@pytest.mark.parametrize("size", [1, 10])
def test_highlights_for_a_page_take_three_queries_whatever_its_size(
    size, django_assert_num_queries
):
    archive(many_items(10), "tio.txt")
    search = search_items(AgendaItem.objects.all(), "laddstolpar")
    page = list(search.queryset[:size])
    assert len(page) == size

    # The snippets, every decision of the page's items, the people they assign.
    with django_assert_num_queries(3):
        add_highlights(page, search)

    assert all("<mark>laddstolpar</mark>" in item.snippet for item in page)
    assert all(len(item.matching_decisions) == 1 for item in page)


def test_no_highlights_and_no_query_when_nothing_was_searched(
    hostile, django_assert_num_queries
):
    items = list(AgendaItem.objects.all())
    search = search_items(AgendaItem.objects.all(), "och")
    with django_assert_num_queries(0):
        add_highlights(items, search)
    assert items[0].snippet == "" and items[0].matching_decisions == []


def test_decision_search_matches_each_decision_on_its_own(hostile):
    search = search_decisions(Decision.objects.all(), "laddstolpar")
    assert [d.text for d in search.queryset] == [
        "Att köpa laddstolpar <img src=x onerror=alert(3)> till alla skolor."
    ]
    # The item holds "vaktmästare" (its other decision); this decision does not.
    def count(q: str) -> int:
        return search_decisions(Decision.objects.all(), q).queryset.count()

    assert count("laddstolpar -vaktmästare") == 1
    assert count("laddstolpar vaktmästare") == 0


def test_decision_highlights_escape_and_mark(hostile, django_assert_num_queries):
    search = search_decisions(Decision.objects.all(), "laddstolpar")
    decisions = list(search.queryset)
    with django_assert_num_queries(1):
        add_decision_highlights(decisions, search)
    assert decisions[0].highlighted == (
        "Att köpa <mark>laddstolpar</mark> &lt;img src=x onerror=alert(3)&gt; till alla skolor."
    )


def test_decision_search_sorts_by_date(hostile):
    archive(many_items(2), "senare.txt")

    def dates(sort: str) -> list:
        found = search_decisions(Decision.objects.all(), "laddstolpar", sort=sort).queryset
        found = found.select_related("item__meeting")
        return [d.item.meeting.start_date.isoformat() for d in found]

    assert dates("newest") == ["2020-10-08", "2020-10-08", "2020-10-01"]
    assert dates("oldest") == ["2020-10-01", "2020-10-08", "2020-10-08"]
