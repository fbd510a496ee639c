"""The queue's own upkeep, run in-process: an upload left waiting with no job is queued again,
a file is never queued twice, a discarded one is not read, the hourly purge removes what is
due. (The real worker, killed and restarted, is tests/minutes/queue/test_worker.py.)"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from config.roles import SECRETARIES
from minutes.models import SourceDocument
from minutes.tasks import discarded_purge, imports_requeue_orphans, parse_queue
from tests.jobs import jobs_queued, jobs_run
from tests.minutes.uploads.documents import seed_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary(signed_in_client):
    return signed_in_client(SECRETARIES)


@pytest.fixture(autouse=True)
def media(media_root):
    return media_root


def upload(client, kind: str = "txt") -> SourceDocument:
    name, data = seed_document("000", kind)
    response = client.post("/upload/", {"file": [SimpleUploadedFile(name, data)], "body": ""})
    assert response.status_code == 302
    return SourceDocument.objects.get(original_name=name)


def age(source: SourceDocument, minutes: int = 10) -> None:
    SourceDocument.objects.filter(pk=source.pk).update(
        status_changed_at=timezone.now() - dt.timedelta(minutes=minutes)
    )


def recover() -> int:
    """The periodic `imports_recover`'s part that needs no dead worker (a stalled job's retry
    is tests/minutes/queue/test_worker.py's, with real workers)."""
    return imports_requeue_orphans()


def test_an_upload_whose_job_was_lost_is_queued_again_and_read(secretary):
    source = upload(secretary)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM procrastinate_jobs")
    age(source)

    assert recover() == 1
    assert jobs_queued("minutes.parse_upload") == [
        ("minutes.parse_upload", {"source_id": source.pk})]
    jobs_run()
    source.refresh_from_db()
    assert source.status == "pending"


def test_one_left_parsing_by_a_lost_job_goes_back_to_queued(secretary):
    source = upload(secretary)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM procrastinate_jobs")
    SourceDocument.objects.filter(pk=source.pk).update(status="parsing", parse_attempts=1)
    age(source)

    recover()
    source.refresh_from_db()
    assert source.status == "queued"
    jobs_run()
    source.refresh_from_db()
    assert source.status == "pending"
    assert source.parse_attempts == 0


def test_a_recent_or_waiting_upload_is_left_alone(secretary):
    source = upload(secretary)  # its job waits
    age(source)
    assert recover() == 0
    assert len(jobs_queued("minutes.parse_upload")) == 1


def test_queueing_a_file_twice_queues_one_job(secretary):
    source = upload(secretary)
    parse_queue(source)
    parse_queue(source)
    assert len(jobs_queued("minutes.parse_upload")) == 1
    # and the refused second job leaves the surrounding transaction usable
    assert SourceDocument.objects.filter(pk=source.pk).exists()


def test_an_upload_discarded_before_its_turn_is_not_read(secretary):
    source = upload(secretary)
    response = secretary.post(f"/importer/{source.pk}/avbryt/")
    assert response.status_code == 302
    jobs_run()
    source.refresh_from_db()
    assert source.status == "discarded"
    assert source.parsed is None


def test_the_hourly_purge_removes_the_files_of_old_discards(secretary, settings):
    source = upload(secretary)
    jobs_run()
    secretary.post(f"/importer/{source.pk}/avbryt/")
    age(source, minutes=60 * 24 * (settings.MINUTES_DISCARDED_RETENTION_DAYS + 1))

    assert discarded_purge.func(timestamp=0) == 1
    source.refresh_from_db()
    assert source.file_removed_at is not None
    page = secretary.get(f"/importer/{source.pk}/").content.decode()
    assert "togs bort" in page
