"""Where the minutes refer to a person, for merges and the GDPR export (municipalities.references).

Registered in MinutesConfig.ready(): attendances, the meetings' secretary and adjusters, and
the stored documents whose text mentions the person.
"""

from __future__ import annotations

from django.db.models import F, Q

from minutes.models import Attendance, Meeting, SourceDocument
from municipalities.models import Person
from municipalities.references import MergeConflict, MergePart, iso_or_none


def newest_first(prefix: str = "") -> list:
    """Meetings newest first, undated ones last; `prefix` is the path to the meeting."""
    return [F(f"{prefix}start_date").desc(nulls_last=True), f"-{prefix}pk"]


def meeting_summary(meeting: Meeting) -> dict:
    """A meeting as the export names it."""
    return {
        "meeting_id": meeting.pk,
        "date": iso_or_none(meeting.start_date),
        "body": meeting.body.name if meeting.body else None,
        "title": meeting.title,
    }


class MinutesReferences:
    name = "minutes"

    def merge_part(self, *, keep: Person, merge: Person) -> MergePart:
        kept_attendances = {
            attendance.meeting_id: attendance for attendance in keep.attendances.all()
        }
        attendances: list[Attendance] = []
        conflicts: list[MergeConflict] = []
        for attendance in merge.attendances.select_related("meeting__body").order_by(
            F("meeting__start_date").asc(nulls_last=True), "meeting_id"
        ):
            kept = kept_attendances.get(attendance.meeting_id)
            if kept is not None:
                conflicts.append(MergeConflict(kept=kept, merged=attendance))
            else:
                attendances.append(attendance)
        meetings = Meeting.objects.select_related("body").order_by(
            F("start_date").asc(nulls_last=True), "pk"
        )
        secretary_of = list(meetings.filter(secretary=merge))
        adjuster_of = list(meetings.filter(adjusters=merge))

        def apply() -> None:
            for conflict in conflicts:
                conflict.merged.delete()
            for attendance in attendances:
                attendance.person = keep
                attendance.save(update_fields=["person"])
            for meeting in secretary_of:
                meeting.secretary = keep
                meeting.save(update_fields=["secretary", "updated_at"])
            for meeting in adjuster_of:
                meeting.adjusters.remove(merge)
                meeting.adjusters.add(keep)

        return MergePart(
            moves={
                "attendances": attendances,
                "secretary_of": secretary_of,
                "adjuster_of": adjuster_of,
            },
            touched=[
                *attendances,
                *(conflict.merged for conflict in conflicts),
                *secretary_of,
                *adjuster_of,
            ],
            counts={
                "attendances": len(attendances),
                "attendances_removed": len(conflicts),
                "secretary": len(secretary_of),
                "adjuster": len(adjuster_of),
            },
            apply=apply,
            conflicts=conflicts,
        )

    def export_sections(self, *, person: Person) -> dict[str, list[dict]]:
        meetings = Meeting.objects.select_related("body").order_by(*newest_first())
        return {
            "attendances": _attendances(person),
            "meetings_as_secretary": [
                meeting_summary(m) for m in meetings.filter(secretary=person)
            ],
            "meetings_as_adjuster": [
                meeting_summary(m) for m in meetings.filter(adjusters=person)
            ],
            "mentioned_in_documents": _mentions(person),
        }


def _attendances(person: Person) -> list[dict]:
    rows = person.attendances.select_related("meeting__body", "organization").order_by(
        *newest_first("meeting__")
    )
    return [
        {
            **meeting_summary(attendance.meeting),
            "name_as_written": attendance.name_as_written,
            "affiliation_as_written": attendance.affiliation_as_written,
            "organization": attendance.organization.name if attendance.organization else None,
            "status": attendance.status,
            "status_label": str(attendance.get_status_display()),
            "role": attendance.role,
            "role_label": str(attendance.get_role_display()) if attendance.role else "",
            "items": attendance.items,
        }
        for attendance in rows
    ]


def _mentions(person: Person) -> list[dict]:
    forms = {person.full_name, *person.aliases}
    mentions = Q()
    for form in forms:
        mentions |= Q(extracted_text__icontains=form)
    documents = (
        SourceDocument.objects.filter(mentions)
        .select_related("meeting")
        .order_by("added_at", "pk")
    )
    rows = []
    for document in documents:
        meeting = getattr(document, "meeting", None)
        rows.append(
            {
                "source_document_id": document.pk,
                "source_document": document.original_name,
                "meeting_id": meeting.pk if meeting else None,
                "date": iso_or_none(meeting.start_date) if meeting else None,
            }
        )
    return rows
