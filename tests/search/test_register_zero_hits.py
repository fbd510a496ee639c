"""The decision register offers no CSV file and no feed of a list with no decisions in it."""

from __future__ import annotations

import datetime as dt

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

REGISTER = "/decisions/"


def export_links(content: str) -> dict[str, bool]:
    return {
        "csv": "format=csv" in content,
        "feed": "/decisions/feed/" in content,
        "alternate": 'rel="alternate"' in content,
    }


@pytest.fixture
def one_decision():
    meeting = factories.meeting(dt.date(2024, 5, 2))
    factories.decision(factories.agenda_item(meeting, 1, "Trafikplan"), "Att anta planen.")


@pytest.mark.parametrize(
    "params",
    [
        {"year": "1999"},
        {"q": "att"},  # only a stop word: not searched, no decisions
        {"date_from": "2030-01-01"},
        {"year": "1999", "page": "3"},
    ],
)
def test_a_list_without_decisions_has_no_csv_or_feed_links(client, one_decision, params):
    response = client.get(REGISTER, params)

    assert response.status_code == 200
    content = response.content.decode()
    assert "0 beslut" in content
    assert export_links(content) == {"csv": False, "feed": False, "alternate": False}


def test_an_empty_archive_has_no_csv_or_feed_links(client):
    content = client.get(REGISTER).content.decode()

    assert "0 beslut" in content
    assert export_links(content) == {"csv": False, "feed": False, "alternate": False}


def test_a_list_with_decisions_has_both_links(client, one_decision):
    content = client.get(REGISTER, {"year": "2024"}).content.decode()

    assert "1 beslut" in content
    assert export_links(content) == {"csv": True, "feed": True, "alternate": True}
    assert "Ladda ned som CSV" in content
