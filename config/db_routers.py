"""A PostgreSQL read replica for the archive's pages (DATABASE_REPLICA_URL).

When the setting is unset there is no `replica` alias, the router is not installed and the
middleware is not loaded: everything reads and writes `default`, as before.

When it is set:

- Writes and migrations always go to `default`.
- Reads go to `replica` only while a web request allows it: a GET or HEAD that is not
  right after the same browser's own write, and only for the archive's own models
  (minutes, municipalities, decisions: the search, list and detail pages). Sessions,
  users, permissions and sign-in throttling are read from `default`, so a sign-in is
  never lost to replication lag.
- Read-your-writes: any other method (an upload, a confirmation, an admin edit) sets a short
  cookie, and for PIN_SECONDS that browser's requests read from `default` too. The page an
  upload redirects to therefore shows the upload, though the replica may lag behind.
- Inside a transaction on `default` every read stays there, and outside web requests
  (management commands, ingest, the shell) nothing reads from the replica at all.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
# The archive's own apps: the data of its pages. Everything else reads `default`.
REPLICA_APPS = frozenset({"minutes", "municipalities", "decisions"})
# After a write, that browser reads `default` for this long: longer than replication lag.
PIN_SECONDS = 10
PIN_COOKIE = "archive_read_primary"
READ_METHODS = frozenset({"GET", "HEAD"})

_replica_allowed: ContextVar[bool] = ContextVar("replica_allowed", default=False)


def replica_configured() -> bool:
    return REPLICA in connections.settings


class PrimaryReplicaRouter:
    """DATABASE_ROUTERS when a replica is configured (config/settings/base.py)."""

    def db_for_read(self, model, **hints) -> str:
        if (
            _replica_allowed.get()
            and model._meta.app_label in REPLICA_APPS
            and not connections[DEFAULT_DB_ALIAS].in_atomic_block
            and replica_configured()
        ):
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        # The replica holds the same rows as `default`.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS


class ReplicaReadsMiddleware:
    """Lets a request's archive reads go to the replica, and pins a browser to `default`
    for a few seconds after it wrote something."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        if not replica_configured():
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        reads_replica = request.method in READ_METHODS and PIN_COOKIE not in request.COOKIES
        token = _replica_allowed.set(reads_replica)
        try:
            response = self.get_response(request)
        finally:
            _replica_allowed.reset(token)
        if request.method not in READ_METHODS and request.method != "OPTIONS":
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
