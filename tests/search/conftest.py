"""Fixtures of the search tests: originals in a temporary folder, the two seeds ingested."""

from __future__ import annotations

from pathlib import Path

import pytest

from minutes.models import Meeting
from minutes.services import minutes_ingest
from tests.samples import seed


@pytest.fixture(autouse=True)
def media_root(media_root: Path) -> Path:
    """tests/conftest.py's, for every search test: each stores its originals."""
    return media_root


def ingest_seed(number: str, body: str) -> Meeting:
    path = seed(number)
    return minutes_ingest(data=path.read_bytes(), filename=path.name, body_name=body).meeting


@pytest.fixture
def seeded() -> dict[str, Meeting]:
    """2018-06-06 of Ledningsgruppen (9 items, 4 decisions), 2019-09-05 of Styrgruppen (8, 14)."""
    return {"2018": ingest_seed("000", "Ledningsgruppen"),
            "2019": ingest_seed("001", "Styrgruppen")}
