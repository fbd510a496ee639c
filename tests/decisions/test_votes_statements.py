"""Votes (who voted how), reservations, recusals and protocol notes, and each item's case
number and recipients, stored from municipal protokoll by every way in: ingest, re-parse and
a confirmed upload; people linked like attendees, moved by merges, listed by the export."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from config.roles import SECRETARIES
from decisions.models import Ballot, Statement, Vote
from minutes.models import AgendaItem, SourceDocument
from minutes.services import minutes_ingest, minutes_reparse
from municipalities.export import person_export
from municipalities.models import Person
from municipalities.services import person_merge
from tests.decisions.protokoll import VOTE_CASE, namnd_meeting, namnd_text
from tests.jobs import jobs_run

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def vote_rows(meeting) -> list[tuple[str, str, str]]:
    return list(
        Ballot.objects.filter(vote__item__meeting=meeting)
        .order_by("vote__item__order", "vote__order", "order")
        .values_list("vote__item__number", "name_as_written", "choice")
    )


def statements(meeting) -> list[tuple[str, str, str, str]]:
    return list(
        Statement.objects.filter(item__meeting=meeting)
        .order_by("item__order", "kind", "order")
        .values_list("item__number", "kind", "name_as_written", "affiliation_as_written")
    )


def test_items_keep_their_case_numbers_and_recipients():
    meeting = namnd_meeting()

    items = list(meeting.items.order_by("order").values_list("number", "case_number", "sent_to"))
    assert items == [
        ("5", "MBN 2025/12", ["Förvaltningen för samhällsbyggnad"]),
        ("6", VOTE_CASE, []),
        ("7", "MBN 2025/3", ["Kommunfullmäktige", "Ekonomienheten"]),
        ("8", "MBN 2025/20", []),
    ]
    assert list(AgendaItem.objects.in_case("mbn 2024/301")) == [meeting.items.get(number="6")]


def test_a_vote_is_stored_with_its_counts_and_each_member_as_the_attendee():
    meeting = namnd_meeting()

    vote = Vote.objects.get(item__meeting=meeting)
    assert (vote.item.number, vote.yes, vote.no, vote.abstain) == ("6", 4, 2, 0)
    assert vote_rows(meeting) == [
        ("6", "Karin Alm", "yes"), ("6", "Sven Dahl", "yes"), ("6", "Per Gran", "yes"),
        ("6", "Eva Lund", "yes"), ("6", "Maja Fors", "no"), ("6", "Olle Berg", "no"),
    ]
    for ballot in Ballot.objects.filter(vote=vote):
        assert meeting.attendances.filter(person=ballot.person).exists(), ballot


def test_reservations_recusals_and_notes_are_stored_per_item_and_person():
    meeting = namnd_meeting()

    assert statements(meeting) == [
        ("6", "recusal", "Nils Holm", "SD"),
        ("6", "reservation", "Maja Fors", "S"),
        ("6", "reservation", "Olle Berg", "S"),
        ("7", "note", "Rut Olsson", "V"),
    ]
    maja = meeting.attendances.get(name_as_written="Maja Fors").person
    assert Statement.objects.get(kind="reservation", person=maja).text == (
        "reserverar sig mot beslutet."
    )
    note = Statement.objects.get(kind="note")
    assert "Taxan borde sänkas för föreningar." in note.text
    assert meeting.attendances.filter(person=note.person).exists()


def test_a_party_reservation_without_a_name_keeps_the_party():
    text = namnd_text().replace(
        "Maja Fors (S) och Olle Berg (S) reserverar sig mot beslutet.",
        "Ledamöterna i (S) reserverar sig mot beslutet.",
    )
    meeting = minutes_ingest(data=text.encode(), filename="party.txt").meeting

    reservation = Statement.objects.get(item__meeting=meeting, kind="reservation")
    assert (reservation.person, reservation.name_as_written) == (None, "")
    assert reservation.affiliation_as_written == "S"


def test_reparse_replaces_votes_and_statements_without_doubling_them():
    meeting = namnd_meeting()
    before = (vote_rows(meeting), statements(meeting), Person.objects.count())

    minutes_reparse(source=meeting.source)

    assert (vote_rows(meeting), statements(meeting), Person.objects.count()) == before
    assert meeting.items.get(number="6").case_number == VOTE_CASE


def test_a_confirmed_upload_stores_what_the_preview_kept(signed_in_client):
    client = signed_in_client(SECRETARIES)
    response = client.post("/upload/", {
        "file": SimpleUploadedFile("mbn.txt", namnd_text().encode()), "body": "",
    })
    assert response.status_code == 302
    assert response["Location"] == reverse("minutes:import-list")
    jobs_run()  # the queue's worker reads it (tests/jobs.py)
    source = SourceDocument.objects.get()
    assert source.status == SourceDocument.Status.PENDING, source.error
    facts = {"title": "", "date": "", "start_time": "", "end_time": "", "place": "", "body": ""}

    client.post(reverse("minutes:import-confirm", args=[source.pk]), facts)

    meeting = SourceDocument.objects.get().meeting
    assert meeting.items.get(number="6").case_number == VOTE_CASE
    assert meeting.items.get(number="7").sent_to == ["Kommunfullmäktige", "Ekonomienheten"]
    assert len(vote_rows(meeting)) == 6
    assert [row[1] for row in statements(meeting)] == [
        "recusal", "reservation", "reservation", "note"
    ]


def test_merging_a_voter_moves_their_ballots_and_reservations(admin_user):
    meeting = namnd_meeting()
    maja = meeting.attendances.get(name_as_written="Maja Fors").person
    twin = Person.objects.create(full_name="Maja Forss", normalized_name="maja forss")

    person_merge(keep=twin, merge=maja, user=admin_user)

    assert Ballot.objects.get(name_as_written="Maja Fors").person == twin
    assert Statement.objects.get(name_as_written="Maja Fors").person == twin


def test_the_export_lists_a_persons_votes_and_reservations():
    meeting = namnd_meeting()
    maja = meeting.attendances.get(name_as_written="Maja Fors").person

    data = person_export(person=maja)

    assert [(v["item"]["number"], v["vote"]) for v in data["votes_cast"]] == [("6", "no")]
    assert data["votes_cast"][0]["item"]["case_number"] == VOTE_CASE
    assert [(s["kind"], s["item"]["number"]) for s in data["statements"]] == [
        ("reservation", "6")
    ]


def test_a_member_written_otherwise_in_the_vote_table_is_still_the_attendee():
    text = namnd_text().replace("| Karin Alm (C) |", "| Karin Álm (C) |").replace(
        "| Maja Fors (S) |", "| Maja Förs (S) |")
    meeting = minutes_ingest(data=text.encode(), filename="variants.txt").meeting
    people_before = Person.objects.count()
    assert people_before == meeting.attendances.count()

    ballots = Ballot.objects.filter(vote__item__meeting=meeting)
    assert {"Karin Álm", "Maja Förs"} <= set(ballots.values_list("name_as_written", flat=True))
    for ballot in ballots:
        assert meeting.attendances.filter(person=ballot.person).exists(), ballot
