"""The query set's corpus archived once for a whole test module, rolled back afterwards."""

from __future__ import annotations

from collections.abc import Iterator

from django.db import transaction
from django.test.utils import override_settings

from minutes.models import AgendaItem
from tests.search.query_set import ingest_corpus


def archived_corpus(django_db_blocker, media_root: str) -> Iterator[dict[int, str]]:
    """For a module-scoped fixture: the corpus in one transaction the module's tests run
    inside (each in a savepoint), rolled back when the module is done."""
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media_root),
        transaction.atomic(),
    ):
        yield ingest_corpus()
        transaction.set_rollback(True)


def item_key(keys: dict[int, str]):
    """Names an item as the query set does: (document key, item number)."""
    return lambda item: (keys.get(item.meeting_id), item.number)


def found(keys: dict[int, str], search) -> list[tuple[str, str]]:
    """The hits of a search, named, in the order given."""
    return [item_key(keys)(item) for item in search.queryset]


def item(keys: dict[int, str], ref: str) -> AgendaItem:
    """The item a reference such as "000§6" names."""
    key, number = ref.split("§")
    meeting = next(pk for pk, name in keys.items() if name == key)
    return AgendaItem.objects.get(meeting_id=meeting, number=number)
