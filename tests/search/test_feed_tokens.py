"""Feed tokens: a feed reader follows a search or the register without a session, as the
user whose token it is (search/feed_tokens.py)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from config.roles import OFFICIALS
from search.alerts import unsubscribe_token
from search.feed_tokens import feed_token_for
from search.models import FeedToken
from search.services import saved_search_create
from tests.search.following import FOLLOW_LIST, archive_minutes, feed_link, reader

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SEARCH_FEED = "/search/feed/"
REGISTER_FEED = "/decisions/feed/"


def entry_titles(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    return [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]


@pytest.fixture
def archive():
    return archive_minutes("Cykelbana längs Nynäsvägen")


def test_the_register_links_a_feed_that_opens_without_signing_in(archive):
    _, official = reader(OFFICIALS)
    link = feed_link(official.get("/decisions/", {"year": "2024"}).content.decode(),
                     REGISTER_FEED)

    titles = entry_titles(Client().get(link))

    assert "token=" in link and "year=2024" in link
    assert titles and "Cykelbana längs Nynäsvägen" in titles[0]


def test_a_search_feed_with_a_token_lists_the_hits_and_links_back_without_it(archive):
    user, _ = reader(OFFICIALS)
    token = feed_token_for(user)

    response = Client().get(SEARCH_FEED, {"q": "cykelbana", "token": token})

    assert entry_titles(response) == ["1. Cykelbana längs Nynäsvägen"]
    root = ET.fromstring(response.content)
    back = root.find(f"{ATOM}link[@rel='alternate']").get("href")
    assert "q=cykelbana" in back and "token" not in back


def test_a_token_acts_only_for_its_own_user(archive):
    kept, _ = reader(OFFICIALS)
    dropped, _ = reader(OFFICIALS)
    kept_token, dropped_token = feed_token_for(kept), feed_token_for(dropped)
    assert kept_token != dropped_token

    # The second user loses the read permission: their token stops, the other's does not.
    dropped.groups.remove(Group.objects.get(name=OFFICIALS))
    reader_client = Client()

    assert entry_titles(reader_client.get(SEARCH_FEED, {"q": "cykelbana", "token": kept_token}))
    assert reader_client.get(SEARCH_FEED, {"q": "cykelbana", "token": dropped_token}
                             ).status_code == 403


def test_the_token_of_an_inactive_user_is_refused(archive):
    user, _ = reader(OFFICIALS)
    token = feed_token_for(user)
    user.is_active = False
    user.save(update_fields=["is_active"])

    assert Client().get(REGISTER_FEED, {"token": token}).status_code == 403


@pytest.mark.parametrize("token", ["", "x", "0" * 64, "ä" * 500, "a\x00b"])
def test_a_wrong_token_gets_403_and_nothing_of_the_archive(archive, token):
    reader(OFFICIALS)  # a user with a token exists

    response = Client().get(SEARCH_FEED, {"q": "cykelbana", "token": token})

    assert response.status_code == 403
    assert "Cykelbana" not in response.content.decode()


def test_a_wrong_token_is_refused_even_with_a_session(archive):
    _, official = reader(OFFICIALS)

    assert official.get(REGISTER_FEED, {"token": "fel"}).status_code == 403
    assert entry_titles(official.get(REGISTER_FEED))  # the session alone still reads it


def test_without_a_token_the_feed_still_asks_to_sign_in(archive):
    response = Client().get(SEARCH_FEED, {"q": "cykelbana"})

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/logga-in/")


def test_renewing_the_token_stops_the_old_links_and_the_page_shows_the_new(archive):
    user, official = reader(OFFICIALS)
    old = feed_link(official.get("/decisions/").content.decode(), REGISTER_FEED)
    assert entry_titles(Client().get(old))

    response = official.post("/bevakningar/flodesnyckel/", follow=True)

    new = feed_token_for(user)
    assert Client().get(old).status_code == 403
    assert entry_titles(Client().get(REGISTER_FEED, {"token": new}))
    page = response.content.decode()
    assert new in page and "ny nyckel" in page


def test_the_database_keeps_no_token(archive):
    user, official = reader(OFFICIALS)
    token = feed_token_for(user)

    stored = FeedToken.objects.get(user=user)

    assert token not in (stored.key, stored.digest)
    assert token in official.get(FOLLOW_LIST).content.decode()
    assert feed_token_for(user) == token  # the same on every page until renewed


def test_an_unsubscribe_token_opens_no_feed(archive):
    user, _ = reader(OFFICIALS, email="eva@example.org")
    saved, _ = saved_search_create(user=user, query="q=cykelbana", name="Cykel")

    response = Client().get(SEARCH_FEED, {"q": "cykelbana", "token": unsubscribe_token(saved)})

    assert response.status_code == 403
