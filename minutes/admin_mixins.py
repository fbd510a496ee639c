"""What an admin page that edits a meeting's contents must do besides keeping history."""

from __future__ import annotations

from operator import attrgetter

from minutes.models import Meeting
from minutes.signals import meetings_changed


class MeetingChangedOnSave:
    """After an admin save or delete, tell the search index the edited object's meeting changed.

    The search vector of an agenda item holds its title, text and decisions, so a
    correction made by hand must reach it as an ingest does (minutes.signals.meetings_changed).
    `meeting_id_path` names the attribute that leads from the edited object to its
    meeting's id. Reverting or
    recovering a version in the history saves through the same change form, so it
    tells the index too.
    """

    meeting_id_path = "meeting_id"

    def meeting_id_of(self, obj) -> int | None:
        try:
            return attrgetter(self.meeting_id_path)(obj)
        except AttributeError:  # e.g. a decision whose item was not set
            return None

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        self._changed(form.instance)

    def delete_model(self, request, obj) -> None:
        meeting_id = self.meeting_id_of(obj)
        super().delete_model(request, obj)
        if meeting_id:
            meetings_changed.send(sender=Meeting, meeting_ids=[meeting_id])

    def delete_queryset(self, request, queryset) -> None:
        meeting_ids = {self.meeting_id_of(obj) for obj in queryset}
        super().delete_queryset(request, queryset)
        meetings_changed.send(sender=Meeting, meeting_ids=[pk for pk in meeting_ids if pk])

    def _changed(self, obj) -> None:
        meeting_id = self.meeting_id_of(obj)
        if meeting_id:
            meetings_changed.send(sender=Meeting, meeting_ids=[meeting_id])
