"""Fixtures of the fault tests: distinct minutes made from the samples, a disk that fills up."""

from __future__ import annotations

import errno
import hashlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import connection

from tests.samples import SAMPLES


def stored_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def database_url() -> str:
    """The test database as a DATABASE_URL, for a manage.py that must write where we read."""
    settings = connection.settings_dict
    credentials = quote(settings["USER"] or "", safe="")
    if settings["PASSWORD"]:
        credentials += ":" + quote(settings["PASSWORD"], safe="")
    host = quote(settings["HOST"] or "", safe="")
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    return f"postgres://{credentials}@{host}{port}/{quote(settings['NAME'], safe='')}"


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sample_variants(count: int, directory: Path) -> list[Path]:
    """`count` distinct minutes: the samples in turn, each with its own room on the place
    line, so every file has its own checksum but the meeting's contents of its sample."""
    samples = sorted(SAMPLES.glob("*.txt"))
    assert samples, f"no sample minutes in {SAMPLES}"
    directory.mkdir(parents=True, exist_ok=True)
    made = []
    for number in range(count):
        sample = samples[number % len(samples)]
        lines = sample.read_text(encoding="utf-8").split("\n")
        places = [i for i, line in enumerate(lines) if line.startswith("Plats ")]
        assert places, f"{sample.name} has no place line to vary"
        lines[places[0]] = f"{lines[places[0]].rstrip()}, rum {number + 1}"
        path = directory / f"{number + 1:03d}-{sample.name}"
        path.write_text("\n".join(lines), encoding="utf-8")
        made.append(path)
    return made


@pytest.fixture
def full_disk(monkeypatch) -> Iterator[list[Path]]:
    """Every original written while this is on runs out of room halfway through.

    Django's own FileSystemStorage._save does the writing: the first half of the bytes land
    in the file, then the next write fails with ENOSPC, as on a full disk, so the partial
    file is really there to be cleaned up. Yields the paths where that happened.
    """
    real_save = FileSystemStorage._save
    failed: list[Path] = []

    def save_until_full(storage: FileSystemStorage, name: str, content) -> str:
        data = content.read()
        path = Path(storage.path(name))

        class HalfThenFull(ContentFile):
            def chunks(self, chunk_size=None):
                yield data[: len(data) // 2]
                failed.append(path)
                raise OSError(errno.ENOSPC, "No space left on device", str(path))

        return real_save(storage, name, HalfThenFull(data, name=name))

    monkeypatch.setattr(FileSystemStorage, "_save", save_until_full)
    yield failed
