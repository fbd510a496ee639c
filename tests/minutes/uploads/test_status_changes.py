"""Every change of an original's status, through the upload pages or ingest, records who made
it and when (minutes.services.source_status_set), and only the changes the pipeline names
happen."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from minutes.models import Meeting, SourceDocument
from minutes.services import (
    STATUS_CHANGES,
    IngestError,
    minutes_ingest,
    source_status_set,
)
from tests.config.users import user_with_role
from tests.jobs import jobs_run
from tests.minutes.uploads.conftest import SECRETARIES
from tests.minutes.uploads.documents import seed_document
from tests.minutes.uploads.test_upload_flow import confirm, source_of, upload

pytestmark = pytest.mark.django_db

Status = SourceDocument.Status
BROKEN = b"\x89PNG\r\n\x1a\n" + b"\0" * 200  # a picture named .pdf: fails to parse


def secretary(name: str) -> tuple[Client, object]:
    user = user_with_role(SECRETARIES, username=name)
    client = Client()
    client.force_login(user)
    return client, user


def record(source: SourceDocument) -> tuple[str, object, dt.datetime]:
    source.refresh_from_db()
    return source.status, source.status_changed_by, source.status_changed_at


def test_each_step_of_an_upload_records_who_changed_its_status_and_when():
    (anna, anna_user), (bertil, bertil_user), (cecilia, cecilia_user) = (
        secretary("anna"), secretary("bertil"), secretary("cecilia"))
    name, data = seed_document("000", "txt")
    start = timezone.now()

    response = upload(anna, name, data)
    status, by, received_at = record(source_of(response, read=False))
    assert (status, by) == (Status.QUEUED, anna_user)
    assert received_at >= start
    source = source_of(response)  # read by the queue's worker, on behalf of who uploaded it
    status, by, read_at = record(source)
    assert (status, by) == (Status.PENDING, anna_user)
    assert read_at > received_at

    bertil.post(reverse("minutes:import-cancel", args=[source.pk]))
    status, by, discarded_at = record(source)
    assert (status, by) == (Status.DISCARDED, bertil_user)
    assert discarded_at > read_at

    # The same bytes again: the discarded record is taken back, by who uploaded them.
    assert source_of(upload(cecilia, "kopia.txt", data)) == source
    status, by, taken_back_at = record(source)
    assert (status, by) == (Status.PENDING, cecilia_user)
    assert taken_back_at > discarded_at

    confirm(bertil, source, date="2018-06-06")
    status, by, imported_at = record(source)
    assert (status, by) == (Status.IMPORTED, bertil_user)
    assert imported_at > taken_back_at
    assert Meeting.objects.filter(source=source).exists()


def test_a_failed_read_records_who_tried_when_and_why_each_time():
    (anna, anna_user), (bertil, bertil_user) = secretary("anna"), secretary("bertil")

    source = source_of(upload(anna, "bild.pdf", BROKEN))
    status, by, failed_at = record(source)
    assert (status, by) == (Status.FAILED, anna_user)
    assert source.error_code == "unsupported_type" and source.error
    assert source.parsed is None

    bertil.post(reverse("minutes:import-reparse", args=[source.pk]))
    status, by, queued_at = record(source)
    assert (status, by) == (Status.QUEUED, bertil_user)
    assert queued_at > failed_at
    jobs_run()  # the queue's worker reads it, for whoever queued it
    status, by, failed_again_at = record(source)
    assert (status, by) == (Status.FAILED, bertil_user)
    assert failed_again_at > queued_at
    assert source.error_code == "unsupported_type"


def test_ingest_takes_over_a_failed_upload_as_imported_now_and_clears_its_error(media_root):
    anna, _ = secretary("anna")
    name, data = seed_document("000", "txt")
    source = source_of(upload(anna, name, data))
    failure = IngestError("Tolkningen avbröts.", code="timeout")
    source_status_set(source, Status.FAILED, user=None, failure=failure)
    _, _, failed_at = record(source)
    assert (source.error_code, source.error) == ("timeout", "Tolkningen avbröts.")

    result = minutes_ingest(data=data, filename=name)

    assert result.source.pk == source.pk
    status, by, imported_at = record(source)
    assert (status, by) == (Status.IMPORTED, None)  # the command has no user
    assert imported_at > failed_at
    assert (source.error_code, source.error) == ("", "")


def test_a_change_the_pipeline_does_not_make_is_refused_and_nothing_is_saved():
    anna, anna_user = secretary("anna")
    name, data = seed_document("000", "txt")
    source = source_of(upload(anna, name, data))
    confirm(anna, source, date="2018-06-06")
    before = record(source)

    assert (Status.IMPORTED, Status.DISCARDED) not in STATUS_CHANGES
    with pytest.raises(ValueError):
        source_status_set(source, Status.DISCARDED, user=anna_user)
    with pytest.raises(ValueError):  # a failure says why
        source_status_set(SourceDocument.objects.get(pk=source.pk), Status.FAILED, user=None)

    assert record(source) == before
