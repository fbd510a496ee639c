"""Nothing a user asks of a page holds a web worker for minutes: in the web processes every SQL
statement has a time limit (ARCHIVE_STATEMENT_TIMEOUT), and a cancelled one gets a Swedish
page that says what happened, not an error page or the outage page."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import REPO_ROOT

SHOW_TIMEOUT = """
{setup}
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("SHOW statement_timeout")
    print(cursor.fetchone()[0])
"""
AS_WEB_PROCESS = "import config.wsgi"
AS_COMMAND = "import django; django.setup()"


def statement_timeout(setup: str, **env: str) -> str:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ARCHIVE_"))
    }
    done = subprocess.run(
        [sys.executable, "-c", SHOW_TIMEOUT.format(setup=setup)],
        cwd=REPO_ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings.test", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_web_process_gives_each_statement_thirty_seconds():
    assert statement_timeout(AS_WEB_PROCESS) == "30s"


def test_the_web_processes_limit_is_a_setting():
    assert statement_timeout(AS_WEB_PROCESS, ARCHIVE_STATEMENT_TIMEOUT="7") == "7s"


def test_commands_such_as_migrate_and_ingest_have_no_statement_limit():
    assert statement_timeout(AS_COMMAND) == "0"


@pytest.mark.django_db
def test_a_cancelled_statement_gets_a_swedish_page_that_says_the_page_took_too_long(
    settings, signed_in_client
):
    settings.ROOT_URLCONF = "tests.faults.slow_urls"
    client = signed_in_client("Tjänsteperson")
    client.raise_request_exception = False

    response = client.get("/langsam/")

    assert response.status_code == 503
    page = response.content.decode()
    assert "Sidan tog för lång tid" in page
    assert "Avgränsa det du frågade efter" in page
    assert "tillfälligt otillgängligt" not in page
    assert "no-store" in response["Cache-Control"]
