"""The search page explains itself: people and bodies by name, a person's items without
words, corrected and expanded words said, "Menade du", every decision of a hit with the
matching ones marked and the people they assign, links that carry the words, facets that
narrow, and no export or feed for nothing."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from minutes.models import AgendaItem, Body
from municipalities.models import Person

pytestmark = pytest.mark.django_db

SEARCH = "/search/"


def page(client, **params) -> str:
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    return response.content.decode()


def as_json(client, **params) -> dict:
    return client.get(SEARCH, {**params, "format": "json"}).json()


def person_url(name: str) -> str:
    return reverse("municipalities:person-detail", args=[Person.objects.get(full_name=name).pk])


# 1. People and bodies


def test_a_surname_lists_the_person_above_the_items(client, seeded):
    html = page(client, q="Gyllestad")
    url = person_url("Magnus Gyllestad")

    assert "Personer och organ med det namnet" in html
    assert f'href="{url}">Magnus Gyllestad</a>' in html
    assert html.index("Magnus Gyllestad") < html.index('id="results-heading"')
    assert as_json(client, q="Gyllestad")["people"] == [{"name": "Magnus Gyllestad", "url": url}]


def test_a_full_name_lists_the_person_and_a_link_to_their_items(client, seeded):
    rickard = Person.objects.get(full_name="Rickard Sundbom")

    html = page(client, q="Rickard Sundbom")
    payload = as_json(client, q="Rickard Sundbom")

    assert {"name": "Rickard Sundbom", "url": person_url("Rickard Sundbom")} in payload["people"]
    assert f'href="/search/?person={rickard.pk}"' in html
    assert "ärenden där Rickard Sundbom förekommer" in html


def test_a_body_name_lists_the_body_with_a_link_to_its_page(client, seeded):
    body = Body.objects.get(name="Styrgruppen")
    url = reverse("municipalities:body-detail", args=[body.pk])

    payload = as_json(client, q="styrgrupen")  # a letter missing

    assert {"name": "Styrgruppen", "url": url} in payload["bodies"]
    assert f'href="{url}">Styrgruppen</a>' in page(client, q="Styrgruppen")


def test_words_that_name_no_one_list_no_people(client, seeded):
    payload = as_json(client, q="tvärförbindelsen")
    assert payload["count"] >= 2
    assert payload["people"] == [] and payload["bodies"] == []
    assert "Personer och organ med det namnet" not in page(client, q="tvärförbindelsen")


def test_a_person_without_words_lists_their_items_newest_first(client, seeded):
    rickard = Person.objects.get(full_name="Rickard Sundbom")
    # Present in 2018 (9 items); absent in 2019, where decisions assign him work.
    assigned = AgendaItem.objects.filter(meeting=seeded["2019"], decisions__assigned=rickard)
    expected = 9 + assigned.distinct().count()

    response = client.get(SEARCH, {"person": rickard.pk})
    html = response.content.decode()
    items = response.context["items"]
    payload = as_json(client, person=rickard.pk)

    assert assigned.exists()
    assert f"{expected} ärenden där Rickard Sundbom förekommer" in html
    assert payload["count"] == expected
    dates = [item.meeting.start_date for item in items]
    assert dates == sorted(dates, reverse=True) and dates[0] != dates[-1]
    # Without words nothing is marked and the links carry no words.
    assert "<mark>" not in html and "?q=" not in html.split('id="results-heading"')[1]


def test_nothing_is_listed_without_words_or_a_person(client, seeded):
    body = Body.objects.get(name="Styrgruppen")
    for params in ({}, {"body": body.pk}, {"person": "999999"}, {"person": "x"}):
        response = client.get(SEARCH, params)
        assert response.status_code == 200
        assert response.context["items"] == []
        assert 'id="results-heading"' not in response.content.decode()


# 2. Corrected and expanded words


def test_a_word_the_archive_lacks_says_what_was_searched_instead(client, seeded):
    html = page(client, q="Trafikverke")

    assert as_json(client, q="Trafikverke")["count"] >= 1
    shown = re.search(r"Visar träffar för <strong>([^<]+)</strong>", html)
    assert shown and shown.group(1).startswith("Trafikverket")
    # A link to search the word as typed, which the search then honours.
    assert 'href="?q=Trafikverke&amp;exakt=1">Trafikverke</a>' in html
    assert as_json(client, q="Trafikverke", exakt="1")["count"] == 0


def test_a_word_that_found_nothing_gets_did_you_mean(client, seeded):
    html = page(client, q="Trafikverke", exakt="1")

    suggested = re.search(r'Menade du <a href="\?q=([^"&]+)">([^<]+)</a>\?', html)
    assert suggested, html[html.index("<main"):][:3000]
    assert suggested.group(2).startswith("Trafikverket")
    # Following it finds the word, with corrections on again.
    assert as_json(client, q=suggested.group(2))["count"] >= 1
    assert "Sökningen gällde bara orden som de är skrivna" in html


def test_a_word_with_compounds_says_so_and_links_to_the_word_alone(client, seeded):
    # "plan" alone in "Nationell plan"; also "Länsplanen", "verksamhetsplan", "tidplaner".
    html = page(client, q="plan")
    every = as_json(client, q="plan")["count"]
    alone = as_json(client, q="plan", exakt="1")["count"]

    assert "Visar även träffar för andra böjningar och sammansättningar av ”plan”" in html
    assert 'href="?q=plan&amp;exakt=1">Sök bara på orden som de är skrivna</a>' in html
    assert 0 < alone < every


def test_nonsense_gets_no_suggestion_and_a_known_word_no_notes(client, seeded):
    assert "Menade du" not in page(client, q="xyzzyq")
    html = page(client, q="Marcel")
    assert "Visar träffar för" not in html and "Menade du" not in html


# 3. Decisions, the people they assign, numbers, facets


def test_a_hit_shows_all_its_decisions_the_matching_ones_marked(client, seeded):
    response = client.get(SEARCH, {"q": "Moritz"})
    html = response.content.decode()
    item = next(i for i in response.context["items"]
                if i.meeting_id == seeded["2019"].pk and i.number == "5")
    texts = [d.text for d in item.decisions_shown]

    assert len(texts) == item.decisions.count() > 1
    assert [d.matches for d in item.decisions_shown].count(True) == 1
    for text in texts:
        assert text[:15] in html
    assert html.count('class="decision-match"') == sum(
        len(i.matching_decisions) for i in response.context["items"])
    assert "<strong class=\"match-label\">Träff:</strong>" in html
    assert "<mark>Moritz</mark>" in html


def test_a_decision_shows_the_people_it_assigns_as_links(client, seeded):
    html = page(client, q="Moritz")
    assert re.search(
        rf'Ansvarig: (<strong>)?<a href="{person_url("Rickard Sundbom")}">Rickard Sundbom</a>',
        html,
    )


def test_results_are_not_numbered_twice(client, seeded):
    html = page(client, q="tvärförbindelsen")
    assert '<ol class="search-results"' not in html
    assert '<ul class="search-results">' in html
    assert '<span class="item-number">§ 7</span>' in html


def test_a_facet_whose_values_hold_every_hit_is_told_not_offered(client, seeded):
    # One hit: one year, one body, every municipality and person at its meeting.
    payload = as_json(client, q="Fagerström")
    html = page(client, q="Fagerström")

    assert payload["count"] == 1
    assert "Alla träffar: 2019" in html
    assert "year=2019" not in html and "<svg" not in html
    assert "body=" not in html.split('id="facets-heading"')[1]


def test_a_facet_that_narrows_is_still_offered(client, seeded):
    html = page(client, q="tvärförbindelsen")
    assert 'year=2019"' in html and 'year=2018"' in html


# 4. Links carry the words


def test_result_links_carry_the_words_to_the_meeting_page(client, seeded):
    payload = as_json(client, q="Moritz")
    html = page(client, q="Moritz")
    meeting = seeded["2019"].pk

    assert f"/moten/{meeting}/?q=Moritz#punkt-5" in {r["url"] for r in payload["results"]}
    assert f'href="/moten/{meeting}/?q=Moritz#punkt-5"' in html
    assert f'href="/moten/{meeting}/?q=Moritz#beslut-5-2"' in html


# 5. No export or feed for nothing


def test_a_name_that_found_no_items_gets_the_person_not_a_did_you_mean(client, seeded):
    # Searched as typed, "Trafikverke" finds no item and is spelled like "Trafikverket"
    # (test_a_word_that_found_nothing_gets_did_you_mean); when it is someone's name, the
    # person is the answer.
    Person.objects.create(full_name="Anna Trafikverke")

    html = page(client, q="Trafikverke", exakt="1")

    assert f'href="{person_url("Anna Trafikverke")}">Anna Trafikverke</a>' in html
    assert "Menade du" not in html


def test_zero_hits_offer_no_facets(client, seeded):
    assert 'id="facets-heading"' not in page(client, q="xyzzyq")
    assert 'id="facets-heading"' in page(client, q="tvärförbindelsen")


def test_no_csv_or_feed_is_offered_for_zero_hits(client, seeded):
    nothing = page(client, q="xyzzyq")
    something = page(client, q="tvärförbindelsen")

    assert "format=csv" not in nothing and "application/atom+xml" not in nothing
    assert "/search/feed/" not in nothing
    assert "format=csv" in something and "application/atom+xml" in something


def test_words_that_cannot_be_searched_get_no_note_on_how_they_were_searched(client, seeded):
    html = page(client, q="och", exakt="1")
    assert "Sökningen innehåller bara mycket vanliga ord" in html
    assert "Sökningen gällde bara orden" not in html and "Menade du" not in html


def test_the_person_filter_is_named_for_more_than_attending(client, seeded):
    html = page(client, q="tvärförbindelsen")
    assert '<label for="id_person">Person' in html
    assert "Person som deltog" not in html


def test_a_persons_items_take_the_same_queries_for_one_or_many_rows(client, seeded, settings):
    rickard = Person.objects.get(full_name="Rickard Sundbom")
    counts = []
    for per_page in (1, 20):
        settings.SEARCH_RESULTS_PER_PAGE = per_page
        with CaptureQueriesContext(connection) as queries:
            response = client.get(SEARCH, {"person": rickard.pk})
        assert len(response.context["items"]) == min(per_page, 11)
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]
