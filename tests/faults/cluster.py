"""A throwaway PostgreSQL cluster for tests that stop the database: never the shared one.

`scripts/pg.sh`'s cluster under var/pg serves every other test run on this machine, so a
test that stops PostgreSQL makes its own with initdb in a private directory under /var/tmp,
listening only on a unix socket there. As root the server runs as `postgres`, as pg.sh does.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SERVER_OS_USER = "postgres"
SUPERUSER = "postgres"
PORT = 5432  # only names the socket file, which lives in the cluster's own directory


def is_root() -> bool:
    return os.geteuid() == 0


def server_bindir() -> Path:
    """Where initdb and pg_ctl are, as scripts/pg.sh finds them; skip the test without."""
    candidates = [os.environ.get("PG_BINDIR", "")]
    candidates += sorted(
        (str(p) for p in Path("/usr/lib/postgresql").glob("*/bin")),
        key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0,
        reverse=True,
    )
    if shutil.which("initdb"):
        candidates.append(str(Path(shutil.which("initdb")).parent))
    for candidate in candidates:
        if candidate and (Path(candidate) / "initdb").is_file():
            return Path(candidate)
    pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl) to make a throwaway cluster")


class ThrowawayCluster:
    def __init__(self) -> None:
        self.bindir = server_bindir()
        base = "/var/tmp" if os.access("/var/tmp", os.W_OK) else None
        self.home = Path(tempfile.mkdtemp(prefix="minutes-faults-pg-", dir=base))
        if is_root():
            shutil.chown(self.home, SERVER_OS_USER)
        self.data = self.home / "data"
        self.log = self.home / "postgresql.log"

    def _as_owner(self, *args: str, timeout: float = 60) -> None:
        command = [str(a) for a in args]
        if is_root():
            command = ["runuser", "-u", SERVER_OS_USER, "--", *command]
        subprocess.run(command, cwd="/", check=True, capture_output=True, timeout=timeout)

    def init(self) -> None:
        self._as_owner(
            self.bindir / "initdb", "-D", self.data, f"--username={SUPERUSER}", "--auth=trust",
            "--encoding=UTF8", "--locale=C.UTF-8", "--locale-provider=icu",
            "--icu-locale=sv-SE",
        )

    def start(self) -> None:
        options = (
            f"-c listen_addresses='' -c port={PORT} -c unix_socket_directories='{self.home}'"
            " -c fsync=off -c synchronous_commit=off"
        )
        self._as_owner(
            self.bindir / "pg_ctl", "-D", self.data, "-l", self.log, "-o", options,
            "-w", "-t", "30", "start",
        )

    def stop(self, mode: str = "fast") -> None:
        self._as_owner(self.bindir / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop")

    def create_database(self, name: str) -> None:
        subprocess.run(
            [self.bindir / "createdb", "-h", self.home, "-p", str(PORT), "-U", SUPERUSER, name],
            check=True, capture_output=True, timeout=30,
        )

    def url(self, database: str) -> str:
        return f"postgres://{SUPERUSER}@{quote(str(self.home), safe='')}:{PORT}/{database}"

    def destroy(self) -> None:
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.CalledProcessError):
                self.stop(mode="immediate")
        shutil.rmtree(self.home, ignore_errors=True)

    def log_tail(self) -> str:
        try:
            return self.log.read_text(errors="replace")[-3000:]
        except OSError:
            return ""


def manage(*args: str, env: dict[str, str], timeout: float = 120) -> str:
    """Run manage.py with exactly these settings variables; its stdout."""
    clean = {
        k: v for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "ARCHIVE_", "STORAGE_", "S3_"))
    }
    finished = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO_ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=timeout,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    return finished.stdout
