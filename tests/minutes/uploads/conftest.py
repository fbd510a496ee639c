"""Fixtures of the upload tests: originals in a temporary folder, a signed-in secretary."""

from __future__ import annotations

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
