"""While the database is unreachable, every page is a Swedish 503 that asks to try again.

`DatabaseOutageMiddleware` sits near the top of MIDDLEWARE. An OperationalError or
InterfaceError raised by a view is answered directly (`process_exception`). One raised inside
another middleware (the session and authentication middleware read the database too) has
already been turned into a 500 by Django's per-middleware exception handling by the time it
gets here, so a `got_request_exception` receiver marks the request while the exception is
being handled, and the middleware swaps that 500 for the 503.

The page (templates/503.html) is rendered without a request: no context processors, so
nothing on it can touch the database again. The broken connections are closed, so the next
request connects anew; with CONN_HEALTH_CHECKS a persistent connection is checked before
reuse too, so the site comes back by itself as soon as PostgreSQL does, without restarting
gunicorn.

A statement that PostgreSQL cancelled because it ran past ARCHIVE_STATEMENT_TIMEOUT arrives as
the same OperationalError; it gets a page of its own that says the question took too long.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse
from django.template import loader
from psycopg.errors import QueryCanceled

logger = logging.getLogger(__name__)

OUTAGE_ERRORS = (OperationalError, InterfaceError)
# Seconds a client is asked to wait before trying again.
RETRY_AFTER = 5
# Set on a request whose handling failed because the database was unreachable.
OUTAGE_ATTRIBUTE = "_database_outage"


def _mark_outage(sender, request: HttpRequest | None = None, **kwargs) -> None:
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, OUTAGE_ERRORS):
        setattr(request, OUTAGE_ATTRIBUTE, error)


def outage_response() -> HttpResponse:
    """The 503 page: rendered without a request, so no context processor runs."""
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def too_slow_response() -> HttpResponse:
    """PostgreSQL cancelled a statement that ran past ARCHIVE_STATEMENT_TIMEOUT: the database
    is there, the question was too big. Rendered without a request, like the outage page."""
    response = HttpResponse(loader.render_to_string("503_too_slow.html"), status=503)
    response["Cache-Control"] = "no-store"
    return response


def _close_broken_connections() -> None:
    for connection in connections.all(initialized_only=True):
        if connection.in_atomic_block:
            # Closing inside a transaction would only mark it for rollback; whoever opened
            # it ends it, and the request_finished handler then closes what is unusable.
            continue
        try:
            connection.close()
        except OUTAGE_ERRORS:
            logger.debug("Closing the database connection %s failed", connection.alias)


class DatabaseOutageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        got_request_exception.connect(_mark_outage, dispatch_uid="config.outage.mark")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        error = getattr(request, OUTAGE_ATTRIBUTE, None)
        if error is not None and response.status_code >= 500:
            return self._outage(request, error)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, OUTAGE_ERRORS):
            return self._outage(request, exception)
        return None

    def _outage(self, request: HttpRequest, error: Exception) -> HttpResponse:
        if isinstance(error.__cause__, QueryCanceled):
            logger.warning(
                "A statement ran past ARCHIVE_STATEMENT_TIMEOUT while handling %s %s",
                request.method,
                request.path,
            )
            return too_slow_response()
        logger.error(
            "The database is unreachable (%s) while handling %s %s",
            str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__,
            request.method,
            request.path,
        )
        _close_broken_connections()
        return outage_response()
