"""The case page (a case number's paragraphs across bodies, oldest first), and votes,
reservations and case numbers as readers see them on meeting and person pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.config.users import SIGNED_IN_QUERIES
from tests.decisions.protokoll import (
    ROAD_CASE,
    VOTE_CASE,
    fullmaktige_meeting,
    namnd_meeting,
)
from tests.minutes.test_pages import page_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def case_url(case_number: str) -> str:
    return reverse("decisions:case-detail", args=[case_number])


def test_a_case_number_with_spaces_and_slashes_round_trips_through_its_url(client):
    namnd_meeting()

    url = case_url(VOTE_CASE)
    assert url == "/arenden/MBN%202024/301/"
    assert client.get(url).status_code == 200
    # Written in another letter case, or with the space doubled, the same case.
    assert "§ 6" in page_text(client.get("/arenden/mbn%20%202024/301/"))


def test_the_case_page_follows_the_case_through_the_bodies_oldest_first(client):
    kf = fullmaktige_meeting()
    namnd = namnd_meeting()

    response = client.get(case_url(ROAD_CASE))

    text = page_text(response)
    assert "Ärende MBN 2025/3" in text
    namnd_step = text.index("11 mars 2025, Miljö- och byggnämnden, § 7")
    kf_step = text.index("22 april 2025, Kommunfullmäktige, § 47")
    assert namnd_step < kf_step
    assert text.count("Taxa för tillsyn enligt miljöbalken 2025") == 2
    assert "Kommunfullmäktige antar taxa för tillsyn enligt miljöbalken 2025." in text
    content = response.content.decode()
    assert f'href="/moten/{namnd.pk}/#punkt-7"' in content
    assert f'href="/moten/{kf.pk}/#punkt-47"' in content
    # Another case's paragraphs are not on its page.
    assert "Delegeringsbeslut" not in text


def test_an_unknown_case_is_a_swedish_404(client):
    namnd_meeting()

    for path in ("/arenden/KS%202099/1/", "/arenden/%20/", "/arenden/" + "x" * 300 + "/"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "Sidan finns inte" in page_text(response)


def test_the_case_page_runs_the_same_queries_for_one_or_two_paragraphs(
    client, django_assert_num_queries
):
    namnd_meeting()
    with django_assert_num_queries(SIGNED_IN_QUERIES + 4) as one:
        client.get(case_url(ROAD_CASE))
    fullmaktige_meeting()
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(case_url(ROAD_CASE))
    assert len(response.context["items"]) == 2


def test_the_meeting_page_shows_the_case_number_vote_and_reservations_at_the_paragraph(client):
    meeting = namnd_meeting()

    response = client.get(reverse("minutes:meeting-detail", args=[meeting.pk]))

    content = response.content.decode()
    assert f'href="{case_url(VOTE_CASE)}"' in content
    text = page_text(response)
    # The paragraphs' headings, not their lines in the table of contents above them.
    paragraph = text[text.rindex("6. Bygglov för nybyggnad"):text.rindex("7. Taxa för tillsyn")]
    assert "Diarienummer: MBN 2024/301" in paragraph
    assert "Omröstning Ja 4, Nej 2, Avstår 0" in paragraph
    assert "Så röstade ledamöterna i § 6" in paragraph
    assert "Maja Fors (S) Nej" in paragraph
    assert "Karin Alm (C) Ja" in paragraph
    assert "Reservation: Maja Fors (S)" in paragraph
    assert "Jäv: Nils Holm (SD)" in paragraph
    later = text[text.index("7. Taxa för tillsyn"):]
    assert "Protokollsanteckning: Rut Olsson (V)" in later
    assert "Beslutet skickas till: Kommunfullmäktige, Ekonomienheten" in later


def test_the_person_page_says_how_they_voted_and_where_they_reserved_themselves(client):
    meeting = namnd_meeting()
    maja = meeting.attendances.get(name_as_written="Maja Fors").person
    nils = meeting.attendances.get(name_as_written="Nils Holm").person

    response = client.get(reverse("municipalities:person-detail", args=[maja.pk]))

    assert "Röstade nej i § 6, reserverade sig i § 6." in page_text(response)
    assert f'href="/moten/{meeting.pk}/#punkt-6"' in response.content.decode()
    nils_page = page_text(client.get(reverse("municipalities:person-detail", args=[nils.pk])))
    assert "Anmälde jäv i § 6." in nils_page


def test_a_meeting_page_with_votes_runs_the_same_queries_for_one_or_another_meeting(
    client, django_assert_num_queries
):
    namnd, kf = namnd_meeting(), fullmaktige_meeting()
    # The meeting, its adjusters, attendances, items, decisions, assigned people, votes,
    # ballots with their people, statements with their people.
    with django_assert_num_queries(SIGNED_IN_QUERIES + 11) as first:
        client.get(reverse("minutes:meeting-detail", args=[namnd.pk]))
    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get(reverse("minutes:meeting-detail", args=[kf.pk]))
    assert "Så röstade ledamöterna i § 46" in page_text(response)
