"""Fixtures every test area may use. Fixtures for one area belong in that area's own files."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent

RunManage = Callable[..., subprocess.CompletedProcess[str]]


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
