"""Fixtures every test area may use. Fixtures for one area belong in that area's own files."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client

from config.roles import OFFICIALS
from tests.config.users import user_with_role
from tests.samples import CORPUS, CORPUS_ABSENT, SHARED

REPO_ROOT = Path(__file__).resolve().parent.parent

RunManage = Callable[..., subprocess.CompletedProcess[str]]
SignedInClient = Callable[[str], Client]


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Tests marked `corpus` read ../shared; in a clone without it they skip, and only they."""
    if item.get_closest_marker("corpus") is not None and not CORPUS.is_dir():
        pytest.skip(CORPUS_ABSENT)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """A test that skips for want of ../shared without the `corpus` mark fails instead: a
    clone without ../shared must run every test but the corpus ones."""
    report = yield
    if report.skipped and item.get_closest_marker("corpus") is None:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else ""
        if str(SHARED) in reason or "../shared" in reason:
            report.outcome = "failed"
            report.longrepr = (
                f"{item.nodeid} skipped ({reason}) but is not marked corpus: read "
                "samples/ (tests/samples.py), or mark it @pytest.mark.corpus"
            )
    return report


@pytest.fixture
def media_root(settings, tmp_path) -> Path:
    """Originals and OCR copies stored in this test's own folder, not var/media."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def anonymous_client() -> Client:
    """A test client that is not signed in."""
    return Client()


@pytest.fixture
def signed_in_client(db) -> SignedInClient:
    """`signed_in_client("Sekreterare")`: a client signed in as a new user of that role.

    Roles: "Sekreterare", "Tjänsteperson", "Administratör", "superuser", or "no group"
    (signed in, no permission at all); see tests/config/users.py.
    """

    def sign_in(role: str) -> Client:
        client = Client()
        client.force_login(user_with_role(role))
        return client

    return sign_in


@pytest.fixture
def client(signed_in_client) -> Client:
    """pytest-django's `client`, signed in as an official: every page asks for sign-in, and
    tests of what readers see should not open the archive to anyone to see it. Tests of
    sign-in itself use `anonymous_client`."""
    return signed_in_client(OFFICIALS)


@pytest.fixture
def run_manage() -> RunManage:
    """Run `manage.py` in a fresh process, with only the given DJANGO_* variables set.

    For what happens at start-up (settings, checks), which a test cannot redo in-process.
    """

    def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
        clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=REPO_ROOT,
            env={**clean, **env},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    return run
