"""The decision register at /decisions/: list, filters, facets, CSV export and Atom feed."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from decisions.models import Decision
from minutes.models import Meeting
from municipalities.models import Body, Organization, Person
from tests import factories
from tests.config.users import SIGNED_IN_QUERIES

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
REGISTER = "/decisions/"
FEED = "/decisions/feed/"






def make_decisions(count: int, *, day: int = 1, text: str = "Att godkänna.") -> Meeting:
    """A meeting of 2024-01-`day` with `count` items, one decision each, built row by row."""
    chair = factories.person(f"Ordförande {day}", factories.organization("Haninge"))
    meeting = factories.meeting(
        dt.datetime(2024, 1, day, 9, 0, tzinfo=dt.UTC),
        source=factories.source_document(f"möte {day}".encode(), name=f"möte-{day}.txt"),
    )
    factories.attend(meeting, chair)
    for n in range(count):
        factories.decision(factories.agenda_item(meeting, n + 1), text, assigned=[chair])
    return meeting


def entries(response) -> list[str]:
    """The link of each decision listed, in page order."""
    return re.findall(r'<h3><a href="([^"]+)"', response.content.decode())


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def feed(response) -> ET.Element:
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def test_register_lists_every_decision_newest_first_with_its_anchor(client, seeded):
    response = client.get(REGISTER)

    assert response.status_code == 200
    links = entries(response)
    assert len(links) == 18
    new, old = seeded["2019"].pk, seeded["2018"].pk
    assert all(link.startswith(f"/moten/{new}/#beslut-") for link in links[:14])
    assert all(link.startswith(f"/moten/{old}/#beslut-") for link in links[14:])
    assert f"/moten/{old}/#beslut-6-2" in links
    # Within a meeting, in the order of the minutes: item 4's decisions 1, 2, 3.
    assert links[:5] == [
        f"/moten/{new}/#beslut-2-1",
        f"/moten/{new}/#beslut-3-1",
        f"/moten/{new}/#beslut-4-1",
        f"/moten/{new}/#beslut-4-2",
        f"/moten/{new}/#beslut-4-3",
    ]
    content = response.content.decode()
    rickard = Person.objects.get(full_name="Rickard Sundbom")
    assert "Beslutsregister" in content
    assert "Ansvarig:" in content
    assert reverse("municipalities:person-detail", args=[rickard.pk]) in content


def test_register_anchors_exist_on_the_meeting_pages(client, seeded):
    links = entries(client.get(REGISTER))
    assert links

    for link in links:
        path, anchor = link.split("#")
        assert f'id="{anchor}"' in client.get(path).content.decode()


def test_nav_links_to_the_register(client, seeded):
    home = client.get("/").content.decode()
    register = client.get(REGISTER).content.decode()

    assert f'href="{REGISTER}"' in home and ">Beslut</a>" in home
    assert f'href="{REGISTER}" aria-current="page"' in register


def test_register_filters_narrow_the_list(client, seeded):
    styrgruppen = Body.objects.get(name="Styrgruppen")
    rickard = Person.objects.get(full_name="Rickard Sundbom")

    assert len(entries(client.get(REGISTER, {"year": "2018"}))) == 4
    assert len(entries(client.get(REGISTER, {"body": styrgruppen.pk}))) == 14
    assert len(entries(client.get(REGISTER, {"person": rickard.pk}))) == 4
    assert len(entries(client.get(REGISTER, {"date_from": "2019-09-05"}))) == 14
    assert len(entries(client.get(REGISTER, {"year": "2018", "body": styrgruppen.pk}))) == 0
    assert "Inga beslut matchar filtren." in client.get(REGISTER, {"year": "2017"}).content.decode()


def test_register_shows_facets_whose_links_keep_the_other_filters(client, seeded):
    styrgruppen = Body.objects.get(name="Styrgruppen")

    response = client.get(REGISTER, {"body": styrgruppen.pk, "page": "1"})

    content = response.content.decode()
    assert f'href="?body={styrgruppen.pk}&amp;year=2019"' in content
    assert re.search(r'aria-current="true">Styrgruppen <span class="facet-count">\(14\)', content)
    assert "Ta bort filter" in content
    haninge = Organization.objects.get(name="Haninge")
    assert f"?body={styrgruppen.pk}&amp;municipality={haninge.pk}" in content
    for heading in ("År", "Organ", "Kommun", "Personer som deltog"):
        assert f">{heading}</h3>" in content


def test_register_draws_a_year_chart_with_a_link_per_year(client, seeded):
    content = client.get(REGISTER).content.decode()

    svg = re.search(r"<svg.*?</svg>", content, flags=re.S).group(0)
    assert re.findall(r'<a href="([^"]+)"', svg) == ["?year=2018", "?year=2019"]
    assert 'aria-label="2019: 14 beslut"' in svg
    assert "Beslut per år" in content


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_from": "2019-13-45"}, "Fyll i ett giltigt datum."),
        ({"year": "abc"}, "Fyll i ett heltal."),
        ({"body": "987654"}, "Välj ett giltigt alternativ."),
        ({"municipality": "-1", "person": "\x00"}, "Välj ett giltigt alternativ."),
        ({"page": "abc"}, ""),
        ({"page": "999"}, ""),
    ],
)
def test_bad_filter_values_answer_200_with_a_swedish_message(client, seeded, params, message):
    response = client.get(REGISTER, params)

    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    if message:
        assert "har utelämnats" in content
        assert 'aria-invalid="true"' in content
        assert len(entries(response)) == 18


def test_bad_values_are_ignored_by_the_export_and_the_feed(client, seeded):
    params = {"date_to": "2019-13-45", "year": "2018"}

    rows = csv_rows(client.get(REGISTER, {**params, "format": "csv"}))
    atom = feed(client.get(FEED, params))

    assert len(rows) == 1 + 4
    assert len(atom.findall(f"{ATOM}entry")) == 4


def test_register_pages_25_decisions_and_keeps_the_filters(client):
    make_decisions(30)

    first = client.get(REGISTER, {"year": "2024"})
    second = client.get(REGISTER, {"year": "2024", "page": "2"})

    assert len(entries(first)) == 25
    assert len(entries(second)) == 5
    assert 'href="?year=2024&amp;page=2"' in first.content.decode()
    assert "Visar 26–30 av 30" in second.content.decode()


def test_register_runs_the_same_queries_for_one_or_ten_decisions(client, django_assert_num_queries):
    make_decisions(1, day=1)
    # The register's own three queries, and one for the feed link's token.
    with django_assert_num_queries(SIGNED_IN_QUERIES + 4) as few:
        assert len(entries(client.get(REGISTER))) == 1

    make_decisions(9, day=2)
    assert Decision.objects.count() == 10
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(entries(client.get(REGISTER))) == 10


def test_csv_exports_every_matching_decision_not_one_page(client):
    meeting = make_decisions(30)

    response = client.get(REGISTER, {"year": "2024", "format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="beslut.csv"'
    rows = csv_rows(response)
    assert rows[0] == ["Datum", "Organ", "Paragraf", "Rubrik", "Underrubrik", "Beslut",
                       "Ansvariga", "Länk"]
    assert len(rows) == 1 + 30
    assert rows[1][:6] == ["2024-01-01", "Ledningsgruppen", "§ 1", "Punkt 1", "",
                           "Att godkänna."]
    assert rows[1][7] == f"http://testserver/moten/{meeting.pk}/#beslut-1-1"


def test_csv_keeps_swedish_letters_and_follows_the_filters(client, seeded):
    styrgruppen = Body.objects.get(name="Styrgruppen")

    rows = csv_rows(client.get(REGISTER, {"body": styrgruppen.pk, "format": "csv"}))

    assert len(rows) == 1 + 14
    assert {row[1] for row in rows[1:]} == {"Styrgruppen"}
    assert any("å" in row[5] or "ä" in row[5] or "ö" in row[5] for row in rows[1:])
    assert all(row[7].startswith("http://testserver/moten/") for row in rows[1:])


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_csv_cells_cannot_run_as_formulas(client, start):
    make_decisions(1, text=f'{start}HYPERLINK("http://evil.example","klicka")')

    rows = csv_rows(client.get(REGISTER, {"format": "csv"}))

    assert rows[1][5] == f'\'{start}HYPERLINK("http://evil.example","klicka")'


def test_feed_is_atom_with_entries_linking_to_the_anchors(client, seeded):
    response = client.get(FEED)

    assert response.status_code == 200
    atom = feed(response)
    found = atom.findall(f"{ATOM}entry")
    assert len(found) == 18
    first = found[0]
    new = seeded["2019"]
    link = first.find(f"{ATOM}link").get("href")
    assert link == f"http://testserver/moten/{new.pk}/#beslut-2-1"
    assert first.find(f"{ATOM}title").text == "Beslut: Södertörnsmodellen"
    assert first.find(f"{ATOM}published").text.startswith("2019-09-05T12:00:00+02:00")
    assert first.find(f"{ATOM}updated") is not None
    assert atom.find(f"{ATOM}title").text == "Beslut i protokollsarkivet för Södertörnskommunerna"


def test_feed_follows_the_query_string_and_links_back_to_the_register(client, seeded):
    atom = feed(client.get(FEED, {"year": "2018", "page": "2"}))

    assert len(atom.findall(f"{ATOM}entry")) == 4
    alternate = [link.get("href") for link in atom.findall(f"{ATOM}link")]
    assert "http://testserver/decisions/?year=2018" in alternate


def test_feed_gives_the_latest_50(client):
    make_decisions(60)

    assert len(feed(client.get(FEED)).findall(f"{ATOM}entry")) == 50


def test_feed_escapes_decision_text_as_html(client):
    make_decisions(1, text="<script>alert(1)</script> & <img src=x onerror=alert(1)>")

    response = client.get(FEED)

    summary = feed(response).find(f"{ATOM}entry/{ATOM}summary")
    assert summary.get("type") == "html"
    # What a feed reader renders: the tags as text, never as markup.
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img" in summary.text
    assert b"<script>" not in response.content


def test_register_page_escapes_decision_text(client):
    make_decisions(1, text="<script>alert(1)</script>")

    content = client.get(REGISTER).content.decode()

    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_register_links_its_feed_and_export_with_the_same_filters(client, seeded):
    content = client.get(REGISTER, {"year": "2019", "page": "1"}).content.decode()

    # The feed link carries the reader's feed token (tests/search/test_feed_tokens.py).
    assert 'href="/decisions/feed/?year=2019&amp;token=' in content
    assert 'type="application/atom+xml"' in content
    assert 'href="?year=2019&amp;format=csv"' in content


def test_register_words_use_swedish_full_text(client, seeded):
    # "kontakta" (no å/ä/ö, another inflection) finds "Att Rickard kontaktar ...".
    html = client.get(REGISTER, {"q": "rickard kontakta"}).content.decode()
    assert html.count('class="register-entry"') == 2
    assert "Trafikutskottet" in html


def test_beyond_the_count_limit_the_register_says_more_than_and_lists_the_newest(
    client, settings
):
    older, newer = make_decisions(8, day=1), make_decisions(8, day=2)
    settings.FACET_COUNT_LIMIT = 10

    page = client.get(REGISTER).content.decode()
    links = entries(client.get(REGISTER))

    assert "Fler än 10 beslut" in page
    assert "De 10 nyaste visas." in page
    assert "Visar" not in page and "?page=2" not in page
    assert len(links) == 10
    assert all(link.startswith(f"/moten/{newer.pk}/") for link in links[:8])
    assert all(link.startswith(f"/moten/{older.pk}/") for link in links[8:])
    # A filter that narrows the list below the limit brings back the count and the facets.
    narrowed = client.get(REGISTER, {"date_from": "2024-01-02"}).content.decode()
    assert "8 beslut" in narrowed and "Fler än" not in narrowed
    assert 'href="?date_from=2024-01-02&amp;year=2024"' in narrowed


def test_beyond_the_count_limit_the_csv_holds_the_newest_and_says_where_it_stops(
    client, settings
):
    """An export of every decision of a large archive would hold a web worker for minutes:
    the file holds as many as the list pages through, newest first, and says so."""
    make_decisions(8, day=1), make_decisions(8, day=2)
    settings.FACET_COUNT_LIMIT = 10

    page = client.get(REGISTER).content.decode()
    rows = csv_rows(client.get(REGISTER, {"format": "csv"}))

    assert "Ladda ned de 10 nyaste som CSV" in page
    header, decisions, note = rows[0], rows[1:11], rows[11:]
    assert header[0] == "Datum"
    assert [row[0] for row in decisions] == ["2024-01-02"] * 8 + ["2024-01-01"] * 2
    assert note == [["Fler beslut matchar: filen innehåller de första 10. Avgränsa med år, "
                     "organ eller ord för att exportera resten."]]
    # Below the limit the whole list is exported, with no such line.
    narrowed = csv_rows(client.get(REGISTER, {"date_from": "2024-01-02", "format": "csv"}))
    assert len(narrowed) == 1 + 8
    assert "Ladda ned som CSV (alla matchande beslut)" in client.get(
        REGISTER, {"date_from": "2024-01-02"}).content.decode()


COMMON_WORDS = "Sökningen innehåller bara mycket vanliga ord"
NO_WORDS = "Skriv minst ett ord att söka efter."
ONLY_EXCLUSIONS = "Skriv minst ett ord att söka efter, inte bara ord som ska uteslutas."
TOO_LONG = "Sökningen är för lång"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("q=att", COMMON_WORDS),
        ("q=och", COMMON_WORDS),
        ("q=om", COMMON_WORDS),
        ("q=f%C3%B6r", COMMON_WORDS),
        ("q=-remiss", ONLY_EXCLUSIONS),
        ("q=%22%22", NO_WORDS),
        ("q=-", NO_WORDS),
        ("q=*", NO_WORDS),
        ("q=!!!", NO_WORDS),
        ("q=%ff%fe", NO_WORDS),
        ("q=" + "a" * 501, TOO_LONG),
    ],
    ids=["att", "och", "om", "för", "-remiss", "empty phrase", "-", "*", "!!!",
         "invalid UTF-8", "501 characters"],
)
def test_register_words_that_cannot_be_searched_say_why_in_swedish(client, query, message):
    make_decisions(2, text="Att godkänna remissen och lägga den till handlingarna.")

    response = client.get(f"{REGISTER}?{query}")

    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert 'role="status"' in content
    assert "0 beslut" in content and entries(response) == []


@pytest.mark.parametrize("output", ["csv", "feed"])
def test_register_export_and_feed_of_words_that_cannot_be_searched_are_empty(client, output):
    make_decisions(2)

    if output == "csv":
        assert csv_rows(client.get(REGISTER, {"q": "att", "format": "csv"}))[1:] == []
    else:
        assert feed(client.get(FEED, {"q": "att"})).findall(f"{ATOM}entry") == []
