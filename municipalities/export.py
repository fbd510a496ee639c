"""Everything the archive stores about one person, for a request under GDPR article 15."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from reversion.models import Version

from municipalities.models import Organization, Person, PersonMerge
from municipalities.references import iso_or_none, person_references

# The export's keys in the order a reader of the file meets them. The sections between
# "person" and "merges", and the last one, come from the apps whose records refer to
# people (municipalities.references); a section not listed here comes last.
SECTION_ORDER = (
    "exported_at",
    "person",
    "attendances",
    "decisions_assigned",
    "meetings_as_secretary",
    "meetings_as_adjuster",
    "merges",
    "history",
    "mentioned_in_documents",
)


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
            "merged_at": iso_or_none(merge.merged_at),
            "merged_by": _username(merge.merged_by),
            "undone_at": iso_or_none(merge.undone_at),
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
            "date": iso_or_none(version.revision.date_created),
            "user": _username(version.revision.user),
            "comment": version.revision.get_comment(),
        }
        for version in versions
    ]


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

    Everything but the person, their merges and their history comes from the apps whose
    records refer to people (municipalities.references).
    """
    person = Person.objects.select_related("organization").get(pk=person.pk)
    sections = {
        "exported_at": iso_or_none(timezone.now()),
        "person": {
            "id": person.pk,
            "full_name": person.full_name,
            "normalized_name": person.normalized_name,
            "aliases": person.aliases,
            "organization": _organization(person.organization),
            "created_at": iso_or_none(person.created_at),
            "updated_at": iso_or_none(person.updated_at),
        },
        "merges": _merges(person),
        "history": _history(person),
    }
    for references in person_references:
        sections.update(references.export_sections(person=person))
    rank = {key: position for position, key in enumerate(SECTION_ORDER)}
    return dict(sorted(sections.items(), key=lambda section: rank.get(section[0], len(rank))))
