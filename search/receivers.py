"""The search index follows the archive: `minutes.signals.meetings_changed` re-indexes."""

from __future__ import annotations

from collections.abc import Iterable

from search.index import search_index_refresh


def reindex_meetings(sender, *, meeting_ids: Iterable[int], **kwargs) -> None:
    """Re-index the items of the meetings that changed, inside the sender's transaction, so
    a store and its index commit or roll back together."""
    meeting_ids = [pk for pk in meeting_ids if pk]
    if meeting_ids:
        search_index_refresh(meeting_ids=meeting_ids)
