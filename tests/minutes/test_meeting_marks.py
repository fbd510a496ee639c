"""The meeting page as a search result opens it (`?q=trafik`): the searched words marked, a
note saying so, a table of contents of its items, and no error page for any `q`."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from minutes.models import Meeting
from tests import factories
from tests.config.users import SIGNED_IN_QUERIES
from tests.minutes.test_pages import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting() -> Meeting:
    made = factories.meeting(dt.date(2024, 4, 9), body="Tekniska nämnden",
                             title="Tekniska nämnden")
    first = factories.agenda_item(
        made, 3, "Trafiksäkerhet vid skolor",
        text="Trafiken vid Södertälje skolor har ökat.\nFörvaltningen föreslår farthinder.",
    )
    factories.decision(first, "Att uppdra åt förvaltningen att samråda med Trafikverket.",
                       heading="Trafiknämndens förslag")
    factories.decision(first, "Att anta budgeten för farthinder.")
    second = factories.agenda_item(made, 4, "Parkering i centrum", text="Inga bussar.")
    factories.decision(second, "Att avslå motionen.")
    factories.agenda_item(made, "4 a", "Övriga frågor")
    return made


def page(client, meeting: Meeting, **params):
    response = client.get(reverse("minutes:meeting-detail", args=[meeting.pk]), params)
    assert response.status_code == 200
    return response


def marks(response) -> list[str]:
    return re.findall(r"<mark>([^<]*)</mark>", response.content.decode())


def test_the_searched_word_is_marked_in_every_form_in_titles_texts_and_decisions(
    client, meeting
):
    response = page(client, meeting, q="trafik")

    found = marks(response)
    # The title twice: in the table of contents and over the item.
    assert sorted(found) == sorted([
        "Trafiksäkerhet", "Trafiksäkerhet", "Trafiken", "Trafikverket", "Trafiknämndens",
    ])
    content = response.content.decode()
    assert "<mark>Trafiken</mark> vid Södertälje skolor" in content
    assert "med <mark>Trafikverket</mark>." in content
    # Words that only share letters in the middle, or nothing at all, are left alone.
    assert "farthinder" in content and "<mark>farthinder" not in content


def test_words_are_found_without_their_accents_and_in_other_inflections(client, meeting):
    assert marks(page(client, meeting, q="sodertalje")) == ["Södertälje"]
    assert marks(page(client, meeting, q="buss")) == ["bussar"]
    assert sorted(marks(page(client, meeting, q="forvaltning"))) == ["Förvaltningen",
                                                                    "förvaltningen"]


def test_a_note_names_the_marked_words_and_links_to_the_page_without_marks(client, meeting):
    response = page(client, meeting, q='trafik -buss OR "farthinder"')

    text = page_text(response)
    assert "Markerade ord: trafik, farthinder." in text
    url = reverse("minutes:meeting-detail", args=[meeting.pk])
    assert f'<a href="{url}">Visa sidan utan markeringar</a>' in response.content.decode()
    # The excluded word is not marked.
    assert "bussar" not in marks(response)

    plain = page(client, meeting)
    assert marks(plain) == []
    assert "Markerade ord" not in page_text(plain)


def test_uploaded_text_is_escaped_and_cannot_forge_a_mark(client):
    meeting = factories.meeting()
    factories.agenda_item(
        meeting, 1, "<b>Trafik</b>",
        text='Trafik <script>alert("x")</script> \ue000falsk\ue001 <mark>trafik</mark>',
    )

    response = page(client, meeting, q="trafik")

    content = response.content.decode()
    assert "<script>alert" not in content and "<b>" not in content
    assert "&lt;b&gt;<mark>Trafik</mark>&lt;/b&gt;" in content
    assert "&lt;script&gt;" in content
    assert "&lt;mark&gt;<mark>trafik</mark>&lt;/mark&gt;" in content
    assert "falsk" in content and "<mark>falsk" not in content
    assert "\ue000" not in content


def test_the_table_of_contents_links_every_item_in_order_and_tells_the_hits(
    client, meeting
):
    response = page(client, meeting, q="trafik")

    content = response.content.decode()
    nav = re.search(r'<nav class="toc".*?</nav>', content, re.S)
    assert nav is not None
    links = re.findall(r'<a href="(#[^"]+)">(.*?)</a>', nav.group(0), re.S)
    assert [href for href, _ in links] == ["#punkt-3", "#punkt-4", "#punkt-4-a"]
    labels = [" ".join(re.sub(r"<[^>]+>", "", label).split()) for _, label in links]
    assert labels == ["3. Trafiksäkerhet vid skolor (träff)", "4. Parkering i centrum",
                      "4 a. Övriga frågor"]
    assert "Innehåll: 3 punkter" in nav.group(0)
    for anchor in ("punkt-3", "punkt-4", "punkt-4-a"):
        assert f'id="{anchor}"' in content
    # Without a search there are no hits to tell.
    assert "(träff)" not in page_text(page(client, meeting))


def test_the_body_links_to_its_page(client, meeting):
    content = page(client, meeting).content.decode()

    url = reverse("municipalities:body-detail", args=[meeting.body_id])
    assert f'<a href="{url}">Tekniska nämnden</a>' in content


def test_marking_costs_one_query(
    client, meeting, django_assert_num_queries, django_assert_max_num_queries
):
    with django_assert_max_num_queries(SIGNED_IN_QUERIES + 8) as plain:
        page(client, meeting)
    with django_assert_num_queries(len(plain.captured_queries) + 1):
        assert marks(page(client, meeting, q="trafik"))


@pytest.mark.parametrize(
    "q",
    [
        "trafik " * 150,  # 1,050 characters: not marked at all
        "traf\x00ik",
        "trafik\x00",
        "OR",
        "- OR ELLER -trafik",
        '"" "',
        "och att för",  # stop words only
        "🚦 ∞ ¿?",
        "'; DROP TABLE minutes_meeting; --",
        "trafik:* & !buss | (x",
        "\\",
    ],
)
def test_any_q_gives_the_page_and_never_an_error(client, meeting, q):
    response = client.get(reverse("minutes:meeting-detail", args=[meeting.pk]), {"q": q})

    assert response.status_code == 200
    assert "Trafiksäkerhet vid skolor" in page_text(response)
    if q.startswith("trafik "):
        assert marks(response) == []
        assert "Markerade ord" not in page_text(response)


def test_a_q_that_is_not_utf8_gives_the_page(client, meeting):
    url = reverse("minutes:meeting-detail", args=[meeting.pk])

    response = client.get(f"{url}?q=%ff%fe%ED%A0%80trafik&q=")

    assert response.status_code == 200


@pytest.mark.parametrize("q", ["OR", "- OR ELLER -trafik", '"" "', "och att för"])
def test_a_q_with_nothing_to_mark_shows_no_note(client, meeting, q):
    response = page(client, meeting, q=q)

    assert marks(response) == []
    assert "Markerade ord" not in page_text(response)
