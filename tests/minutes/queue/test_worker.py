"""The task queue's real worker, in its own process, against the test database: uploads are
read outside the web request, and a worker killed mid-parse does not leave its file
"parsing" forever.

These tests commit (transactional_db): the worker's own connections see only what is
committed.
"""

from __future__ import annotations

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from config.roles import SECRETARIES
from minutes.models import SourceDocument
from tests.config.users import user_with_role
from tests.parsing.pdf_builders import lines_pdf
from tests.samples import seed
from tests.workers import Worker

# Long enough for a worker to be caught reading it: about 5 s on two cores.
BIG_PAGES = 90
# Waits for what a worker does: generous, so a slow machine fails none (no timing is tested).
PATIENCE = 180

pytestmark = pytest.mark.django_db(transaction=True)


def big_pdf(marker: str) -> bytes:
    """A long text PDF (the seed minutes over and over), distinct per `marker`."""
    lines = [line[:90] for line in seed("000").read_text(encoding="utf-8").split("\n")]
    lines = [f"Bilaga {marker}", *lines * 40]
    return lines_pdf([lines[i:i + 48] for i in range(0, 48 * BIG_PAGES, 48)])


def wait_for(source: SourceDocument, states: set[str], worker: Worker) -> SourceDocument:
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        source.refresh_from_db()
        if source.status in states:
            return source
        assert worker.process.poll() is None, worker.output()[-3000:]
        time.sleep(0.1)
    raise AssertionError(
        f"{source.original_name} stayed {source.status}\n{worker.output()[-3000:]}"
    )


@pytest.fixture
def secretary() -> Client:
    client = Client()
    client.force_login(user_with_role(SECRETARIES))
    return client


def test_pages_answer_while_a_worker_reads_several_large_files(secretary, media_root):
    files = [SimpleUploadedFile(f"bilaga-{n}.pdf", big_pdf(str(n))) for n in range(3)]
    response = secretary.post("/upload/", {"file": files, "body": ""})
    # The answer comes before any file is read: they are all still waiting for the worker.
    assert response.status_code == 302 and response["Location"] == "/importer/"
    sources = list(SourceDocument.objects.order_by("pk"))
    assert [source.status for source in sources] == ["queued"] * 3

    worker = Worker(media_root)
    try:
        first = wait_for(sources[0], {"parsing"}, worker)
        # While the worker reads, the secretary's pages answer, with the states as they are.
        listing = secretary.get("/importer/?format=json")
        page = secretary.get("/importer/")
        first.refresh_from_db()
        assert first.status == "parsing", "the worker finished before the pages were asked"
        assert listing.status_code == 200 and page.status_code == 200
        states = {item["filename"]: item["state"] for item in listing.json()["imports"]}
        assert states["bilaga-0.pdf"] == "parsing"
        assert states["bilaga-2.pdf"] == "queued"
        assert "Läses" in page.content.decode()

        for source in sources:
            wait_for(source, {"pending"}, worker)
        listing = secretary.get("/importer/?format=json").json()["imports"]
        assert {item["state"] for item in listing} == {"parsed"}
        preview = secretary.get(listing[0]["preview_url"])
        assert preview.status_code == 200
    finally:
        worker.stop()


def test_a_worker_killed_mid_parse_has_its_file_read_by_another(secretary, media_root):
    response = secretary.post(
        "/upload/", {"file": [SimpleUploadedFile("lang.pdf", big_pdf("kill"))], "body": ""}
    )
    assert response.status_code == 302
    source = SourceDocument.objects.get()
    quick = {"QUEUE_STALLED_SECONDS": "3", "QUEUE_RECOVER_CRON": "* * * * * */2"}

    first = Worker(media_root, **quick)
    try:
        wait_for(source, {"parsing"}, first)
        first.kill()
    finally:
        first.stop()
    source.refresh_from_db()
    assert source.status == "parsing"  # as a dead worker leaves it

    second = Worker(media_root, **quick)
    try:
        source = wait_for(source, {"pending", "failed"}, second)
    finally:
        second.stop()
    assert source.status == "pending", source.error
    assert source.parsed and source.parsed["items"]
    page = secretary.get(f"/importer/{source.pk}/")
    assert page.status_code == 200
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM procrastinate_jobs WHERE lock = %s AND status IN "
            "('todo', 'doing')", [f"source-{source.pk}"]
        )
        assert cursor.fetchone()[0] == 0


def test_a_file_whose_workers_keep_dying_is_marked_failed_with_why(secretary, media_root):
    """After QUEUE_PARSE_ATTEMPTS starts the reading is given up, not retried for ever."""
    response = secretary.post(
        "/upload/", {"file": [SimpleUploadedFile("dor.pdf", big_pdf("dies"))], "body": ""}
    )
    assert response.status_code == 302
    source = SourceDocument.objects.get()
    quick = {"QUEUE_STALLED_SECONDS": "3", "QUEUE_RECOVER_CRON": "* * * * * */2",
             "QUEUE_PARSE_ATTEMPTS": "1"}
    first = Worker(media_root, **quick)
    try:
        wait_for(source, {"parsing"}, first)
        first.kill()
    finally:
        first.stop()
    second = Worker(media_root, **quick)
    try:
        source = wait_for(source, {"failed", "pending"}, second)
    finally:
        second.stop()
    assert source.status == "failed"
    assert "avbröts" in source.error
    listing = secretary.get("/importer/?format=json").json()["imports"]
    assert listing[0]["state"] == "failed" and "avbröts" in listing[0]["message"]
