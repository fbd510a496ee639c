"""Scanned minutes through the archive: upload, preview, import, download, ingest, re-parse."""

from __future__ import annotations

import hashlib
import io
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from minutes import tasks
from minutes.models import Meeting, SourceDocument
from parsing.extract import extract
from tests.minutes.uploads.conftest import archive_counts
from tests.minutes.uploads.test_upload_flow import confirm, source_of, upload
from tests.samples import CORPUS

pytestmark = pytest.mark.django_db

SCAN = "03_stenaldern-styrelse-2024-12-17-scanonly.pdf"


@pytest.fixture
def fresh_parse_process():
    """Calling it stops the parse process the worker's thread keeps (minutes.tasks), so the
    next file is read by one started in the environment as the test has changed it; the
    one started in the test is stopped afterwards."""

    def stop() -> None:
        pool = getattr(tasks._thread, "pool", None)
        if pool is not None:
            pool.close()
            tasks._thread.pool = None

    yield stop
    stop()


def scan_bytes() -> bytes:
    return (CORPUS / SCAN).read_bytes()


def download(client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    return b"".join(response.streaming_content)


@pytest.mark.corpus
def test_a_scan_uploads_with_an_ocr_preview_and_imports_with_both_versions(secretary_client):
    data = scan_bytes()
    source = source_of(upload(secretary_client, SCAN, data, body="Styrelsen"))
    assert source.status == SourceDocument.Status.PENDING
    assert source.ocr_file.name.endswith(f"{source.sha256}.ocr.pdf")

    preview = secretary_client.get(reverse("minutes:import-detail", args=[source.pk]))
    page = preview.content.decode()
    assert "Texten har tolkats med OCR (textigenkänning) ur en skannad handling." in page
    assert "lästes med OCR (textigenkänning)" in page  # the warning, with the page count
    assert "Marianne Nikitidis Claesson" in page and "Info gällande laddpunkterna" in page
    uncertain = next((w["params"]["words"].split("\n") for w in source.warnings
                      if w["code"] == "ocr_uncertain"), [])
    if uncertain:
        assert f"kontrollera dem mot originalet: {', '.join(uncertain)}." in page
    names = [a["name"] for a in source.parsed["attendees"]]
    for word in uncertain:
        if any(word in name.split() for name in names):  # marked where the preview shows it
            assert f'<mark class="ocr-uncertain">{word}<span class="visually-hidden"> ' \
                   "(kontrollera)</span></mark>" in page
    ocr_link = reverse("minutes:import-original-ocr", args=[source.pk])
    assert ocr_link in page

    response = confirm(secretary_client, source, date="2024-12-17", start_time="19:00",
                       place="Hos Emil Stigsson", body="Styrelsen")
    meeting = Meeting.objects.get(source=source)
    assert response.status_code == 302
    assert meeting.items.count() == 11
    assert meeting.attendances.filter(status="absent").count() == 3

    page = secretary_client.get(reverse("minutes:meeting-detail", args=[meeting.pk]))
    page = page.content.decode()
    assert "Ladda ned originalet" in page and "Ladda ned versionen som lästs med OCR" in page
    original = download(secretary_client, reverse("minutes:meeting-original", args=[meeting.pk]))
    assert hashlib.sha256(original).hexdigest() == source.sha256  # untouched
    ocr_version = download(
        secretary_client, reverse("minutes:meeting-original-ocr", args=[meeting.pk]))
    assert "Val av justerare" in "\n".join(extract(ocr_version).pages)
    # The recognised text is searchable like any other.
    found = secretary_client.get("/search/", {"q": "laddpunkterna", "format": "json"}).json()
    assert found["count"] == 1


def test_a_born_digital_meeting_offers_no_ocr_version(secretary_client):
    from tests.minutes.uploads.documents import seed_document

    name, data = seed_document("000", "pdf")
    source = source_of(upload(secretary_client, name, data))
    confirm(secretary_client, source, date="2018-06-06")
    meeting = Meeting.objects.get(source=source)

    page = secretary_client.get(reverse("minutes:meeting-detail", args=[meeting.pk]))
    assert "lästs med OCR" not in page.content.decode()
    missing = secretary_client.get(reverse("minutes:meeting-original-ocr", args=[meeting.pk]))
    assert missing.status_code == 404


@pytest.mark.corpus
def test_without_the_ocr_programs_a_scan_is_kept_as_failed_with_the_reason(
    secretary_client, monkeypatch, fresh_parse_process
):
    monkeypatch.setenv("PATH", "/nonexistent")  # the sandbox finds no ocrmypdf
    fresh_parse_process()
    before = archive_counts()

    source = source_of(upload(secretary_client, SCAN, scan_bytes()))

    assert source.status == SourceDocument.Status.FAILED
    assert source.error_code == "ocr_unavailable"
    detail = secretary_client.get(reverse("minutes:import-detail", args=[source.pk]))
    assert "OCR (textigenkänning) finns inte på den här servern" in detail.content.decode()
    assert archive_counts() == before


@pytest.mark.corpus
def test_ingest_reads_scans_by_ocr_unless_told_never_and_reparse_keeps_the_ocr_version(
    tmp_path,
):
    path = tmp_path / SCAN
    path.write_bytes(scan_bytes())

    with pytest.raises(SystemExit):
        call_command("ingest", str(path), "--ocr", "never", stdout=StringIO(),
                     stderr=StringIO())
    assert not Meeting.objects.exists()

    out = io.StringIO()
    call_command("ingest", str(path), stdout=out)
    meeting = Meeting.objects.get()
    assert meeting.start_date.isoformat() == "2024-12-17"
    assert meeting.items.count() == 11
    first_ocr = meeting.source.ocr_file.name
    assert first_ocr and meeting.source.ocr_file.storage.exists(first_ocr)

    call_command("ingest", "--reparse", stdout=StringIO())
    meeting.source.refresh_from_db()
    assert meeting.source.ocr_file.name == first_ocr
    assert meeting.items.count() == 11
    assert any(w["code"] == "ocr" for w in meeting.source.warnings)


def test_the_words_to_check_are_marked_and_the_rest_escaped():
    from minutes.templatetags.archive import ocr_marked

    html = ocr_marked("Björn <b>Goffeng</b> Björnsson", ["Björn"])

    assert html == ('<mark class="ocr-uncertain">Björn<span class="visually-hidden"> '
                    '(kontrollera)</span></mark> &lt;b&gt;Goffeng&lt;/b&gt; Björnsson')
    assert ocr_marked("<i>", []) == "&lt;i&gt;"
