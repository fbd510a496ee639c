"""Writes of the search app: what a user follows (saved searches, feed tokens)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from search.feed_tokens import new_key
from search.models import FeedToken, SavedSearch


@transaction.atomic
def saved_search_create(*, user, query: str, name: str) -> tuple[SavedSearch, bool]:
    """Follow the search `query` (a query string) as `name`; a search the user follows
    already is kept as it is. Returns the saved search and whether it is new."""
    return SavedSearch.objects.get_or_create(user=user, query=query, defaults={"name": name})


@transaction.atomic
def saved_search_remove(*, saved: SavedSearch) -> None:
    saved.delete()


@transaction.atomic
def saved_search_alerted(*, saved: SavedSearch, until: dt.datetime) -> None:
    """Meetings archived up to `until` have been looked at for this search's alerts."""
    SavedSearch.objects.filter(pk=saved.pk, alerted_until__lt=until).update(alerted_until=until)
    saved.alerted_until = max(saved.alerted_until, until)


@transaction.atomic
def feed_token_renew(*, user) -> None:
    """A new feed token for `user`: the old one stops working at once."""
    key, digest = new_key()
    FeedToken.objects.update_or_create(
        user=user, defaults={"key": key, "digest": digest, "created_at": timezone.now()}
    )
