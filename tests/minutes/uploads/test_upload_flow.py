"""A secretary uploads minutes, checks the preview, corrects it and confirms, or cancels."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from minutes.models import Meeting, SourceDocument
from municipalities.models import Organization, Person
from tests.jobs import jobs_queued, jobs_run
from tests.minutes.uploads.conftest import archive_counts, stored_files
from tests.minutes.uploads.documents import FORMATS, seed_document

pytestmark = pytest.mark.django_db

UPLOAD = "/upload/"


def upload(client, name: str, data: bytes, body: str = ""):
    """POST one file to /upload/; the answer remembers the file's checksum for `source_of`."""
    response = client.post(UPLOAD, {"file": SimpleUploadedFile(name, data), "body": body})
    response.uploaded_sha256 = hashlib.sha256(data).hexdigest()
    return response


def source_of(response, *, read: bool = True) -> SourceDocument:
    """The record of the file an `upload` answer received: the upload went to the list of
    imports (the file stored and queued); with `read`, after the queue's worker read it
    (tests/jobs.py), so it awaits confirmation or failed with why."""
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse("minutes:import-list")
    if read:
        jobs_run()
    return SourceDocument.objects.get(sha256=response.uploaded_sha256)


def confirm(client, source: SourceDocument, **changes):
    facts = {
        "title": "", "date": "", "start_time": "", "end_time": "", "place": "", "body": "",
    }
    facts.update(changes)
    return client.post(reverse("minutes:import-confirm", args=[source.pk]), facts)


def test_upload_page_offers_the_file_field_and_the_limit(secretary_client):
    page = secretary_client.get(UPLOAD).content.decode()
    assert 'name="file"' in page
    assert 'type="file"' in page
    assert "20,0\xa0MB" in page or "20.0\xa0MB" in page or "20 MB" in page


@pytest.mark.parametrize("kind", FORMATS)
def test_each_seed_format_gives_a_preview_then_a_meeting_on_confirm(
    secretary_client, media_root, kind
):
    name, data = seed_document("000", kind)
    before = archive_counts()

    response = upload(secretary_client, name, data, body="Ledningsgruppen")

    # The original is stored at once, under its checksum, and queued to be read; the upload
    # answers with the list of imports, which names it; nothing else is archived yet.
    source = source_of(response, read=False)
    assert source.status == SourceDocument.Status.QUEUED
    assert source.file.name.startswith(f"originals/{source.sha256[:2]}/{source.sha256}")
    assert [path.read_bytes() for path in stored_files(media_root)] == [data]
    assert archive_counts() == before
    assert jobs_queued() == [("minutes.parse_upload", {"source_id": source.pk})]
    listing = secretary_client.get(response["Location"]).content.decode()
    assert 'class="message message-success"' in listing
    assert name in listing
    # The worker reads it: the preview is ready.
    source = source_of(response)
    assert source.status == SourceDocument.Status.PENDING
    assert archive_counts() == before

    preview = secretary_client.get(reverse("minutes:import-detail", args=[source.pk]))
    page = preview.content.decode()
    assert preview.status_code == 200
    assert 'value="2018-06-06"' in page  # the date as read, ready to correct
    assert "Meeri Wasberg" in page  # an attendee
    assert "Aktuellt läge" in page or "Aktuellt" in page  # an item title
    assert "onsdag" in page  # the weekday warning, in Swedish

    response = confirm(
        secretary_client, source, date="2018-06-07", start_time="13:00", end_time="15:30",
        place="Kommunhuset", body="Ledningsgruppen",
    )

    meeting = Meeting.objects.get(source=source)
    assert response["Location"] == reverse("minutes:meeting-detail", args=[meeting.pk])
    assert meeting.start_date == dt.date(2018, 6, 7)
    assert meeting.start.astimezone(dt.UTC) == dt.datetime(2018, 6, 7, 11, 0, tzinfo=dt.UTC)
    assert meeting.place == "Kommunhuset"
    assert meeting.body.name == "Ledningsgruppen"
    assert meeting.items.count() == 9
    assert meeting.attendances.count() == 20
    source.refresh_from_db()
    assert source.status == SourceDocument.Status.IMPORTED
    shown = secretary_client.get(response["Location"]).content.decode()
    assert "Protokollet har importerats." in shown


def test_several_files_in_one_upload_are_each_an_import_of_their_own(
    secretary_client, media_root
):
    first_name, first = seed_document("000", "txt")
    second_name, second = seed_document("001", "docx")

    broken = b"\x89PNG\r\n\x1a\n" + b"\0" * 200  # a picture named .pdf

    response = secretary_client.post(UPLOAD, {"file": [
        SimpleUploadedFile(first_name, first), SimpleUploadedFile(second_name, second),
        SimpleUploadedFile("bild.pdf", broken),
    ], "body": ""})

    assert response.status_code == 302
    assert response["Location"] == reverse("minutes:import-list")
    # All kept at once and queued, each with its own job, and listed.
    assert sorted(path.read_bytes() for path in stored_files(media_root)) == sorted(
        [first, second, broken])
    assert SourceDocument.objects.filter(status=SourceDocument.Status.QUEUED).count() == 3
    assert len(jobs_queued("minutes.parse_upload")) == 3
    listing = secretary_client.get(response["Location"]).content.decode()
    assert first_name in listing and second_name in listing and "bild.pdf" in listing
    # Each is read on its own: one that fails leaves the others their previews.
    assert jobs_run() == 3
    assert set(SourceDocument.objects.values_list("original_name", "status")) == {
        (first_name, SourceDocument.Status.PENDING),
        (second_name, SourceDocument.Status.PENDING),
        ("bild.pdf", SourceDocument.Status.FAILED),
    }


def test_meeting_found_in_search_after_confirming(secretary_client):
    name, data = seed_document("001", "txt")
    source = source_of(upload(secretary_client, name, data))
    confirm(secretary_client, source, date="2019-09-05", body="Styrgruppen")

    found = secretary_client.get("/search/", {"q": "tvärförbindelsen"}).content.decode()
    meeting = Meeting.objects.get(source=source)
    assert reverse("minutes:meeting-detail", args=[meeting.pk]) in found


def test_cancel_keeps_only_the_original_listed_as_not_imported(secretary_client, media_root):
    name, data = seed_document("000", "txt")
    before = archive_counts()
    source = source_of(upload(secretary_client, name, data))

    response = secretary_client.post(reverse("minutes:import-cancel", args=[source.pk]))

    assert response["Location"] == reverse("minutes:import-list")
    source.refresh_from_db()
    assert source.status == SourceDocument.Status.DISCARDED
    assert archive_counts() == before
    assert [path.read_bytes() for path in stored_files(media_root)] == [data]
    listing = secretary_client.get(reverse("minutes:import-list")).content.decode()
    assert name in listing
    assert "Inte importerad" in listing


def test_confirming_twice_makes_one_meeting(secretary_client):
    name, data = seed_document("000", "txt")
    source = source_of(upload(secretary_client, name, data))

    first = confirm(secretary_client, source, date="2018-06-06")
    second = confirm(secretary_client, source, date="2018-06-06")

    assert Meeting.objects.filter(source=source).count() == 1
    assert first["Location"] == second["Location"]


def test_a_wrong_date_in_the_preview_gets_a_message_and_changes_nothing(secretary_client):
    name, data = seed_document("000", "txt")
    source = source_of(upload(secretary_client, name, data))
    before = archive_counts()

    response = confirm(secretary_client, source, date="2018-02-30", start_time="25:00")

    assert response.status_code == 400
    page = response.content.decode()
    assert "Fyll i ett giltigt datum." in page
    assert "Fyll i en giltig tid." in page
    assert archive_counts() == before
    source.refresh_from_db()
    assert source.status == SourceDocument.Status.PENDING


def test_end_before_start_is_refused(secretary_client):
    name, data = seed_document("000", "txt")
    source = source_of(upload(secretary_client, name, data))

    response = confirm(
        secretary_client, source, date="2018-06-06", start_time="15:00", end_time="13:00"
    )

    assert response.status_code == 400
    assert "Mötet kan inte sluta innan det börjar." in response.content.decode()
    assert not Meeting.objects.filter(source=source).exists()


def test_an_identical_file_already_archived_links_to_its_meeting(secretary_client):
    name, data = seed_document("000", "txt")
    source = source_of(upload(secretary_client, name, data))
    confirm(secretary_client, source, date="2018-06-06")
    meeting = Meeting.objects.get(source=source)
    count = SourceDocument.objects.count()

    response = upload(secretary_client, "kopia.txt", data)

    assert response.status_code == 302
    assert response["Location"] == reverse("minutes:import-list")
    page = secretary_client.get(response["Location"]).content.decode()
    with translation.override("sv"):
        said = gettext("{name} is already in the archive: {link}").split("{name}")[1]
        said = said.split("{link}")[0]
    assert f"kopia.txt{said}" in page
    assert reverse("minutes:meeting-detail", args=[meeting.pk]) in page
    assert SourceDocument.objects.count() == count
    assert jobs_queued() == []


def attendee_row(page: str, name: str) -> str:
    """What the preview's table says of one attendee beside the name (its cells), as text."""
    for part in page.split('<th scope="row">')[1:]:
        head, rest = part.split("</th>", 1)
        if head.split("<", 1)[0].strip() == name:  # the name, before the row's links
            return " ".join(re.sub(r"<[^>]+>", " ", rest[:rest.index("</tr>")]).split())
    raise AssertionError(f"no row for {name}")


def test_preview_marks_known_new_and_possibly_duplicate_people(secretary_client):
    haninge = Organization.objects.resolve("Haninge")
    Person.objects.create(full_name="Meeri Wasberg", organization=haninge)
    Person.objects.create(full_name="Daniel Dronjac")
    name, data = seed_document("000", "txt")
    source = source_of(upload(secretary_client, name, data))

    page = secretary_client.get(reverse("minutes:import-detail", args=[source.pk])).content
    page = page.decode()

    assert "Känd person: Meeri Wasberg" in attendee_row(page, "Meeri Wasberg")
    assert "Ny person, möjligen samma som Daniel Dronjac" in attendee_row(page, "Daniel Dronjak")
    bob = attendee_row(page, "Bob Wållberg")
    assert "Ny person" in bob
    assert "Känd person" not in bob and "möjligen samma som" not in bob
    # Looking does not create anyone.
    assert not Person.objects.filter(full_name="Bob Wållberg").exists()


def test_failed_parse_is_listed_with_its_reason_and_can_be_read_again(secretary_client):
    response = upload(secretary_client, "protokoll.pdf", b"\x89PNG\r\n\x1a\n" + b"\0" * 200)
    source = source_of(response)

    detail = secretary_client.get(reverse("minutes:import-detail", args=[source.pk]))
    assert "Filen är varken en PDF" in detail.content.decode()
    listing = secretary_client.get(reverse("minutes:import-list"), {"status": "failed"})
    assert "protokoll.pdf" in listing.content.decode()

    again = secretary_client.post(reverse("minutes:import-reparse", args=[source.pk]))
    assert again.status_code == 302
    source.refresh_from_db()
    assert source.status == SourceDocument.Status.QUEUED
    jobs_run()
    source.refresh_from_db()
    assert source.status == SourceDocument.Status.FAILED
    detail = secretary_client.get(reverse("minutes:import-detail", args=[source.pk]))
    assert "Filen är varken en PDF" in detail.content.decode()


def test_original_download_is_an_attachment_that_is_never_sniffed(secretary_client):
    name, data = seed_document("000", "txt")
    source = source_of(upload(secretary_client, name, data))

    response = secretary_client.get(reverse("minutes:import-original", args=[source.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_read_again_of_an_imported_upload_is_refused_and_keeps_every_correction(
    secretary_client,
):
    name, data = seed_document("000", "txt")
    source = source_of(upload(secretary_client, name, data))
    # Corrected in the preview ...
    confirm(secretary_client, source, date="2018-06-07", place="Kommunhuset",
            body="Ledningsgruppen")
    meeting = Meeting.objects.get(source=source)
    # ... and afterwards in the admin.
    meeting.title = "Ledningsgruppens möte i juni"
    meeting.save(update_fields=["title"])
    attendance = meeting.attendances.select_related("person").order_by("pk").first()
    attendance.person.full_name = "Rättat Namn"
    attendance.person.save(update_fields=["full_name"])
    items = list(meeting.items.order_by("pk").values_list("pk", "title"))
    attendances = list(meeting.attendances.order_by("pk").values_list("pk", "person_id"))
    before = archive_counts()

    response = secretary_client.post(reverse("minutes:import-reparse", args=[source.pk]),
                                     follow=True)

    assert response.status_code == 200
    assert "Protokollet är redan importerat" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.title == "Ledningsgruppens möte i juni"
    assert (meeting.start_date, meeting.place) == (dt.date(2018, 6, 7), "Kommunhuset")
    assert list(meeting.items.order_by("pk").values_list("pk", "title")) == items
    assert list(meeting.attendances.order_by("pk").values_list("pk", "person_id")) == (
        attendances)
    assert Person.objects.get(pk=attendance.person_id).full_name == "Rättat Namn"
    assert archive_counts() == before


def test_the_import_list_offers_read_again_only_for_uploads_not_imported(secretary_client):
    name, data = seed_document("000", "txt")
    imported = source_of(upload(secretary_client, name, data))
    confirm(secretary_client, imported, date="2018-06-06")
    failed = source_of(upload(secretary_client, "trasig.pdf", b"%PDF-1.4 trasig"))

    page = secretary_client.get(reverse("minutes:import-list")).content.decode()

    assert reverse("minutes:import-reparse", args=[failed.pk]) in page
    assert reverse("minutes:import-reparse", args=[imported.pk]) not in page


def test_import_list_shows_each_state(secretary_client):
    imported_name, imported = seed_document("000", "txt")
    confirm(secretary_client, source_of(upload(secretary_client, imported_name, imported)),
            date="2018-06-06")
    pending_name, pending = seed_document("001", "txt")
    source_of(upload(secretary_client, pending_name, pending))
    source_of(upload(secretary_client, "trasig.pdf", b"%PDF-1.4 trasig"))
    waiting_name, waiting = seed_document("000", "pdf")
    source_of(upload(secretary_client, waiting_name, waiting), read=False)  # no worker yet

    page = secretary_client.get(reverse("minutes:import-list")).content.decode()

    Status = SourceDocument.Status
    labels = [state_label(status) for status in (
        Status.IMPORTED, Status.PENDING, Status.FAILED, Status.QUEUED)]
    assert len(set(labels)) == 4, labels
    for label in labels:
        assert f">{label}<" in page, label
    assert "4 uppladdade filer" in page


def state_label(status: str) -> str:
    """The state the list of imports shows for `status`, in Swedish."""
    with translation.override("sv"):
        return render_to_string("minutes/includes/import_state.html",
                                {"source": {"status": status}}).strip()
