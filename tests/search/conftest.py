"""Fixtures of the search tests: originals in a temporary folder, the two seeds ingested."""

from __future__ import annotations

from pathlib import Path

import pytest

from minutes.models import Meeting
from minutes.services import minutes_ingest
from tests.shared_material import SEEDS, require


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def ingest_seed(number: str, body: str) -> Meeting:
    found = sorted(require(SEEDS).glob(f"{number}_*.txt"))
    assert found, f"no seed {number} in {SEEDS}"
    return minutes_ingest(data=found[0].read_bytes(), filename=found[0].name,
                          body_name=body).meeting


@pytest.fixture
def seeded() -> dict[str, Meeting]:
    """2018-06-06 of Ledningsgruppen (9 items, 4 decisions), 2019-09-05 of Styrgruppen (8, 14)."""
    return {"2018": ingest_seed("000", "Ledningsgruppen"),
            "2019": ingest_seed("001", "Styrgruppen")}
