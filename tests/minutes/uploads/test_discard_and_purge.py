"""Discarding uploads that never became meetings, and the purge of their files: the record
stays listed with who discarded it and when; the file goes after the retention period; the
same bytes can always be uploaded again."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone, translation

from config.roles import SECRETARIES
from minutes.models import Meeting, SourceDocument
from minutes.tasks import app, discarded_purge
from tests.config.users import user_with_role
from tests.jobs import jobs_run
from tests.minutes.uploads.conftest import stored_files
from tests.minutes.uploads.documents import seed_document
from tests.minutes.uploads.test_upload_flow import confirm, source_of, upload

pytestmark = pytest.mark.django_db

Status = SourceDocument.Status
BROKEN = b"\x89PNG\r\n\x1a\n" + b"\0" * 200  # a picture named .pdf: fails to parse


def swedish(day: dt.date) -> str:
    """A day as the pages show it: "6 juni 2018"."""
    with translation.override("sv"):
        return formats.date_format(day, "j F Y")


@pytest.fixture
def secretary():
    return user_with_role(SECRETARIES, username="sekreterare-anna")


@pytest.fixture
def client(secretary) -> Client:
    client = Client()
    client.force_login(secretary)
    return client


def discard(client: Client, source: SourceDocument):
    return client.post(reverse("minutes:import-cancel", args=[source.pk]))


def discarded_days_ago(source: SourceDocument, days: int) -> None:
    SourceDocument.objects.filter(pk=source.pk).update(
        status_changed_at=timezone.now() - dt.timedelta(days=days))


def purge(*args: str) -> str:
    out = StringIO()
    call_command("purge_discarded", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def page_of(client: Client, source: SourceDocument) -> str:
    response = client.get(reverse("minutes:import-detail", args=[source.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_failed_upload_is_discarded_by_whom_and_when_and_keeps_its_file_for_now(
    client, secretary, media_root
):
    source = source_of(upload(client, "bild.pdf", BROKEN))
    assert source.status == Status.FAILED

    response = discard(client, source)

    assert response["Location"] == reverse("minutes:import-list")
    source.refresh_from_db()
    assert source.status == Status.DISCARDED
    assert source.status_changed_by == secretary
    assert timezone.now() - source.status_changed_at < dt.timedelta(minutes=1)
    assert [path.read_bytes() for path in stored_files(media_root)] == [BROKEN]
    listing = client.get(reverse("minutes:import-list")).content.decode()
    today = timezone.localdate()
    assert "bild.pdf" in listing and "Inte importerad" in listing
    assert f"Kasserad av sekreterare-anna {swedish(today)}." in listing
    assert f"Filen sparas till {swedish(today + dt.timedelta(days=30))}" in listing
    assert "Filen sparas i 30 dagar" in listing  # the message after discarding


def test_an_imported_upload_cannot_be_discarded(client):
    name, data = seed_document("000", "txt")
    source = source_of(upload(client, name, data))
    confirm(client, source, date="2018-06-06")

    response = discard(client, source)

    assert response.status_code == 302
    source.refresh_from_db()
    assert source.status == Status.IMPORTED
    assert Meeting.objects.filter(source=source).exists()


def test_the_purge_removes_files_discarded_past_the_retention_and_keeps_the_records(
    client, media_root, settings
):
    settings.MINUTES_DISCARDED_RETENTION_DAYS = 30
    old = source_of(upload(client, "gammal.pdf", BROKEN))
    discard(client, old)
    # As if OCR had read it: its OCR version goes with it.
    old.refresh_from_db()
    old.ocr_file.save("ocr.pdf", ContentFile(b"%PDF-1.4 ocr"), save=True)
    recent_name, recent_data = seed_document("000", "txt")
    recent = source_of(upload(client, recent_name, recent_data))
    discard(client, recent)
    waiting = source_of(upload(client, "vantar.pdf", BROKEN + b"x"))  # failed, not discarded
    discarded_days_ago(old, 31)
    discarded_days_ago(recent, 29)
    SourceDocument.objects.filter(pk=waiting.pk).update(
        added_at=timezone.now() - dt.timedelta(days=90),
        status_changed_at=timezone.now() - dt.timedelta(days=90))
    assert len(stored_files(media_root)) == 4

    said = purge()

    assert "Tog bort gammal.pdf" in said
    assert "Filen till 1 kasserad uppladdning togs bort." in said
    old.refresh_from_db()
    assert old.status == Status.DISCARDED and old.file_removed_at is not None
    assert not old.file and not old.ocr_file and old.parsed is None
    assert {path.read_bytes() for path in stored_files(media_root)} == {
        recent_data, BROKEN + b"x"}
    assert SourceDocument.objects.count() == 3
    # Running it again removes nothing more.
    assert "Filerna till 0 kasserade uppladdningar togs bort." in purge()
    assert len(stored_files(media_root)) == 2


def test_a_purged_upload_is_listed_with_the_date_its_file_went_and_offers_no_download(
    client, media_root
):
    source = source_of(upload(client, "bild.pdf", BROKEN))
    discard(client, source)
    discarded_days_ago(source, 31)
    purge()
    source.refresh_from_db()
    removed = swedish(timezone.localtime(source.file_removed_at))

    listing = client.get(reverse("minutes:import-list")).content.decode()
    page = page_of(client, source)

    download = reverse("minutes:import-original", args=[source.pk])
    for shown in (listing, page):
        assert f"Filen togs bort {removed}" in shown or f"filen togs bort {removed}" in shown
        assert download not in shown
        assert reverse("minutes:import-reparse", args=[source.pk]) not in shown
    assert "Ladda upp filen igen för att importera den ändå." in page
    # An old link to the file says what happened instead of failing.
    followed = client.get(download, follow=True)
    assert followed.status_code == 200
    assert "Filen till den här uppladdningen har tagits bort" in followed.content.decode()


def test_read_again_and_confirm_of_a_purged_upload_give_a_message_and_change_nothing(client):
    source = source_of(upload(client, "bild.pdf", BROKEN))
    discard(client, source)
    discarded_days_ago(source, 31)
    purge()

    read = client.post(reverse("minutes:import-reparse", args=[source.pk]), follow=True)
    confirmed = confirm(client, source, date="2018-06-06")

    assert read.status_code == 200
    assert "kasserades och filen togs bort" in read.content.decode()
    assert confirmed.status_code == 302
    assert "kasserades och filen togs bort" in client.get(confirmed["Location"]).content.decode()
    source.refresh_from_db()
    assert source.status == Status.DISCARDED and source.file_removed_at is not None


def test_confirming_a_discarded_upload_gives_a_message_and_no_meeting(client):
    name, data = seed_document("000", "txt")
    source = source_of(upload(client, name, data))
    discard(client, source)

    response = confirm(client, source, date="2018-06-06")

    assert response.status_code == 302
    assert "Den här uppladdningen kasserades." in client.get(response["Location"]).content.decode()
    assert not Meeting.objects.exists()


def test_the_same_bytes_uploaded_after_the_purge_are_stored_again_and_import(
    client, media_root
):
    name, data = seed_document("000", "txt")
    first = source_of(upload(client, name, data))
    discard(client, first)
    discarded_days_ago(first, 31)
    purge()
    assert stored_files(media_root) == []

    again = source_of(upload(client, "samma.txt", data))

    assert again.pk == first.pk  # the record is taken back, not copied
    assert again.status == Status.PENDING and again.file_removed_at is None
    assert [path.read_bytes() for path in stored_files(media_root)] == [data]
    assert "Meeri Wasberg" in page_of(client, again)  # the preview
    confirm(client, again, date="2018-06-06")
    assert Meeting.objects.get(source=again).items.count() == 9


def test_the_same_bytes_uploaded_before_the_purge_are_taken_back_and_kept_from_it(
    client, media_root
):
    name, data = seed_document("000", "txt")
    first = source_of(upload(client, name, data))
    discard(client, first)
    discarded_days_ago(first, 31)

    response = upload(client, name, data)
    purge()  # while it waits for the worker, queued again
    removed_by_job = discarded_purge(timestamp=0)
    again = source_of(response)

    assert removed_by_job == 0
    assert again.pk == first.pk and again.status == Status.PENDING
    assert [path.read_bytes() for path in stored_files(media_root)] == [data]
    confirm(client, again, date="2018-06-06")
    assert Meeting.objects.filter(source=again).exists()


def test_read_again_takes_back_a_discarded_upload_whose_file_is_kept(client):
    name, data = seed_document("000", "txt")
    source = source_of(upload(client, name, data))
    discard(client, source)
    discarded_days_ago(source, 31)

    client.post(reverse("minutes:import-reparse", args=[source.pk]))
    source.refresh_from_db()
    assert source.status == Status.QUEUED
    purge()  # while it waits for the worker
    jobs_run()

    source.refresh_from_db()
    assert source.status == Status.PENDING and source.file
    assert "Meeri Wasberg" in page_of(client, source)


def test_the_hourly_job_purges_what_is_due_without_anyone_running_the_command(
    client, media_root
):
    # Neither an upload nor a discard purges any more: the queue's periodic job does.
    [(cron, periodic_id)] = [
        (periodic.cron, periodic.periodic_id)
        for periodic in app.periodic_registry.periodic_tasks.values()
        if periodic.task.name == discarded_purge.name
    ]
    assert (cron, periodic_id) == ("17 * * * *", "discarded_purge")  # every hour
    due = source_of(upload(client, "gammal.pdf", BROKEN))
    discard(client, due)
    discarded_days_ago(due, 31)

    name, data = seed_document("000", "txt")
    source_of(upload(client, name, data))
    other = source_of(upload(client, "ny.pdf", BROKEN + b"y"))
    third = source_of(upload(client, "tredje.pdf", BROKEN + b"z"))
    discard(client, other)
    discarded_days_ago(other, 31)
    discard(client, third)

    due.refresh_from_db()
    other.refresh_from_db()
    assert due.file_removed_at is None and other.file_removed_at is None
    assert len(stored_files(media_root)) == 4

    # The worker runs the job when it falls due (here at once, as tests/jobs.py does).
    discarded_purge.defer(timestamp=0)
    assert jobs_run() == 1

    due.refresh_from_db()
    other.refresh_from_db()
    assert due.file_removed_at is not None and other.file_removed_at is not None
    assert {path.read_bytes() for path in stored_files(media_root)} == {data, BROKEN + b"z"}
    # Run again, it finds nothing more to remove; what is due next time goes then.
    assert discarded_purge(timestamp=0) == 0
    discarded_days_ago(third, 31)
    assert discarded_purge(timestamp=0) == 1
    assert [path.read_bytes() for path in stored_files(media_root)] == [data]


def test_the_dry_run_lists_what_would_go_and_removes_nothing(client, media_root):
    source = source_of(upload(client, "bild.pdf", BROKEN))
    discard(client, source)
    discarded_days_ago(source, 31)

    said = purge("--dry-run")

    assert "Skulle ta bort bild.pdf" in said
    assert [path.read_bytes() for path in stored_files(media_root)] == [BROKEN]
    source.refresh_from_db()
    assert source.file_removed_at is None
