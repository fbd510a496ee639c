"""An original's workflow record cannot be edited in the admin, and confirming never gives 500.

Issue 12, point 6: a status set back to pending in the admin let the import run again, and
the second meeting for the same original was a 500 (IntegrityError).
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from config.roles import SECRETARIES
from minutes.models import Meeting, SourceDocument
from tests.config.users import SUPERUSER, user_with_role
from tests.jobs import jobs_run
from tests.minutes.uploads.documents import seed_document

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

Status = SourceDocument.Status
NO_FACTS = {"title": "", "date": "2018-06-06", "start_time": "", "end_time": "", "place": "",
            "body": ""}


def signed_in(role: str) -> Client:
    client = Client()
    client.force_login(user_with_role(role))
    return client


def imported(client: Client) -> SourceDocument:
    """Seed 000 uploaded and confirmed by the client's user."""
    name, data = seed_document("000", "txt")
    response = client.post(reverse("minutes:upload"), {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 302
    assert response["Location"] == reverse("minutes:import-list")
    jobs_run()  # the queue's worker reads it (tests/jobs.py)
    source = SourceDocument.objects.get()
    assert source.status == Status.PENDING, source.error
    confirmed = client.post(reverse("minutes:import-confirm", args=[source.pk]), NO_FACTS)
    assert confirmed.status_code == 302
    source.refresh_from_db()
    assert source.status == Status.IMPORTED
    return source


def record(source: SourceDocument) -> dict[str, object]:
    source.refresh_from_db()
    fields = ("status", "status_changed_at", "status_changed_by", "error", "error_code",
              "warnings", "extracted_text", "body_name", "parsed")
    return {name: getattr(source, name) for name in fields}


@pytest.mark.parametrize("role", [SECRETARIES, SUPERUSER])
def test_the_admin_cannot_set_an_imported_original_back_to_pending(role):
    secretary = signed_in(SECRETARIES)
    source = imported(secretary)
    before = record(source)
    client = signed_in(role)

    response = client.post(
        reverse("admin:minutes_sourcedocument_change", args=[source.pk]),
        {"status": Status.PENDING, "error": "Handredigerat", "error_code": "hand",
         "warnings": "[]", "extracted_text": "", "body_name": "Annat organ",
         "status_changed_at_0": "2020-01-01", "status_changed_at_1": "12:00:00"},
    )

    assert response.status_code == 403
    assert record(source) == before


@pytest.mark.parametrize("role", [SECRETARIES, SUPERUSER])
def test_the_admin_shows_an_originals_record_without_a_form_to_change_it(role):
    source = imported(signed_in(SECRETARIES))

    page = signed_in(role).get(reverse("admin:minutes_sourcedocument_change", args=[source.pk]))

    assert page.status_code == 200
    html = page.content.decode()
    assert "Importerad" in html
    for field in ("status", "error", "error_code", "warnings", "extracted_text", "body_name",
                  "status_changed_by"):
        assert f'name="{field}"' not in html


def test_confirming_an_original_set_back_to_pending_gives_its_meeting_not_a_500():
    # As the admin could do before it was read-only: a database may still hold such a record.
    secretary = signed_in(SECRETARIES)
    source = imported(secretary)
    meeting = Meeting.objects.get(source=source)
    SourceDocument.objects.filter(pk=source.pk).update(status=Status.PENDING)

    response = secretary.post(reverse("minutes:import-confirm", args=[source.pk]), NO_FACTS)

    assert response.status_code == 302
    assert response["Location"] == reverse("minutes:meeting-detail", args=[meeting.pk])
    assert Meeting.objects.filter(source=source).count() == 1
    source.refresh_from_db()
    assert source.status == Status.IMPORTED
