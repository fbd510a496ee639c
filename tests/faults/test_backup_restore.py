"""`make backup` and `make restore`: the same archive comes back in an empty database."""

from __future__ import annotations

import dataclasses
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from config.roles import SECRETARIES
from minutes.models import Meeting, SourceDocument
from minutes.services import minutes_ingest, minutes_parse
from minutes.uploads import upload_receive
from parsing.model import OcrOutput
from tests.config.users import user_with_role
from tests.faults.cluster import REPO_ROOT
from tests.faults.conftest import (
    SAMPLES,
    database_url,
    sample_variants,
    sha256_of,
    stored_files,
)
from tests.jobs import jobs_run

pytestmark = pytest.mark.django_db(transaction=True)


def script(name: str, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "MEDIA_", "STORAGE_", "BACKUP_"))
    }
    return subprocess.run(
        [str(REPO_ROOT / "scripts" / name), *args], cwd=REPO_ROOT, env={**clean, **env},
        capture_output=True, text=True, timeout=120,
    )


@pytest.fixture
def empty_database() -> Iterator[str]:
    """A new, empty database on the test database's server; its DATABASE_URL."""
    name = f"{connection.settings_dict['NAME']}_restored"
    quoted = connection.ops.quote_name(name)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {quoted}")
    try:
        yield database_url().rsplit("/", 1)[0] + f"/{name}"
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")


def row_counts(cursor) -> dict[str, int]:
    """Rows of every table a model (or a many-to-many) has, through a DB-API cursor."""
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def originals(cursor) -> list[tuple[str, str, str]]:
    cursor.execute(
        "SELECT file, sha256, status FROM minutes_sourcedocument ORDER BY file"
    )
    return [tuple(row) for row in cursor.fetchall()]


def checksums(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): sha256_of(path.read_bytes())
        for path in stored_files(root)
    }


def test_backup_then_restore_into_an_empty_database_gives_the_same_archive(
    media_root, tmp_path, empty_database
):
    samples = sorted(SAMPLES.glob("*.txt"))
    assert samples
    for sample in samples:
        minutes_ingest(data=sample.read_bytes(), filename=sample.name, body_name="Ledningsgruppen")
    [pending] = sample_variants(1, tmp_path / "upload")
    upload_receive(
        data=pending.read_bytes(), filename=pending.name, body_name="",
        user=user_with_role(SECRETARIES),
    )
    jobs_run()  # the queue's worker reads it (tests/jobs.py)
    assert Meeting.objects.count() == len(samples)
    assert SourceDocument.objects.filter(status=SourceDocument.Status.PENDING).count() == 1
    with connection.cursor() as cursor:
        counts_before = row_counts(cursor)
        originals_before = originals(cursor)
    checksums_before = checksums(media_root)
    assert len(checksums_before) == len(samples) + 1

    backup = script(
        "backup.sh",
        env={"DATABASE_URL": database_url(), "MEDIA_ROOT": str(media_root),
             "BACKUP_ROOT": str(tmp_path / "backups")},
    )
    assert backup.returncode == 0, backup.stderr
    made = Path(backup.stdout.strip().splitlines()[-1])
    assert made.parent == tmp_path / "backups"
    assert (made / "database.dump").stat().st_size > 0
    manifest = (made / "MANIFEST.sha256").read_text().splitlines()
    assert sorted(manifest) == sorted(f"{sha}  {name}" for name, sha in checksums_before.items())

    restored_media = tmp_path / "restored-media"
    restore_env = {"DATABASE_URL": empty_database, "MEDIA_ROOT": str(restored_media)}
    restore = script("restore.sh", str(made), env=restore_env)

    assert restore.returncode == 0, restore.stderr
    with psycopg.connect(empty_database) as restored, restored.cursor() as cursor:
        assert row_counts(cursor) == counts_before
        assert originals(cursor) == originals_before
    assert checksums(restored_media) == checksums_before
    for name, sha256, _status in originals_before:
        assert checksums_before[name] == sha256, name

    # A second restore over the now used database is refused, and changes nothing.
    again = script("restore.sh", str(made), env=restore_env)
    assert again.returncode != 0
    assert "restore into an empty database" in again.stderr
    with psycopg.connect(empty_database) as restored, restored.cursor() as cursor:
        assert row_counts(cursor) == counts_before


def test_restore_refuses_a_damaged_backup(media_root, tmp_path, empty_database):
    [document] = sample_variants(1, tmp_path / "in")
    minutes_ingest(data=document.read_bytes(), filename=document.name)
    backup = script(
        "backup.sh",
        env={"DATABASE_URL": database_url(), "MEDIA_ROOT": str(media_root),
             "BACKUP_ROOT": str(tmp_path / "backups")},
    )
    assert backup.returncode == 0, backup.stderr
    made = Path(backup.stdout.strip().splitlines()[-1])
    [copied] = [path for path in (made / "originals").rglob("*") if path.is_file()]
    copied.write_bytes(copied.read_bytes() + b"bit rot")

    restore = script(
        "restore.sh", str(made),
        env={"DATABASE_URL": empty_database, "MEDIA_ROOT": str(tmp_path / "restored")},
    )

    assert restore.returncode != 0
    assert "damaged" in restore.stderr
    with psycopg.connect(empty_database) as restored, restored.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        assert cursor.fetchone()[0] == 0
    assert stored_files(tmp_path / "restored") == []



def test_originals_lost_before_the_backup_are_listed_and_do_not_stop_a_restore(
    media_root, tmp_path, empty_database
):
    kept, lost = sample_variants(2, tmp_path / "in")
    for document in (kept, lost):
        minutes_ingest(data=document.read_bytes(), filename=document.name)
    gone = SourceDocument.objects.get(original_name=lost.name)
    (media_root / gone.file.name).unlink()

    backup = script(
        "backup.sh",
        env={"DATABASE_URL": database_url(), "MEDIA_ROOT": str(media_root),
             "BACKUP_ROOT": str(tmp_path / "backups")},
    )

    # The backup is written, but says that the archive had already lost an original.
    assert backup.returncode == 3, backup.stderr
    assert "1 records name originals that are missing" in backup.stderr
    made = Path(backup.stdout.strip().splitlines()[-1])
    assert (made / "MISSING_ORIGINALS").read_text() == f"{gone.sha256}  {gone.file.name}\n"

    restored_media = tmp_path / "restored"
    restore = script(
        "restore.sh", str(made),
        env={"DATABASE_URL": empty_database, "MEDIA_ROOT": str(restored_media)},
    )

    assert restore.returncode == 0, restore.stderr
    assert "already missing when the backup was made" in restore.stderr
    assert checksums(restored_media) == checksums(media_root)
    with psycopg.connect(empty_database) as restored, restored.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM minutes_meeting")
        assert cursor.fetchone()[0] == 2


def test_a_discarded_upload_purged_during_the_backup_is_not_reported_lost(
    media_root, tmp_path, empty_database
):
    """The purge may delete a discarded upload's file between the backup's dump and its copy:
    that is no lost original, for the backup nor for the restore."""
    kept, discarded = sample_variants(2, tmp_path / "in")
    minutes_ingest(data=kept.read_bytes(), filename=kept.name)
    secretary = user_with_role(SECRETARIES)
    source = upload_receive(
        data=discarded.read_bytes(), filename=discarded.name, body_name="", user=secretary
    ).source
    SourceDocument.objects.filter(pk=source.pk).update(status=SourceDocument.Status.DISCARDED)
    # The record still names the file, as in the dump; the file itself is gone, as after a
    # purge that ran while the originals were being copied.
    (media_root / source.file.name).unlink()

    backup = backup_of(media_root, tmp_path)

    assert backup.returncode == 0, backup.stderr
    assert "missing" not in backup.stderr
    made = Path(backup.stdout.strip().splitlines()[-1])
    restore = script(
        "restore.sh", str(made),
        env={"DATABASE_URL": empty_database, "MEDIA_ROOT": str(tmp_path / "restored")},
    )
    assert restore.returncode == 0, restore.stderr
    with psycopg.connect(empty_database) as restored, restored.cursor() as cursor:
        cursor.execute("SELECT status FROM minutes_sourcedocument ORDER BY status")
        assert [row[0] for row in cursor.fetchall()] == ["discarded", "imported"]


def ingest_read_by_ocr(document: Path) -> SourceDocument:
    """Archive `document` as if its text had come from OCR, so that the archive keeps an OCR
    copy beside the original, written by the same code as a real scan's (the bytes stand in
    for the PDF OCR would have made: what is stored is all the backup looks at)."""
    data = document.read_bytes()
    parsed = dataclasses.replace(
        minutes_parse(data=data, filename=document.name),
        ocr=OcrOutput(pdf=b"%PDF-1.7 OCR copy of " + data, pages=1, seconds=0.1, uncertain=()),
    )
    source = minutes_ingest(data=data, filename=document.name, parsed=parsed).source
    assert source.ocr_file.name.endswith(".ocr.pdf")
    return source


def backup_of(media_root: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return script(
        "backup.sh",
        env={"DATABASE_URL": database_url(), "MEDIA_ROOT": str(media_root),
             "BACKUP_ROOT": str(tmp_path / "backups")},
    )


def test_a_healthy_archive_with_an_ocr_copy_backs_up_without_a_warning(media_root, tmp_path):
    scanned, born_digital = sample_variants(2, tmp_path / "in")
    source = ingest_read_by_ocr(scanned)
    minutes_ingest(data=born_digital.read_bytes(), filename=born_digital.name)
    assert len(stored_files(media_root)) == 3  # two originals and one OCR copy

    backup = backup_of(media_root, tmp_path)

    assert backup.returncode == 0, backup.stderr
    assert "warning" not in backup.stderr
    made = Path(backup.stdout.strip().splitlines()[-1])
    assert (made / source.ocr_file.name).read_bytes() == (
        media_root / source.ocr_file.name).read_bytes()


def test_backup_warns_about_a_damaged_ocr_copy_and_a_damaged_original(media_root, tmp_path):
    scanned, damaged = sample_variants(2, tmp_path / "in")
    source = ingest_read_by_ocr(scanned)
    minutes_ingest(data=damaged.read_bytes(), filename=damaged.name)
    original = SourceDocument.objects.get(original_name=damaged.name).file.name
    for name in (source.ocr_file.name, original):
        stored = media_root / name
        stored.write_bytes(stored.read_bytes() + b"bit rot")

    backup = backup_of(media_root, tmp_path)

    warnings = [line for line in backup.stderr.splitlines() if "warning" in line]
    assert any(source.ocr_file.name in line and "OCR copy" in line for line in warnings), \
        backup.stderr
    assert any(original in line and "checksum" in line for line in warnings), backup.stderr
    # The original's own file is still fine: it is not named in any warning.
    assert not any(source.file.name in line for line in warnings), backup.stderr
    # A damaged original is lost data (exit status 3); a damaged OCR copy alone is not.
    assert backup.returncode == 3, backup.stderr


@pytest.mark.parametrize("damage", ["changed", "deleted"])
def test_backup_of_an_archive_whose_only_damage_is_an_ocr_copy_succeeds_with_a_warning(
    media_root, tmp_path, damage
):
    [scanned] = sample_variants(1, tmp_path / "in")
    source = ingest_read_by_ocr(scanned)
    ocr_copy = media_root / source.ocr_file.name
    if damage == "changed":
        ocr_copy.write_bytes(b"%PDF-1.7 something else")
    else:
        ocr_copy.unlink()

    backup = backup_of(media_root, tmp_path)

    assert backup.returncode == 0, backup.stderr
    [warning] = [line for line in backup.stderr.splitlines() if "warning" in line]
    assert source.ocr_file.name in warning and "--reparse" in warning
    assert ("does not match" if damage == "changed" else "is missing") in warning


def test_ocr_copies_stored_before_checksums_were_recorded_get_theirs_from_the_migration(
    media_root,
):
    """Migration 0009 records the checksum of every OCR copy already stored, so that backups
    check those too; one it cannot read is left without, rather than failing the migration."""
    before = [("minutes", "0008_source_file_removed_at")]
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("minutes", "SourceDocument")
    kept, lost = "a" * 64, "b" * 64
    for sha in (kept, lost):
        old.objects.create(
            sha256=sha, original_name=f"{sha[0]}.pdf", size=1, status="imported",
            file=f"originals/{sha[:2]}/{sha}.pdf", ocr_file=f"originals/{sha[:2]}/{sha}.ocr.pdf",
        )
    ocr_copy = media_root / f"originals/aa/{kept}.ocr.pdf"
    ocr_copy.parent.mkdir(parents=True)
    ocr_copy.write_bytes(b"%PDF-1.7 an OCR copy from before")

    MigrationExecutor(connection).migrate(latest)

    recorded = dict(SourceDocument.objects.values_list("sha256", "ocr_sha256"))
    assert recorded == {kept: sha256_of(ocr_copy.read_bytes()), lost: ""}
