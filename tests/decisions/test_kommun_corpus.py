"""`manage.py ingest ../shared/corpus/kommun/` archives all 14 real protokoll, and their case
numbers, votes and reservations appear on the pages (corpus: skipped without ../shared)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from django.urls import reverse

from decisions.models import Ballot, Decision, Statement, Vote
from minutes.models import AgendaItem, Meeting, SourceDocument
from tests.decisions.test_case_pages import case_url
from tests.minutes.test_pages import page_text
from tests.samples import CORPUS
from tests.search.test_register import csv_rows

pytestmark = [pytest.mark.corpus, pytest.mark.django_db]

KOMMUN = CORPUS / "kommun"


@pytest.fixture(scope="module")
def archived(django_db_setup, django_db_blocker, tmp_path_factory):
    """The folder ingested once for the module, inside a transaction rolled back after it."""
    if not KOMMUN.is_dir():
        pytest.skip(f"{KOMMUN} is absent")
    out, err = StringIO(), StringIO()
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))),
        transaction.atomic(),
    ):
        call_command("ingest", str(KOMMUN), stdout=out, stderr=err)
        yield {"out": out.getvalue(), "err": err.getvalue()}
        transaction.set_rollback(True)


def meeting_of(name: str) -> Meeting:
    return Meeting.objects.get(source__original_name=name)


def test_every_protokoll_of_the_folder_is_archived(archived):
    files = sorted(path.name for path in KOMMUN.glob("*.txt"))
    assert len(files) == 14

    stored = sorted(SourceDocument.objects.filter(
        status=SourceDocument.Status.IMPORTED).values_list("original_name", flat=True))
    assert stored == files, archived["err"]
    for name in files:
        meeting = meeting_of(name)
        assert meeting.body is not None, name
        assert meeting.items.exists(), name
    numbered = AgendaItem.objects.exclude(case_number="")
    assert numbered.count() >= 0.9 * AgendaItem.objects.count()


def test_each_paragraph_is_on_its_case_page(client, archived):
    item = meeting_of("ks-2024-01-23.txt").items.get(number="6")
    assert item.case_number

    response = client.get(case_url(item.case_number))

    assert response.status_code == 200
    text = page_text(response)
    assert f"Ärende {item.case_number}" in text
    assert "Kommunstyrelsen, § 6" in text
    assert f'href="/moten/{item.meeting_id}/#punkt-6"' in response.content.decode()


def test_a_vote_shows_on_the_meeting_page(client, archived):
    meeting = meeting_of("ks-2024-01-23.txt")
    vote = Vote.objects.get(item__meeting=meeting, item__number="6")
    assert (vote.yes, vote.no) == (11, 4)
    assert vote.ballots.count() == 15

    text = page_text(client.get(reverse("minutes:meeting-detail", args=[meeting.pk])))

    assert "Omröstning Ja 11, Nej 4, Avstår 0" in text
    assert "Så röstade ledamöterna i § 6" in text


def test_a_reservation_shows_on_the_person_page(client, archived):
    meeting = meeting_of("vo-2024-11-14.txt")
    reservation = Statement.objects.get(
        item__meeting=meeting, item__number="149", name_as_written="Per Hoel"
    )
    assert reservation.kind == Statement.Kind.RESERVATION
    assert meeting.attendances.filter(person=reservation.person).exists()
    assert Ballot.objects.filter(person=reservation.person).count() >= 2

    text = page_text(client.get(
        reverse("municipalities:person-detail", args=[reservation.person.pk])
    ))

    assert "Röstade nej i § 149, reserverade sig i § 149, röstade ja i § 150" in text


def test_the_register_csv_with_a_reservation_lists_those_paragraphs_decisions(client, archived):
    reserved = Decision.objects.filter(item__statements__kind=Statement.Kind.RESERVATION)
    expected = reserved.distinct().count()
    assert expected > 0

    rows = csv_rows(client.get("/decisions/", {"has_reservation": "on", "format": "csv"}))

    assert len(rows) == 1 + expected
