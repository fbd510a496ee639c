"""A real worker of the task queue (`manage.py procrastinate worker`) in a process of its own,
against the test database, for tests that need one: tests/minutes/queue/ and the browser
tests. The test's rows must be committed (transactional_db, or the browser tests' committed
fixtures) for the worker's own connections to see them.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

from django.db import connection

REPO_ROOT = Path(__file__).resolve().parent.parent


def database_url() -> str:
    """The test database, for a process of its own."""
    db = connection.settings_dict
    host = quote(db["HOST"] or "", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    user = quote(db["USER"] or "", safe="")
    return f"postgresql://{user}{password}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    """`manage.py procrastinate worker` in a process group of its own (the parse sandbox's
    child processes die with it)."""

    def __init__(self, media_root: Path, **env: str) -> None:
        clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        self.log = media_root.parent / f"worker-{time.monotonic_ns()}.log"
        # Its sessions carry this name (libpq's PGAPPNAME), so `stop` can wait for them to go.
        self.name = f"test-worker-{os.getpid()}-{time.monotonic_ns()}"
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "procrastinate", "worker", "--concurrency", "1"],
            cwd=REPO_ROOT,
            env={
                **clean,
                "DJANGO_SETTINGS_MODULE": "config.settings.test",
                "DATABASE_URL": database_url(),
                "MEDIA_ROOT": str(media_root),
                "PGAPPNAME": self.name,
                **env,
            },
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self) -> None:
        """As a machine's restart would: no chance to finish or to say goodbye."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        """Stop it, and wait until PostgreSQL has ended its sessions: the test database is
        dropped at the end of the run, which a lingering session would refuse."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s",
                    [self.name],
                )
                if cursor.fetchone()[0] == 0:
                    return
            time.sleep(0.1)

    def output(self) -> str:
        return self.log.read_text(errors="replace")
