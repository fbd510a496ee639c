"""Feed tokens: a feed reader subscribes to a search or the register without signing in.

Each user has one token (search.models.FeedToken). A feed URL with `?token=<token>` is read
as that user: their read permission still decides, and a token that is wrong, renewed away
or belongs to an inactive user gets 403, the same for all (nothing says which). The links
to the feeds on the search page and the register carry the signed-in user's token
(search.register.feed_url).

The token is an HMAC of a random key under the SECRET_KEY; the database keeps the key and
the token's sha256, never the token. Changing the SECRET_KEY changes every token.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connections, router
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import salted_hmac

from config.access import public_page, refusal
from config.roles import READ_PERMISSION
from search.models import FeedToken

TOKEN_PARAMETER = "token"
# Longer than any token: a longer value is refused without hashing it.
TOKEN_MAX_LENGTH = 100


def token_of(key: str) -> str:
    return salted_hmac("search.feed_token", key, algorithm="sha256").hexdigest()


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def new_key() -> tuple[str, str]:
    """A fresh random key and the digest of the token it gives."""
    key = secrets.token_urlsafe(32)
    return key, token_digest(token_of(key))


def feed_token_for(user) -> str | None:
    """The user's token, made on first use; None for a visitor who is not signed in.

    One query whether the token exists or not (an insert that does nothing when it does),
    so a page's query count does not depend on it.
    """
    if not user.is_authenticated:
        return None
    key, digest = new_key()
    table = FeedToken._meta.db_table
    with connections[router.db_for_write(FeedToken)].cursor() as cursor:
        cursor.execute(
            f"WITH created AS (INSERT INTO {table} (user_id, key, digest, created_at) "  # noqa: S608
            "VALUES (%s, %s, %s, now()) ON CONFLICT DO NOTHING RETURNING key) "
            f"SELECT key FROM created UNION ALL SELECT key FROM {table} WHERE user_id = %s "
            "LIMIT 1",
            [user.pk, key, digest, user.pk],
        )
        row = cursor.fetchone()
    return token_of(row[0]) if row else None


def feed_token_user(token: str):
    """The active user whose token this is, else None."""
    if not token or len(token) > TOKEN_MAX_LENGTH:
        return None
    found = (
        FeedToken.objects.select_related("user").filter(digest=token_digest(token)).first()
    )
    if found is None or not found.user.is_active:
        return None
    return found.user


def may_read(user) -> bool:
    return user.is_active and (settings.ARCHIVE_PUBLIC_READ or user.has_perm(READ_PERMISSION))


def feed_with_token(feed: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """`feed` opened by a feed token as well as by a session (the access rule is checked
    here: the view is public to the middleware)."""

    def view(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if TOKEN_PARAMETER in request.GET:
            user = feed_token_user(request.GET.get(TOKEN_PARAMETER, ""))
            if user is None or not may_read(user):
                raise PermissionDenied
            request.user = user
            # The feed's filters and its link back to the page go without the token.
            params = request.GET.copy()
            params.pop(TOKEN_PARAMETER)
            request.GET = params
        elif not settings.ARCHIVE_PUBLIC_READ:
            refused = refusal(request, READ_PERMISSION)
            if refused is not None:
                return refused
        return feed(request, *args, **kwargs)

    return public_page(view)
