"""Saved searches ("Bevaka"): following a search from the search page, the list of what a
user follows at /bevakningar/, and stopping (search/alert_views.py)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs

import pytest
from django.test import Client

from config.roles import OFFICIALS
from search.models import SavedSearch
from tests.search.following import FOLLOW_LIST, FOLLOW_SAVE, archive_minutes, reader

pytestmark = pytest.mark.django_db

SEARCH = "/search/"


@pytest.fixture
def archive():
    return archive_minutes("Cykelbana längs Nynäsvägen")


def follow_form(html: str) -> dict[str, str]:
    """The hidden query and the default name of the page's "Bevaka sökningen" form."""
    form = re.search(r'<form method="post" action="/bevakningar/ny/".*?</form>', html, re.S)
    assert form, "no follow form"
    fields = dict(re.findall(r'name="(query|name)"[^>]*?value="([^"]*)"', form.group(0)))
    return {key: value.replace("&amp;", "&") for key, value in fields.items()}


def test_a_search_page_offers_to_follow_the_search_with_its_words_and_filters(archive):
    _, official = reader(OFFICIALS)

    html = official.get(SEARCH, {"q": "cykelbana", "year": "2024", "page": "1",
                                 "sort": "newest", "exakt": "1"}).content.decode()

    assert "Bevaka sökningen" in html
    fields = follow_form(html)
    assert parse_qs(fields["query"]) == {"q": ["cykelbana"], "year": ["2024"],
                                         "sort": ["newest"], "exakt": ["1"]}
    assert fields["name"] == "cykelbana"


def test_a_page_where_nothing_was_searched_offers_no_follow_form(archive):
    _, official = reader(OFFICIALS)

    assert "Bevaka sökningen" not in official.get(SEARCH).content.decode()


def test_following_saves_the_search_and_lists_it_with_a_link_that_runs_it(archive):
    user, official = reader(OFFICIALS)

    response = official.post(FOLLOW_SAVE, {"query": "q=cykelbana&year=2024&page=3&format=csv",
                                           "name": ""}, follow=True)

    saved = SavedSearch.objects.get(user=user)
    assert parse_qs(saved.query) == {"q": ["cykelbana"], "year": ["2024"]}
    assert saved.name == "cykelbana"
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == FOLLOW_LIST
    assert "Du bevakar nu ”cykelbana”." in html
    assert f'href="/search/?{saved.query.replace("&", "&amp;")}"' in html
    results = official.get(f"/search/?{saved.query}").content.decode()
    assert "Cykelbana längs Nynäsvägen" in results


def test_a_name_given_is_kept(archive):
    user, official = reader(OFFICIALS)

    official.post(FOLLOW_SAVE, {"query": "q=cykelbana", "name": "  Cyklar   i Haninge "})

    assert SavedSearch.objects.get(user=user).name == "Cyklar i Haninge"


def test_following_the_same_search_twice_keeps_one(archive):
    user, official = reader(OFFICIALS)
    official.post(FOLLOW_SAVE, {"query": "q=cykelbana", "name": "Första"})

    response = official.post(FOLLOW_SAVE, {"query": "q=cykelbana", "name": "Andra"}, follow=True)

    assert list(SavedSearch.objects.filter(user=user).values_list("name", flat=True)) == ["Första"]
    assert "Du bevakar redan den här sökningen" in response.content.decode()


@pytest.mark.parametrize("query", ["", "year=2024", "q=att", "q=" + "x" * 3000])
def test_a_search_without_words_to_search_is_not_followed(archive, query):
    user, official = reader(OFFICIALS)

    response = official.post(FOLLOW_SAVE, {"query": query}, follow=True)

    assert response.status_code == 200
    assert not SavedSearch.objects.filter(user=user).exists()
    assert "kunde inte bevakas" in response.content.decode() or (
        "Bara en sökning på ord kan bevakas" in response.content.decode())


def test_a_search_too_long_to_keep_is_refused_in_swedish(archive):
    user, official = reader(OFFICIALS)

    # Under the form's limit as sent, over it once "ä" is written as %C3%A4.
    response = official.post(FOLLOW_SAVE, {"query": "q=" + "ä" * 1500}, follow=True)

    assert response.status_code == 200
    assert "för lång för att bevakas" in response.content.decode()
    assert not SavedSearch.objects.filter(user=user).exists()


def test_the_list_shows_only_the_users_own_searches(archive):
    user, official = reader(OFFICIALS)
    other, other_client = reader(OFFICIALS)
    official.post(FOLLOW_SAVE, {"query": "q=cykelbana", "name": "Min bevakning"})
    other_client.post(FOLLOW_SAVE, {"query": "q=nynäsvägen", "name": "Någon annans"})

    html = official.get(FOLLOW_LIST).content.decode()

    assert "Min bevakning" in html and "Någon annans" not in html


def test_stopping_removes_the_search(archive):
    user, official = reader(OFFICIALS)
    official.post(FOLLOW_SAVE, {"query": "q=cykelbana", "name": "Cykel"})
    saved = SavedSearch.objects.get(user=user)

    response = official.post(f"/bevakningar/{saved.pk}/ta-bort/", follow=True)

    assert not SavedSearch.objects.filter(pk=saved.pk).exists()
    assert "Du bevakar inte längre ”Cykel”." in response.content.decode()


def test_another_user_cannot_remove_your_search(archive):
    user, official = reader(OFFICIALS)
    _, intruder = reader(OFFICIALS)
    official.post(FOLLOW_SAVE, {"query": "q=cykelbana", "name": "Cykel"})
    saved = SavedSearch.objects.get(user=user)

    response = intruder.post(f"/bevakningar/{saved.pk}/ta-bort/")

    assert response.status_code == 404
    assert SavedSearch.objects.filter(pk=saved.pk).exists()


def test_the_list_says_when_no_email_can_be_sent(archive):
    _, without = reader(OFFICIALS)
    _, with_address = reader(OFFICIALS, email="eva@example.org")

    assert "saknar e-postadress" in without.get(FOLLOW_LIST).content.decode()
    assert "saknar e-postadress" not in with_address.get(FOLLOW_LIST).content.decode()


def test_every_page_links_a_signed_in_user_to_the_list(archive):
    _, official = reader(OFFICIALS)

    html = official.get("/").content.decode()

    assert '<a href="/bevakningar/" class="account-follow">Bevakningar</a>' in html


def test_following_needs_a_form_post_with_csrf(archive):
    user, _ = reader(OFFICIALS)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)

    assert strict.post(FOLLOW_SAVE, {"query": "q=cykelbana"}).status_code == 403
    assert not SavedSearch.objects.filter(user=user).exists()
