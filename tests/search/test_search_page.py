"""The search page /search/: results, filters, counts, JSON, CSV, Atom, and any input."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decisions.models import Decision
from minutes.models import Attendance
from minutes.services import minutes_ingest
from search.facets import TOP_PEOPLE
from tests.config.users import SIGNED_IN_QUERIES

pytestmark = pytest.mark.django_db

SEARCH = "/search/"
ATOM = "{http://www.w3.org/2005/Atom}"

HOSTILE_DOCUMENT = """Tid 2021-02-03 kl 10.00-11.00

Deltagare
Eva Lind Salems kommun

1. Säkerhet <script>alert("x")</script>
Texten nämner <img src=x onerror=alert(1)> och tvärförbindelsen.

Beslut
Att <b>inte</b> köra skript i tvärförbindelsen.
"""






def test_search_finds_items_with_marked_snippets_and_anchors(client, seeded):
    response = client.get(SEARCH, {"q": "tvärförbindelsen"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>" in html
    # The links carry the words, for the meeting page to mark them.
    assert f'/moten/{seeded["2018"].pk}/?q=tv%C3%A4rf%C3%B6rbindelsen#punkt-6' in html
    assert f'/moten/{seeded["2019"].pk}/?q=tv%C3%A4rf%C3%B6rbindelsen#punkt-7' in html


def test_query_without_swedish_letters_finds_the_same(client, seeded):
    with_letters = client.get(SEARCH, {"q": "tvärförbindelsen", "format": "json"}).json()
    without = client.get(SEARCH, {"q": "tvarforbindelsen", "format": "json"}).json()
    assert with_letters["count"] >= 2
    assert [r["url"].split("?")[0] for r in without["results"]] == [
        r["url"].split("?")[0] for r in with_letters["results"]
    ]
    assert all("?q=tvarforbindelsen#punkt-" in r["url"] for r in without["results"])


def test_json_gives_the_result_page_in_rank_order(client, seeded):
    payload = client.get(SEARCH, {"q": "Rickard kontaktar", "format": "json"}).json()
    assert payload["count"] >= 1
    first = payload["results"][0]
    assert set(first) == {"meeting", "item", "decisions", "url", "snippet", "snippet_html"}
    assert set(first["meeting"]) == {"id", "title", "date", "body"}
    assert first["meeting"]["date"] == "2019-09-05"
    assert first["item"]["number"] in {"5", "7"}
    assert any("Rickard" in d["text"] for d in first["decisions"])
    assert any("<mark>Rickard</mark>" in d["html"] for d in first["decisions"])


def _document(day: int, item: str) -> str:
    return (f"Tid 2020-03-{day:02d} kl 10.00-11.00\n\nDeltagare\nEva Lind Salems kommun\n\n"
            f"{item}\n")


def test_decisions_and_titles_rank_before_discussion_text(client):
    minutes_ingest(data=_document(2, "1. Övrigt\nVi pratade om cykelbanor en stund.\n\n"
                                     "Diskussion\nMånga synpunkter.").encode(), filename="a.txt")
    minutes_ingest(data=_document(3, "1. Cykelbanor\nKort genomgång.").encode(),
                   filename="b.txt")
    minutes_ingest(data=_document(4, "1. Trafik\nKort genomgång.\n\nBeslut\n"
                                     "Att bygga cykelbanor.").encode(), filename="c.txt")
    results = client.get(SEARCH, {"q": "cykelbanor", "format": "json"}).json()["results"]
    titles = [r["item"]["title"] for r in results]
    assert len(titles) == 3
    assert titles[-1] == "Övrigt"  # only its discussion text holds the word


def test_sorting_newest_and_oldest(client, seeded):
    newest = client.get(SEARCH, {"q": "Södertörnskommunerna", "sort": "newest",
                                 "format": "json"}).json()["results"]
    oldest = client.get(SEARCH, {"q": "Södertörnskommunerna", "sort": "oldest",
                                 "format": "json"}).json()["results"]
    assert newest[0]["meeting"]["date"] == "2019-09-05"
    assert oldest[0]["meeting"]["date"] == "2018-06-06"


def test_filters_narrow_and_facets_count_within_the_result(client, seeded):
    every = client.get(SEARCH, {"q": "Södertörnskommunerna", "format": "json"}).json()
    body = seeded["2018"].body
    narrowed = client.get(SEARCH, {"q": "Södertörnskommunerna", "body": body.pk,
                                   "format": "json"}).json()
    assert 0 < narrowed["count"] < every["count"]
    assert {r["meeting"]["body"] for r in narrowed["results"]} == {"Ledningsgruppen"}
    html = client.get(SEARCH, {"q": "Södertörnskommunerna"}).content.decode()
    assert "Ledningsgruppen <span class=\"facet-count\">(" in html
    assert "<svg" in html and "year=2018" in html and "q=S%C3%B6dert%C3%B6rnskommunerna" in html


def test_decisions_only_filter(client, seeded):
    payload = client.get(SEARCH, {"q": "Haninge", "decisions_only": "on",
                                  "format": "json"}).json()
    everything = client.get(SEARCH, {"q": "Haninge", "format": "json"}).json()
    assert payload["count"] < everything["count"]


def test_csv_exports_the_matching_decisions(client, seeded):
    response = client.get(SEARCH, {"q": "Rickard", "format": "csv"})
    assert response["Content-Disposition"].startswith("attachment;")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:6] == ["Datum", "Organ", "Paragraf", "Rubrik", "Underrubrik", "Beslut"]
    assert len(rows) == 3  # the two "Att Rickard kontaktar ..." decisions
    assert all("Rickard" in row[5] for row in rows[1:])


def test_atom_feed_of_a_search(client, seeded):
    response = client.get("/search/feed/", {"q": "tvärförbindelsen"})
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    links = [e.find(f"{ATOM}link").get("href") for e in root.findall(f"{ATOM}entry")]
    assert links and all("#punkt-" in link for link in links)
    html = client.get(SEARCH, {"q": "tvärförbindelsen"}).content.decode()
    assert 'type="application/atom+xml"' in html


def test_uploaded_markup_shows_as_text(client):
    minutes_ingest(data=HOSTILE_DOCUMENT.encode(), filename="x.txt")
    for query in ("tvärförbindelsen", "skript", "säkerhet"):
        html = client.get(SEARCH, {"q": query}).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "<b>inte</b>" not in html
    payload = client.get(SEARCH, {"q": "skript", "format": "json"}).json()
    html = [r["snippet_html"] for r in payload["results"]]
    html += [d["html"] for r in payload["results"] for d in r["decisions"]]
    assert html and "&lt;b&gt;inte&lt;/b&gt;" in "".join(html)
    assert "<b>" not in json.dumps(html)


# Beyond signing in: preparing the words, the count with every facet, the page with its
# snippets, the page's decisions, the people they assign, the people and the bodies named
# like the words, and the feed link's token.
SEARCH_PAGE_QUERIES = 8


def test_a_search_page_takes_the_same_few_queries_for_few_or_many_hits(
    client, django_assert_num_queries, seeded
):
    with django_assert_num_queries(SIGNED_IN_QUERIES + SEARCH_PAGE_QUERIES):
        few = client.get(SEARCH, {"q": "tvärförbindelsen"})
    with django_assert_num_queries(SIGNED_IN_QUERIES + SEARCH_PAGE_QUERIES):
        many = client.get(SEARCH, {"q": "Södertörnskommunerna OR mötet OR kommun"})
    assert few.context["page_obj"].paginator.count < many.context["page_obj"].paginator.count


def test_filter_selects_offer_the_values_of_the_hits_with_their_counts(client, seeded):
    response = client.get(SEARCH, {"q": "tvärförbindelsen"})
    form = response.context["form"]
    hit_meetings = {item.meeting_id for item in response.context["items"]}
    offered = [label for value, label in form.fields["person"].widget.choices if value]
    attendees = set(
        Attendance.objects.filter(meeting_id__in=hit_meetings).values_list(
            "person__full_name", flat=True
        )
    )

    assert offered, "no person offered"
    assert len(offered) <= TOP_PEOPLE
    for label in offered:
        name, count = re.fullmatch(r"(.+) \((\d+)\)", label).groups()
        assert name in attendees and int(count) >= 1
    bodies = [label for value, label in form.fields["body"].widget.choices if value]
    hit_bodies = {meeting.body.name for meeting in seeded.values() if meeting.pk in hit_meetings}
    assert {label.rsplit(" (", 1)[0] for label in bodies} == hit_bodies


def test_empty_search_shows_the_form_only(client, seeded):
    response = client.get(SEARCH)
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()
    # The help under the field, in Swedish (its msgid holds quotation marks).
    assert "Alla ord du skriver måste finnas med. Använd \"citattecken\"" in (
        response.content.decode())


NASTY = [
    "", " ", "\x00", "a\x00b", "\"", "\"unbalanced", "OR", "OR OR", "-", "--", "-\"\"",
    "AND", "()", "'", "\\", "ÅÄÖ", "😀", "😀 OR 😀", "&", "|", "!", ":*", "<->",
    "x" * 10_000, "ord " * 3000, "%", "_", "%%%", "' OR 1=1 --",
]
BAD_FILTERS = [
    {"date_from": "2019-13-45"}, {"date_to": "0000-00-00"}, {"year": "abc"},
    {"year": "99999999999999999999"}, {"body": "9999"}, {"body": "x\x00"},
    {"person": "-1"}, {"municipality": "😀"}, {"sort": "drop table"}, {"page": "-3"},
    {"page": "999999"}, {"decisions_only": "maybe"}, {"format": "xml"},
]


@pytest.mark.parametrize("query", NASTY)
def test_nasty_queries_answer_200(client, query):
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200


@pytest.mark.parametrize("params", BAD_FILTERS)
def test_bad_filter_values_answer_200_with_a_message(client, params):
    response = client.get(SEARCH, {"q": "beslut", **params})
    assert response.status_code == 200
    if set(params) & {"date_from", "date_to", "year", "body", "person", "municipality"}:
        assert "has-error" in response.content.decode()


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(query=st.text(max_size=200), year=st.text(max_size=12), date=st.text(max_size=12))
def test_generated_inputs_never_give_an_error_page(client, query, year, date):
    for output in ("", "json"):
        response = client.get(SEARCH, {"q": query, "year": year, "date_from": date,
                                       "format": output})
        assert response.status_code == 200


def test_a_decision_corrected_in_the_admin_is_found_by_its_new_words(admin_client, client,
                                                                       seeded):
    decision = Decision.objects.filter(item__meeting=seeded["2018"]).first()
    assert client.get(SEARCH, {"q": "cykelgarage", "format": "json"}).json()["count"] == 0
    response = admin_client.post(
        f"/admin/decisions/decision/{decision.pk}/change/",
        {"item": decision.item_id, "text": "Att bygga ett cykelgarage.", "heading": "",
         "order": decision.order},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    found = client.get(SEARCH, {"q": "cykelgarage", "format": "json"}).json()
    assert found["count"] == 1


def test_beyond_the_rank_limit_hits_come_newest_first_and_the_page_says_so(
    client, seeded, settings
):
    settings.SEARCH_RANK_LIMIT = 2
    capped = client.get(SEARCH, {"q": "Södertörnskommunerna OR mötet OR kommun"})
    dates = [item.meeting.start_date for item in capped.context["items"]]

    assert capped.context["page_obj"].paginator.count > 2
    assert "Med fler än 2 träffar visas de nyaste först." in capped.content.decode()
    assert dates == sorted(dates, reverse=True) and dates[0] != dates[-1]

    settings.SEARCH_RANK_LIMIT = 10_000
    ranked = client.get(SEARCH, {"q": "Södertörnskommunerna OR mötet OR kommun"})
    assert "visas de nyaste först" not in ranked.content.decode()


def test_beyond_the_count_limit_the_page_says_more_than_and_shows_the_newest(
    client, seeded, settings
):
    query = {"q": "Södertörnskommunerna OR mötet OR kommun"}
    everything = client.get(SEARCH, query).context["page_obj"].paginator.count
    settings.FACET_COUNT_LIMIT = 3
    response = client.get(SEARCH, query)
    page = response.content.decode()
    dates = [item.meeting.start_date for item in response.context["items"]]

    assert everything > 3
    assert "Fler än 3 ärenden hittades" in page
    assert "De 3 nyaste visas." in page
    assert len(dates) == 3 and dates == sorted(dates, reverse=True)
    assert response.context["page_obj"].paginator.num_pages == 1
    # Nothing counted that the page could show wrong: every facet says why it is empty.
    facets = response.context["facets"]
    assert all(not facet.values for facet in facets)
    assert page.count("Räknas när listan har högst 3 träffar.") == len(facets)
    as_json = client.get(SEARCH, {**query, "format": "json"}).json()
    assert (as_json["count"], as_json["count_capped"]) == (3, True)
    oldest = client.get(SEARCH, {**query, "sort": "oldest"})
    dates = [item.meeting.start_date for item in oldest.context["items"]]
    assert "De 3 äldsta visas." in oldest.content.decode()
    assert dates == sorted(dates)

    settings.FACET_COUNT_LIMIT = everything
    counted = client.get(SEARCH, query).content.decode()
    assert f"{everything} ärenden hittades" in counted and "Fler än" not in counted
    as_json = client.get(SEARCH, {**query, "format": "json"}).json()
    assert (as_json["count"], as_json["count_capped"]) == (everything, False)
