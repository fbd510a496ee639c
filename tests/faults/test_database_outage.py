"""PostgreSQL stopped and started under load: a Swedish 503 meanwhile, service back in 5 s.

Real processes, no mocks: two gunicorn servers (2 workers each) on loopback ports serve a
throwaway cluster made by the test (tests/faults/cluster.py), while threads request the
meeting list. Server "prod" runs production settings with a signed-in reader, so the outage
first hits the session lookup in the middleware; server "dev" runs development settings
(DEBUG on) with the archive open to anyone, so an anonymous visitor first hits the view's
own query, and it gets the signed-in reader's requests as well.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.faults.cluster import REPO_ROOT, ThrowawayCluster, manage

DATABASE = "minutes_outage"
SECRET_KEY = "outage-test-secret-key-not-for-any-real-site-0123456789"
OUTAGE_TITLE = "Arkivet är tillfälligt otillgängligt"
RECOVERY_SECONDS = 5
# Bounds on the load, whatever happens: requests per thread and seconds in all.
MAX_REQUESTS_PER_THREAD = 600
MAX_LOAD_SECONDS = 25

# Migrates the new database and makes a signed-in reader: its session key on the last line.
MIGRATE_AND_CREATE_READER = """
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from config.roles import OFFICIALS
user = get_user_model().objects.create_user("lasare", password=None)
user.groups.add(Group.objects.get(name=OFFICIALS))
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
"""


@dataclass(frozen=True)
class Outcome:
    server: str
    started: float
    ended: float
    status: int  # 0: no HTTP answer at all
    body: str
    retry_after: str | None


@dataclass
class Server:
    name: str
    process: subprocess.Popen
    port: int
    headers: dict[str, str]
    log: Path

    def get(self, headers: dict[str, str] | None = None) -> Outcome:
        started = time.monotonic()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request(
                "GET", "/moten/", headers=self.headers if headers is None else headers
            )
            response = connection.getresponse()
            body = response.read().decode("utf-8", errors="replace")
            status, retry_after = response.status, response.getheader("Retry-After")
        except OSError as error:
            status, body, retry_after = 0, repr(error), None
        finally:
            connection.close()
        return Outcome(self.name, started, time.monotonic(), status, body, retry_after)

    def workers(self) -> set[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return {int(pid) for pid in children.read_text().split()}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def cluster() -> Iterator[ThrowawayCluster]:
    made = ThrowawayCluster()
    try:
        made.init()
        made.start()
        made.create_database(DATABASE)
        yield made
    finally:
        made.destroy()


def start_server(name: str, env: dict[str, str], headers: dict[str, str], log: Path) -> Server:
    port = free_port()
    gunicorn = Path(sys.executable).parent / "gunicorn"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(gunicorn), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
             "--timeout", "30", "--graceful-timeout", "2"],
            cwd=REPO_ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
        )
    return Server(name, process, port, headers, log)


def wait_until_serving(server: Server) -> None:
    process, name, log = server.process, server.name, server.log
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn {name} exited:\n{log.read_text()[-3000:]}")
        if server.get().status == 200:
            return
        time.sleep(0.2)
    process.terminate()
    pytest.fail(f"gunicorn {name} did not answer 200:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def servers(cluster, tmp_path_factory) -> Iterator[list[Server]]:
    base = {
        k: v for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "ARCHIVE_", "STORAGE_", "S3_"))
    }
    common = {
        "DATABASE_URL": cluster.url(DATABASE),
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "MEDIA_ROOT": str(tmp_path_factory.mktemp("outage-media")),
    }
    prod = {
        **base, **common,
        "DJANGO_SETTINGS_MODULE": "tests.faults.outage_settings",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
    }
    dev = {
        **base, **common,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DJANGO_DEBUG": "true",
        "ARCHIVE_PUBLIC_READ": "true",
    }
    output = manage("shell", "-v", "0", "-c", MIGRATE_AND_CREATE_READER, env=prod)
    session_key = output.strip().splitlines()[-1]
    logs = tmp_path_factory.mktemp("gunicorn")
    started: list[Server] = []
    try:
        started.append(
            start_server("prod", prod, {"Cookie": f"sessionid={session_key}"}, logs / "prod.log")
        )
        started.append(start_server("dev", dev, {}, logs / "dev.log"))
        for server in started:
            wait_until_serving(server)
        yield started
    finally:
        for server in started:
            server.process.terminate()
        for server in started:
            try:
                server.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.process.kill()


def run_load(servers: list[Server], stop: threading.Event, outcomes: list[Outcome]) -> None:
    lock = threading.Lock()
    deadline = time.monotonic() + MAX_LOAD_SECONDS

    def requester(server: Server, headers: dict[str, str]) -> None:
        for _ in range(MAX_REQUESTS_PER_THREAD):
            if stop.is_set() or time.monotonic() > deadline:
                return
            outcome = server.get(headers)
            with lock:
                outcomes.append(outcome)
            time.sleep(0.02)

    # Each server's own visitor twice; the open "dev" server also gets the signed-in reader,
    # so that both paths of the middleware run with DEBUG on as well.
    prod = next(server for server in servers if server.name == "prod")
    visitors = [(server, server.headers) for server in servers for _ in range(2)]
    visitors += [(server, prod.headers) for server in servers if server is not prod]
    threads = [
        threading.Thread(target=requester, args=visitor, daemon=True) for visitor in visitors
    ]
    for thread in threads:
        thread.start()
    stop.wait(MAX_LOAD_SECONDS)
    for thread in threads:
        thread.join(timeout=15)


def test_database_restart_under_load_gives_swedish_503_then_recovers(cluster, servers):
    workers_before = {server.name: server.workers() for server in servers}
    assert all(len(workers) == 2 for workers in workers_before.values()), workers_before
    stop = threading.Event()
    outcomes: list[Outcome] = []
    load = threading.Thread(target=run_load, args=(servers, stop, outcomes), daemon=True)
    load.start()
    try:
        time.sleep(1.0)
        stopping = time.monotonic()
        cluster.stop(mode="fast")
        stopped = time.monotonic()
        time.sleep(1.5)
        starting = time.monotonic()
        cluster.start()
        started = time.monotonic()
        recovered = {server.name: wait_for_200(server, started) for server in servers}
        time.sleep(0.5)
    finally:
        stop.set()
        load.join(timeout=30)
    logs = "\n".join(server.log.read_text()[-2000:] for server in servers)

    for server in servers:
        mine = [o for o in outcomes if o.server == server.name]
        before = [o for o in mine if o.ended < stopping]
        during = [o for o in mine if o.started > stopped and o.ended < starting]
        assert before, f"{server.name}: no request finished before the outage"
        assert during, f"{server.name}: no request fell inside the outage"
        assert {o.status for o in before} == {200}, server.name
        for outcome in during:
            assert outcome.status == 503, (server.name, outcome.status, outcome.body[:500], logs)
            assert OUTAGE_TITLE in outcome.body
            assert "Traceback" not in outcome.body and "OperationalError" not in outcome.body
            assert outcome.retry_after == "5"
        # Whatever the moment, the answer was the page or the 503: never a 500, never nothing.
        assert {o.status for o in mine} <= {200, 503}, sorted({o.status for o in mine})

        assert recovered[server.name] is not None, (
            f"{server.name} gave no 200 within {RECOVERY_SECONDS} s of PostgreSQL starting"
            f"\n{cluster.log_tail()}\n{logs}"
        )
        # Every worker is back: a run of requests, spread over both, all succeed.
        assert [server.get().status for _ in range(8)] == [200] * 8, server.name
        assert server.process.poll() is None, f"gunicorn {server.name} exited"
        assert server.workers() == workers_before[server.name], "gunicorn restarted a worker"
        # The operator learns why from the log, once per refused request.
        assert "The database is unreachable" in server.log.read_text(errors="replace")


def wait_for_200(server: Server, since: float) -> float | None:
    """Seconds from `since` until the server answered 200, or None after RECOVERY_SECONDS."""
    while time.monotonic() - since < RECOVERY_SECONDS:
        if server.get().status == 200:
            return time.monotonic() - since
        time.sleep(0.05)
    return None
