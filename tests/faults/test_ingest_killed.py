"""An ingest killed with SIGKILL in the middle of a batch, then run again: every document is
stored exactly once, no meeting is half there, and no original is left without its record."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from decisions.models import Decision
from minutes.management.commands.ingest import Command as IngestCommand
from minutes.models import Meeting, SourceDocument
from parsing import parse_bytes
from tests.faults.cluster import REPO_ROOT
from tests.faults.conftest import database_url, sample_variants, sha256_of, stored_files

pytestmark = pytest.mark.django_db(transaction=True)

# Enough that a kill lands in the middle of the batch; each takes about a second to parse.
DOCUMENTS = 16
KILL_AFTER = 3  # meetings stored before the kill
START_SECONDS = 60


def ingest_has_jobs() -> bool:
    parser = IngestCommand().create_parser("manage.py", "ingest")
    return "--jobs" in parser._option_string_actions


def ingest_command(folder: Path, options: list[str]) -> list[str]:
    return [sys.executable, "manage.py", "ingest", str(folder), "--body", "Ledningsgruppen",
            *options]


def ingest_env(media_root: Path) -> dict[str, str]:
    clean = {
        k: v for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "ARCHIVE_", "STORAGE_", "S3_"))
    }
    return {
        **clean,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": database_url(),
        "MEDIA_ROOT": str(media_root),
    }


def expected_contents(documents: list[Path]) -> dict[str, tuple[int, int, int]]:
    """(attendances, items, decisions) each document's meeting must have, by checksum."""
    expected = {}
    for document in documents:
        parsed = parse_bytes(document.read_bytes(), document.name)
        decisions = sum(len(item.decisions) for item in parsed.items)
        people = len({attendee.name for attendee in parsed.attendees})
        assert parsed.items and decisions and people, document.name
        expected[sha256_of(document.read_bytes())] = (people, len(parsed.items), decisions)
    return expected


@pytest.mark.parametrize(
    "options",
    [
        pytest.param([], id="one-process"),
        pytest.param(
            ["--jobs", "2"],
            id="jobs-2",
            marks=pytest.mark.skipif(not ingest_has_jobs(), reason="ingest has no --jobs yet"),
        ),
    ],
)
def test_ingest_killed_midway_then_rerun_stores_each_document_once(
    media_root, tmp_path, options
):
    documents = sample_variants(DOCUMENTS, tmp_path / "in")
    expected = expected_contents(documents)
    assert len(expected) == DOCUMENTS
    env = ingest_env(media_root)

    killed = subprocess.Popen(
        ingest_command(tmp_path / "in", options), cwd=REPO_ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )
    deadline = time.monotonic() + START_SECONDS
    while Meeting.objects.count() < KILL_AFTER:
        assert killed.poll() is None, f"ingest ended before the kill: {killed.stderr.read()}"
        assert time.monotonic() < deadline, "ingest stored nothing in time"
        time.sleep(0.05)
    # The whole process group, parse children and any job workers with it.
    os.killpg(killed.pid, signal.SIGKILL)
    killed.wait(timeout=10)
    stored_before_rerun = Meeting.objects.count()
    assert KILL_AFTER <= stored_before_rerun < DOCUMENTS, "the kill did not land midway"

    rerun = subprocess.run(
        ingest_command(tmp_path / "in", options), cwd=REPO_ROOT, env=env,
        capture_output=True, text=True, timeout=180,
    )

    assert rerun.returncode == 0, rerun.stderr
    assert (
        f"{DOCUMENTS - stored_before_rerun} sparade, {stored_before_rerun} fanns redan, "
        "0 misslyckades" in rerun.stdout
    ), rerun.stdout[-2000:]
    sources = list(SourceDocument.objects.all())
    assert sorted(source.sha256 for source in sources) == sorted(expected)
    assert {source.status for source in sources} == {SourceDocument.Status.IMPORTED}
    meetings = list(Meeting.objects.select_related("source"))
    assert sorted(meeting.source.sha256 for meeting in meetings) == sorted(expected)
    for meeting in meetings:
        contents = (
            meeting.attendances.count(),
            meeting.items.count(),
            Decision.objects.filter(item__meeting=meeting).count(),
        )
        assert contents == expected[meeting.source.sha256], meeting.source.original_name
    assert_originals_match_records(media_root)


def assert_originals_match_records(media_root: Path) -> None:
    """Every stored file belongs to a record, and every record's file holds its bytes."""
    files = {path.relative_to(media_root).as_posix(): path for path in stored_files(media_root)}
    records = dict(SourceDocument.objects.values_list("file", "sha256"))
    assert records, "no originals stored"
    assert sorted(files) == sorted(records), "orphaned or missing originals"
    for name, sha256 in records.items():
        assert sha256_of(files[name].read_bytes()) == sha256, name


@pytest.mark.parametrize(
    "left_behind", [pytest.param(0.5, id="partial"), pytest.param(1.0, id="whole")]
)
def test_ingest_after_a_crash_between_file_and_commit_keeps_one_good_copy(
    media_root, tmp_path, left_behind
):
    """What a kill between writing the original and committing leaves: the file under its
    checksum name with no record. The next ingest keeps one copy, with the right bytes."""
    [document] = sample_variants(1, tmp_path / "in")
    data = document.read_bytes()
    sha256 = sha256_of(data)
    crashed = media_root / "originals" / sha256[:2] / f"{sha256}.txt"
    crashed.parent.mkdir(parents=True)
    crashed.write_bytes(data[: int(len(data) * left_behind)])

    call_command("ingest", str(document), stdout=StringIO(), stderr=StringIO())

    source = SourceDocument.objects.get()
    assert source.file.name == f"originals/{sha256[:2]}/{sha256}.txt"
    assert Meeting.objects.filter(source=source).count() == 1
    assert stored_files(media_root) == [crashed]
    assert crashed.read_bytes() == data
