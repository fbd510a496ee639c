"""Fixtures of the upload tests: originals in a temporary folder, a signed-in secretary."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.apps import apps

from config.roles import SECRETARIES

ARCHIVE_APPS = ("minutes", "municipalities", "decisions")


@pytest.fixture(autouse=True)
def media_root(media_root: Path) -> Path:
    """tests/conftest.py's, for every upload test: each stores its originals."""
    return media_root


@pytest.fixture
def secretary_client(signed_in_client):
    return signed_in_client(SECRETARIES)


def archive_counts() -> dict[str, int]:
    """Rows of every archive model but the originals' own records."""
    return {
        model.__name__: model._default_manager.count()
        for app in ARCHIVE_APPS
        for model in apps.get_app_config(app).get_models()
        if model.__name__ != "SourceDocument"
    }


def stored_files(media_root: Path) -> list[Path]:
    return sorted(path for path in media_root.rglob("*") if path.is_file())


@pytest.fixture
def uploaded(secretary_client):
    """Upload files through /upload/ as the secretary and let the worker read them (in this
    test's transaction, tests/jobs.py): uploaded(("name.txt", b"...")) -> the record of the
    first, read (pending, or failed with why)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from minutes.models import SourceDocument
    from tests.jobs import jobs_run

    def upload(*files: tuple[str, bytes], body: str = "") -> SourceDocument:
        before = set(SourceDocument.objects.values_list("pk", flat=True))
        response = secretary_client.post(
            "/upload/",
            {"file": [SimpleUploadedFile(name, data) for name, data in files], "body": body},
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        assert response["Location"] == "/importer/"  # the list, where their states show
        jobs_run()
        new = SourceDocument.objects.exclude(pk__in=before).order_by("pk")
        return new.first() or SourceDocument.objects.get(
            sha256=hashlib.sha256(files[0][1]).hexdigest()
        )

    return upload
