"""A disk that fills up while an original is written: a clear message, nothing half-stored."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from config.roles import SECRETARIES
from minutes.models import Meeting, SourceDocument
from tests.faults.conftest import sample_variants, stored_files
from tests.jobs import jobs_run

pytestmark = pytest.mark.django_db

FULL_MESSAGE = "Arkivets lagringsutrymme är fullt"


def test_a_full_disk_leaves_part_of_the_file_when_nothing_cleans_up(media_root, full_disk):
    """The premise: Django's own storage leaves a partial file behind on ENOSPC."""
    with pytest.raises(OSError, match="No space left"):
        default_storage.save("originals/ab/partial.txt", ContentFile(b"x" * 1000))

    assert full_disk
    assert [path.stat().st_size for path in stored_files(media_root)] == [500]


def test_upload_on_a_full_disk_says_so_and_stores_nothing(
    signed_in_client, media_root, full_disk, tmp_path
):
    secretary = signed_in_client(SECRETARIES)
    [document] = sample_variants(1, tmp_path / "in")
    data = document.read_bytes()

    response = secretary.post(
        "/upload/", {"file": SimpleUploadedFile(document.name, data), "body": "Ledningsgruppen"}
    )

    assert full_disk, "the upload never reached the full disk"
    assert response.status_code == 400
    assert FULL_MESSAGE in response.content.decode()
    assert SourceDocument.objects.count() == 0
    assert Meeting.objects.count() == 0
    assert stored_files(media_root) == []


def test_upload_succeeds_once_there_is_room_again(
    signed_in_client, media_root, monkeypatch, full_disk, tmp_path
):
    secretary = signed_in_client(SECRETARIES)
    [document] = sample_variants(1, tmp_path / "in")
    data = document.read_bytes()
    secretary.post("/upload/", {"file": SimpleUploadedFile(document.name, data)})
    assert full_disk
    monkeypatch.undo()  # the administrator has made room

    response = secretary.post("/upload/", {"file": SimpleUploadedFile(document.name, data)})

    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse("minutes:import-list")
    source = SourceDocument.objects.get()
    assert [path.read_bytes() for path in stored_files(media_root)] == [data]
    assert source.file.read() == data
    jobs_run()  # and the queue's worker reads it
    source.refresh_from_db()
    assert source.status == SourceDocument.Status.PENDING, source.error


def test_ingest_on_a_full_disk_reports_it_and_stores_nothing(media_root, full_disk, tmp_path):
    documents = sample_variants(2, tmp_path / "in")
    stderr = StringIO()

    with pytest.raises(SystemExit) as exit_status:
        call_command("ingest", str(tmp_path / "in"), stdout=StringIO(), stderr=stderr)

    assert exit_status.value.code == 1
    assert len(full_disk) == len(documents)
    errors = stderr.getvalue()
    for document in documents:
        assert f"{document.name}: {FULL_MESSAGE}" in errors
    assert SourceDocument.objects.count() == 0
    assert Meeting.objects.count() == 0
    assert stored_files(media_root) == []
