"""Several files in one upload, each its own import, and the list that shows how far each has
come: states by the issue's names, as a page and as JSON, everyone's or mine."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from config.roles import SECRETARIES
from minutes.models import SourceDocument
from tests.jobs import jobs_queued, jobs_run
from tests.minutes.uploads.documents import seed_document

pytestmark = pytest.mark.django_db


def files(*documents: tuple[str, bytes]) -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile(name, data) for name, data in documents]


def test_three_files_become_three_queued_imports_and_the_answer_is_the_list(
    secretary_client,
):
    documents = [seed_document("000", "txt"), seed_document("001", "pdf"),
                 seed_document("000", "docx")]
    response = secretary_client.post("/upload/", {"file": files(*documents), "body": ""})

    assert response.status_code == 302 and response["Location"] == "/importer/"
    sources = SourceDocument.objects.order_by("pk")
    assert [s.original_name for s in sources] == [name for name, _data in documents]
    assert {s.status for s in sources} == {"queued"}
    assert len(jobs_queued("minutes.parse_upload")) == 3
    page = secretary_client.get("/importer/").content.decode()
    assert "3 filer togs emot och står i kö för att läsas" in page
    assert page.count("I kö") >= 3
    assert "uppdateras av sig själva" in page  # the list says it follows the worker

    listing = secretary_client.get("/importer/?format=json").json()["imports"]
    assert {item["state"] for item in listing} == {"queued"}

    assert jobs_run() == 3
    listing = secretary_client.get("/importer/?format=json").json()["imports"]
    assert {item["state"] for item in listing} == {"parsed"}
    for item in listing:
        assert set(item) >= {"id", "filename", "state", "message", "preview_url", "meeting_url"}
        assert item["meeting_url"] is None and item["message"] == ""
        assert secretary_client.get(item["preview_url"]).status_code == 200
    assert "uppdateras av sig själva" not in secretary_client.get("/importer/").content.decode()


def test_the_json_names_each_state_and_why_one_failed(secretary_client, uploaded):
    failed = uploaded(("bild.pdf", b"\x89PNG\r\n\x1a\n" + bytes(300)))
    read = uploaded(seed_document("000", "txt"))
    imported = uploaded(seed_document("001", "txt"))
    secretary_client.post(f"/importer/{imported.pk}/bekrafta/",
                          {"title": "", "date": "2019-09-05", "start_time": "", "end_time": "",
                           "place": "", "body": ""})
    discarded = uploaded(seed_document("000", "docx"))
    secretary_client.post(f"/importer/{discarded.pk}/avbryt/")

    states = {item["id"]: item
              for item in secretary_client.get("/importer/?format=json").json()["imports"]}
    assert states[failed.pk]["state"] == "failed"
    assert "varken en PDF" in states[failed.pk]["message"]
    assert states[read.pk]["state"] == "parsed"
    assert states[imported.pk]["state"] == "imported"
    assert states[imported.pk]["meeting_url"].startswith("/moten/")
    assert states[discarded.pk]["state"] == "discarded"


def test_mine_shows_only_what_i_uploaded_while_the_list_shows_everyones(
    secretary_client, signed_in_client
):
    colleague = signed_in_client(SECRETARIES)
    colleague.post("/upload/", {"file": files(seed_document("001", "txt")), "body": ""})
    secretary_client.post("/upload/", {"file": files(seed_document("000", "txt")), "body": ""})

    everyone = secretary_client.get("/importer/?format=json").json()["imports"]
    mine = secretary_client.get("/importer/?format=json&mine=1").json()["imports"]
    assert {item["filename"] for item in everyone} == {
        "ledningsgruppen-2018-06-06.txt", "ledningsgruppen-2019-09-05.txt"}
    assert [item["filename"] for item in mine] == ["ledningsgruppen-2018-06-06.txt"]
    page = secretary_client.get("/importer/?mine=1").content.decode()
    assert "ledningsgruppen-2019-09-05.txt" not in page
    assert 'aria-current="page">Mina<' in page


def test_the_same_file_again_while_it_waits_is_not_queued_twice(secretary_client):
    document = seed_document("000", "txt")
    secretary_client.post("/upload/", {"file": files(document), "body": ""})
    response = secretary_client.post("/upload/", {"file": files(document), "body": ""},
                                     follow=True)

    assert SourceDocument.objects.count() == 1
    assert len(jobs_queued("minutes.parse_upload")) == 1
    assert "har laddats upp tidigare och är inte importerad ännu" in response.content.decode()


def test_too_many_files_at_once_are_refused_with_nothing_stored(secretary_client, settings):
    settings.MINUTES_UPLOAD_MAX_FILES = 2
    documents = [seed_document("000", "txt"), seed_document("001", "txt"),
                 seed_document("000", "docx")]
    response = secretary_client.post("/upload/", {"file": files(*documents), "body": ""})

    assert response.status_code == 400
    assert "Högst 2 filer kan laddas upp på en gång." in response.content.decode()
    assert not SourceDocument.objects.exists()
    assert jobs_queued() == []


def test_one_file_too_large_refuses_the_form_and_says_which(secretary_client, settings):
    settings.MINUTES_UPLOAD_MAX_BYTES = 5_000
    small = ("liten.txt", b"Protokoll\n" * 10)
    large = ("stor.txt", b"x" * 6_000)
    response = secretary_client.post("/upload/", {"file": files(small, large), "body": ""})

    assert response.status_code == 400
    assert "större än" in response.content.decode()
    assert not SourceDocument.objects.exists()


def test_an_official_cannot_upload_or_see_the_list(client):
    response = client.post("/upload/", {"file": files(seed_document("000", "txt")), "body": ""})
    assert response.status_code == 403
    assert client.get("/importer/?format=json").status_code == 403
    assert not SourceDocument.objects.exists()
