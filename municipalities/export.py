"""Everything the archive stores about one person, for a request under GDPR article 15."""

from __future__ import annotations

from django.db.models import F, Q
from django.utils import timezone
from reversion.models import Version

from decisions.models import Decision
from minutes.models import Meeting, SourceDocument
from municipalities.models import Organization, Person, PersonMerge


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _username(user) -> str | None:
    return user.get_username() if user is not None else None


def _organization(organization: Organization | None) -> dict | None:
    if organization is None:
        return None
    return {
        "id": organization.pk,
        "name": organization.name,
        "kind": organization.kind,
        "code": organization.code,
    }


def _meeting(meeting: Meeting) -> dict:
    return {
        "meeting_id": meeting.pk,
        "date": _iso(meeting.start_date),
        "body": meeting.body.name if meeting.body else None,
        "title": meeting.title,
    }


def _newest_first(prefix: str = "") -> list:
    return [F(f"{prefix}start_date").desc(nulls_last=True), f"-{prefix}pk"]


def _attendances(person: Person) -> list[dict]:
    rows = person.attendances.select_related("meeting__body", "organization").order_by(
        *_newest_first("meeting__")
    )
    return [
        {
            **_meeting(attendance.meeting),
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


def _decisions(person: Person) -> list[dict]:
    rows = (
        Decision.objects.filter(assigned=person)
        .select_related("item__meeting__body")
        .order_by(*_newest_first("item__meeting__"), "item__order", "order")
    )
    return [
        {
            "decision_id": decision.pk,
            "heading": decision.heading,
            "text": decision.text,
            "item": {"number": decision.item.number, "title": decision.item.title},
            "meeting": _meeting(decision.item.meeting),
        }
        for decision in rows
    ]


def _merges(person: Person) -> list[dict]:
    rows = PersonMerge.objects.filter(
        Q(kept_person_id=person.pk) | Q(merged_person_id=person.pk)
    ).select_related("merged_by", "undone_by")
    return [
        {
            "role": "kept" if merge.kept_person_id == person.pk else "merged",
            "kept_person_id": merge.kept_person_id,
            "kept_name": merge.kept_name,
            "merged_person_id": merge.merged_person_id,
            "merged_name": merge.merged_name,
            "merged_at": _iso(merge.merged_at),
            "merged_by": _username(merge.merged_by),
            "undone_at": _iso(merge.undone_at),
            "undone_by": _username(merge.undone_by),
        }
        for merge in rows
    ]


def _history(person: Person) -> list[dict]:
    versions = (
        Version.objects.get_for_object(person)
        .select_related("revision__user")
        .order_by("revision__date_created", "pk")
    )
    return [
        {
            "date": _iso(version.revision.date_created),
            "user": _username(version.revision.user),
            "comment": version.revision.get_comment(),
        }
        for version in versions
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
                "date": _iso(meeting.start_date) if meeting else None,
            }
        )
    return rows


def person_export(*, person: Person) -> dict:
    """Everything stored about `person`, as plain JSON-ready data.

    The person record with aliases and organisation; every attendance (meeting, date, body,
    title, name and affiliation as the minutes wrote them, status, role, items); the
    decisions assigned to them; the meetings where they were secretary or adjuster; the
    merges they were part of; the change history of their own record (who, when, comment).

    Also the stored documents whose extracted text mentions their name or one of their
    aliases (case-insensitive, as written), with the meeting each became: the original
    minutes hold more about a person than the structured data does, so they are listed
    for whoever answers the request to read.
    """
    person = Person.objects.select_related("organization").get(pk=person.pk)
    meetings = Meeting.objects.select_related("body").order_by(*_newest_first())
    return {
        "exported_at": _iso(timezone.now()),
        "person": {
            "id": person.pk,
            "full_name": person.full_name,
            "normalized_name": person.normalized_name,
            "aliases": person.aliases,
            "organization": _organization(person.organization),
            "created_at": _iso(person.created_at),
            "updated_at": _iso(person.updated_at),
        },
        "attendances": _attendances(person),
        "decisions_assigned": _decisions(person),
        "meetings_as_secretary": [_meeting(m) for m in meetings.filter(secretary=person)],
        "meetings_as_adjuster": [_meeting(m) for m in meetings.filter(adjusters=person)],
        "merges": _merges(person),
        "history": _history(person),
        "mentioned_in_documents": _mentions(person),
    }
