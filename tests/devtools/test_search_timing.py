"""`manage.py search_timing` times the search page where reading needs a sign-in too."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from tests.search.conftest import ingest_seed

pytestmark = pytest.mark.django_db


def test_search_timing_prints_each_query_with_its_hits_when_reading_needs_sign_in(
    media_root, settings
):
    settings.ARCHIVE_PUBLIC_READ = False
    ingest_seed("000", "Ledningsgruppen")
    out = io.StringIO()

    call_command("search_timing", "--rounds", "1", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0].split() == ["query", "hits", "p50", "ms", "p95", "ms", "SQL"]
    row = next(line for line in lines if line.startswith("tvärförbindelsen"))
    assert int(row.split()[1]) >= 1, row
    assert lines[-1].startswith("all")
