"""Bad uploads: each gets a clear Swedish message, the archive is unchanged, and the original
is kept (listed as failed) whenever a file was received at all."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from config.roles import SECRETARIES
from minutes.models import Meeting, SourceDocument
from tests.config.users import user_with_role
from tests.jobs import jobs_run
from tests.minutes.uploads.conftest import archive_counts, stored_files
from tests.minutes.uploads.documents import seed_document
from tests.parsing.pdf_builders import image_only_pdf, lines_pdf, zip_bomb
from tests.samples import CORPUS

UPLOAD = "/upload/"


def post(client: Client, name: str, data: bytes):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data)})


def assert_kept_as_failed(response, data: bytes, media_root: Path, message: str) -> None:
    """The upload went to the list of imports, its bytes stored as sent and queued; once the
    worker read it, it is failed, and its page and the list say why."""
    assert response.status_code == 302
    assert response["Location"] == reverse("minutes:import-list")
    source = SourceDocument.objects.get()
    assert source.status == SourceDocument.Status.QUEUED
    assert [path.read_bytes() for path in stored_files(media_root)] == [data]
    jobs_run()
    source.refresh_from_db()
    assert source.status == SourceDocument.Status.FAILED
    assert [path.read_bytes() for path in stored_files(media_root)] == [data]
    assert source.file.storage.path(source.file.name).startswith(str(media_root))
    page = Client()
    page.cookies = response.client.cookies
    shown = page.get(reverse("minutes:import-detail", args=[source.pk])).content.decode()
    assert message in shown
    assert message in source.error
    listing = page.get(response["Location"]).content.decode()
    assert escape(source.error) in listing


@pytest.mark.django_db
def test_empty_file_is_refused_and_nothing_is_stored(secretary_client, media_root):
    before = archive_counts()

    response = post(secretary_client, "protokoll.txt", b"")

    assert response.status_code == 400
    assert "Den skickade filen är tom." in response.content.decode()
    assert not SourceDocument.objects.exists()
    assert stored_files(media_root) == []
    assert archive_counts() == before


@pytest.mark.django_db
def test_file_over_the_size_limit_is_refused_before_it_is_stored(
    secretary_client, media_root, settings
):
    settings.MINUTES_UPLOAD_MAX_BYTES = 10_000
    before = archive_counts()

    response = post(secretary_client, "protokoll.txt", b"Protokoll\n" * 2_000)

    assert response.status_code == 400
    assert "Filen är större än 9,8\xa0kB" in response.content.decode()
    assert not SourceDocument.objects.exists()
    assert stored_files(media_root) == []
    assert archive_counts() == before


@pytest.mark.django_db
def test_image_renamed_to_pdf_is_kept_as_failed(secretary_client, media_root):
    data = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    before = archive_counts()

    response = post(secretary_client, "protokoll.pdf", data)

    assert_kept_as_failed(response, data, media_root, "Filen är varken en PDF")
    assert archive_counts() == before


@pytest.mark.django_db
def test_html_disguised_as_text_is_kept_as_failed(secretary_client, media_root):
    data = (
        b"<!DOCTYPE html>\n<html><head><title>Protokoll</title></head><body>\n"
        b"<h1>Protokoll</h1><p>N\xc3\xa4rvarande: Anna Andersson</p>"
        b"<script>alert(1)</script></body></html>\n"
    )
    before = archive_counts()

    response = post(secretary_client, "protokoll.txt", data)

    assert_kept_as_failed(response, data, media_root, "Filen är varken en PDF")
    assert archive_counts() == before


@pytest.mark.django_db
@pytest.mark.corpus
def test_scanned_pdf_without_text_is_kept_as_failed_when_ocr_is_off(
    secretary_client, media_root, settings
):
    settings.MINUTES_OCR = "never"
    scanned = sorted(CORPUS.glob("03_*.pdf"))
    assert scanned, "the corpus has no 03_ scan"
    data = scanned[0].read_bytes()
    before = archive_counts()

    response = post(secretary_client, scanned[0].name, data)

    assert_kept_as_failed(response, data, media_root, "PDF-filen saknar textlager")
    assert "OCR (textigenkänning) är avstängd på den här servern" in (
        SourceDocument.objects.get().error)
    assert archive_counts() == before


@pytest.mark.django_db
def test_a_blank_scan_with_ocr_on_is_kept_as_failed_saying_ocr_found_no_text(
    secretary_client, media_root, settings
):
    settings.MINUTES_OCR = "auto"
    data = image_only_pdf(1)

    response = post(secretary_client, "tom-skanning.pdf", data)

    assert_kept_as_failed(response, data, media_root, "hittade inte heller någon")
    source = SourceDocument.objects.get()
    assert source.error_code == "ocr_no_text"
    assert "avstängd" not in source.error


@pytest.mark.django_db
def test_pdf_whose_parse_exceeds_the_time_limit_is_stopped_and_kept(
    secretary_client, media_root, settings
):
    settings.MINUTES_PARSE_TIMEOUT = 1
    name, _ = seed_document("000", "txt")
    lines = [f"{number}. Paragraf {number} om budget och planering" for number in range(1, 60)]
    data = lines_pdf([lines] * 150)
    before = archive_counts()

    response = post(secretary_client, "lang.pdf", data)

    assert_kept_as_failed(response, data, media_root, "tog för lång tid")
    assert archive_counts() == before


@pytest.mark.django_db
def test_docx_zip_bomb_is_refused_unopened_and_kept(secretary_client, media_root):
    data = zip_bomb(200 * 1024 * 1024)
    assert len(data) < 1024 * 1024
    before = archive_counts()

    response = post(secretary_client, "protokoll.docx", data)

    assert_kept_as_failed(response, data, media_root, "packas upp till mycket mer data")
    assert archive_counts() == before


@pytest.mark.django_db
def test_name_with_folders_and_300_characters_is_stored_under_a_generated_name(
    secretary_client, media_root
):
    _, data = seed_document("000", "txt")
    hostile = "../../" + "å" * 300 + ".txt"

    response = post(secretary_client, hostile, data)

    source = SourceDocument.objects.get()
    assert response.status_code == 302
    assert "/" not in source.original_name and ".." not in source.original_name.strip(".")
    assert len(source.original_name) <= 255
    assert source.original_name.endswith(".txt")
    assert source.file.name == f"originals/{source.sha256[:2]}/{source.sha256}.txt"
    assert [path.read_bytes() for path in stored_files(media_root)] == [data]
    download = secretary_client.get(reverse("minutes:import-original", args=[source.pk]))
    assert "/" not in download["Content-Disposition"].split("filename", 1)[1]


@pytest.mark.django_db(transaction=True)
def test_same_file_twice_at_once_gives_exactly_one_meeting(media_root):
    name, data = seed_document("000", "txt")
    user = user_with_role(SECRETARIES)
    barrier = threading.Barrier(2)
    answers: list[str] = []
    errors: list[BaseException] = []

    def at_once(step) -> None:
        """`step(client)` in two threads, as two tabs of the same secretary, at once."""

        def run() -> None:
            try:
                client = Client()
                client.force_login(user)
                barrier.wait()
                step(client)
            except BaseException as error:  # noqa: BLE001 - reported by the main thread
                errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=run) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)

    def upload(client: Client) -> None:
        response = post(client, name, data)
        assert response.status_code == 302, response.content[:500]
        assert response["Location"] == reverse("minutes:import-list")

    def confirm(client: Client) -> None:
        confirmed = client.post(
            reverse("minutes:import-confirm", args=[SourceDocument.objects.get().pk]),
            {"date": "2018-06-06", "body": "Ledningsgruppen"},
        )
        answers.append(confirmed["Location"])

    at_once(upload)
    assert errors == []
    assert SourceDocument.objects.count() == 1
    assert jobs_run() == 1  # one job for the one original, however often it was sent
    assert SourceDocument.objects.get().status == SourceDocument.Status.PENDING
    at_once(confirm)

    assert errors == []
    assert SourceDocument.objects.count() == 1
    assert Meeting.objects.count() == 1
    meeting = Meeting.objects.get()
    assert answers == [reverse("minutes:meeting-detail", args=[meeting.pk])] * 2
    assert [path.read_bytes() for path in stored_files(media_root)] == [data]
