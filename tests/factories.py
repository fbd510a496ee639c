"""Archive rows built directly: a meeting with its original, people, attendance, items and
decisions, for tests of what is shown and stored rather than of how ingest reads a document
(those ingest the samples, tests/samples.py).

Plain functions: each takes what a test cares about and fills the rest with the least that
is valid. Rows built here bypass ingest, so nothing here refreshes the search index.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from collections.abc import Iterable

from django.core.files.base import ContentFile

from decisions.models import Decision
from minutes.models import AgendaItem, Attendance, Meeting, SourceDocument
from minutes.services import body_for_name
from municipalities.models import Organization, Person

# The organisation the migrations load for the archive's own cooperation.
SODERTORN = "Södertörnskommunerna"

_documents = itertools.count(1)


def organization(name: str = SODERTORN) -> Organization:
    """One of the organisations the migrations load: the eight municipalities, the cooperation."""
    return Organization.objects.get(name=name)


def source_document(
    data: bytes | None = None, *, name: str = "protokoll.txt", stored: bool = False, **fields
) -> SourceDocument:
    """An original of `data` (distinct bytes by default). Its file is written under
    MEDIA_ROOT (use the `media_root` fixture) only when `stored`; otherwise only named."""
    data = data if data is not None else f"Protokoll {next(_documents)}.\n".encode()
    values = {
        "sha256": hashlib.sha256(data).hexdigest(),
        "original_name": name,
        "content_type": "text/plain",
        "size": len(data),
        **fields,
    }
    source = SourceDocument(**values)
    if stored:
        source.file.save(name, ContentFile(data), save=False)
    else:
        source.file.name = f"originals/{source.sha256[:2]}/{source.sha256}.txt"
    source.save()
    return source


def meeting(
    day: dt.date | dt.datetime = dt.date(2024, 1, 1),
    *,
    body: str | None = "Ledningsgruppen",
    source: SourceDocument | None = None,
    **fields,
) -> Meeting:
    """A meeting on `day` (a datetime is its start) of `body`, with an imported original.

    The body is the archive's own (of no organisation), as ingest gives one named without a
    meeting organisation, whatever `organization` the meeting is given.
    """
    if isinstance(day, dt.datetime):
        fields.setdefault("start", day)
        day = day.date()
    return Meeting.objects.create(
        body=body_for_name(body, organization=None) if body else None,
        start_date=day,
        source=source or source_document(status=SourceDocument.Status.IMPORTED),
        **fields,
    )


def person(full_name: str, organization: Organization | None = None, **fields) -> Person:
    return Person.objects.create(full_name=full_name, organization=organization, **fields)


def attend(
    meeting: Meeting, person: Person, status: str = Attendance.Status.PRESENT, **fields
) -> Attendance:
    """`person` on the attendance list of `meeting`, last, written as their own name."""
    values = {
        "name_as_written": person.full_name,
        "affiliation_as_written": person.organization.name if person.organization else "",
        "organization": person.organization,
        "order": meeting.attendances.count(),
        **fields,
    }
    return Attendance.objects.create(meeting=meeting, person=person, status=status, **values)


def agenda_item(meeting: Meeting, number: int | str, title: str = "", **fields) -> AgendaItem:
    """Item `number` of `meeting`, after those it has (title "Punkt <number>" by default)."""
    values = {"title": title or f"Punkt {number}", "order": meeting.items.count(), **fields}
    return AgendaItem.objects.create(meeting=meeting, number=str(number), **values)


def decision(
    item: AgendaItem, text: str, *, assigned: Iterable[Person] = (), **fields
) -> Decision:
    """A decision of `item`, after those it has, assigned to `assigned`."""
    values = {"order": item.decisions.count(), **fields}
    made = Decision.objects.create(item=item, text=text, **values)
    made.assigned.set(assigned)
    return made
