"""Fixtures every test area may use. Fixtures for one area belong in that area's own files."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client

from minutes.roles import OFFICIALS
from tests.access.users import user_with_role

REPO_ROOT = Path(__file__).resolve().parent.parent

RunManage = Callable[..., subprocess.CompletedProcess[str]]
SignedInClient = Callable[[str], Client]


@pytest.fixture
def anonymous_client() -> Client:
    """A test client that is not signed in."""
    return Client()


@pytest.fixture
def signed_in_client(db) -> SignedInClient:
    """`signed_in_client("Sekreterare")`: a client signed in as a new user of that role.

    Roles: "Sekreterare", "Tjänsteperson", "Administratör", "superuser", or "no group"
    (signed in, no permission at all); see tests/access/users.py.
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
