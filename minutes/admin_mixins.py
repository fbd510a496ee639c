"""What every admin page that edits items or decisions must do: keep search up to date."""

from __future__ import annotations

from operator import attrgetter

from minutes.search import search_index_refresh


class ReindexMeetingOnSave:
    """After an admin save or delete, re-index the meeting the edited object belongs to.

    The search vector of an agenda item holds its title, text and decisions, so a
    correction made by hand must reach it as an ingest does. `meeting_id_path` names the
    attribute that leads from the edited object to its meeting's id.
    """

    meeting_id_path = "meeting_id"

    def meeting_id_of(self, obj) -> int | None:
        try:
            return attrgetter(self.meeting_id_path)(obj)
        except AttributeError:  # e.g. a decision whose item was not set
            return None

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        self._reindex(form.instance)

    def delete_model(self, request, obj) -> None:
        meeting_id = self.meeting_id_of(obj)
        super().delete_model(request, obj)
        if meeting_id:
            search_index_refresh(meeting_ids=[meeting_id])

    def _reindex(self, obj) -> None:
        meeting_id = self.meeting_id_of(obj)
        if meeting_id:
            search_index_refresh(meeting_ids=[meeting_id])
