"""Writes to the archive: ingesting a minutes document into meetings, people and decisions."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import mimetypes
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import DatabaseError, IntegrityError, transaction
from django.utils.translation import gettext as _

from decisions.models import Decision
from minutes.messages import parse_error_message
from minutes.models import AgendaItem, Attendance, Body, Meeting, SourceDocument
from minutes.parsing import PARSER_VERSION, ParsedMinutes, ParseError, parse_isolated
from municipalities.models import Organization, Person, fold_whitespace, normalize_name
from municipalities.services import organization_get_or_create

logger = logging.getLogger(__name__)

# The minutes are Swedish: a time written in them is Swedish local time.
MINUTES_TIMEZONE = ZoneInfo("Europe/Stockholm")


class IngestError(Exception):
    """A document that could not be archived; the message is for users, in Swedish."""


@dataclass(frozen=True)
class IngestResult:
    meeting: Meeting | None
    source: SourceDocument
    created: bool
    duplicate: bool


def minutes_checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def minutes_find_duplicate(*, sha256: str) -> SourceDocument | None:
    """The imported original with this checksum, if the archive already holds it."""
    return (
        SourceDocument.objects.filter(sha256=sha256, status=SourceDocument.Status.IMPORTED)
        .select_related("meeting")
        .first()
    )


def minutes_parse(*, data: bytes, filename: str) -> ParsedMinutes:
    """Parse in an isolated process; an unreadable document becomes an IngestError."""
    try:
        return parse_isolated(data, filename)
    except ParseError as error:
        raise IngestError(parse_error_message(error)) from error


def minutes_ingest(
    *, data: bytes, filename: str, body_name: str | None = None, added_by=None
) -> IngestResult:
    """Archive one minutes document: checksum, parse, then store everything at once.

    Not atomic itself: parsing runs outside any transaction (it may take a minute),
    and only the storing is one transaction.
    """
    sha256 = minutes_checksum(data)
    existing = minutes_find_duplicate(sha256=sha256)
    if existing is not None:
        return _duplicate(existing)

    parsed = minutes_parse(data=data, filename=filename)

    written: list[str] = []
    try:
        source, meeting = _minutes_store(
            data=data,
            filename=filename,
            sha256=sha256,
            parsed=parsed,
            body_name=body_name,
            added_by=added_by,
            written=written,
        )
    except IntegrityError as error:
        _remove_files(written)
        # Someone else archived the same file while we were parsing.
        existing = minutes_find_duplicate(sha256=sha256)
        if existing is not None:
            return _duplicate(existing)
        raise IngestError(_("The minutes could not be stored in the archive.")) from error
    except (DatabaseError, OSError) as error:
        _remove_files(written)
        raise IngestError(_("The minutes could not be stored in the archive.")) from error
    except BaseException:
        _remove_files(written)
        raise
    return IngestResult(meeting=meeting, source=source, created=True, duplicate=False)


def _duplicate(source: SourceDocument) -> IngestResult:
    meeting = getattr(source, "meeting", None)
    return IngestResult(meeting=meeting, source=source, created=False, duplicate=True)


def _remove_files(names: list[str]) -> None:
    for name in names:
        try:
            SourceDocument.file.field.storage.delete(name)
        except OSError:
            logger.warning("Could not remove the orphaned original %s", name)


@transaction.atomic
def _minutes_store(
    *,
    data: bytes,
    filename: str,
    sha256: str,
    parsed: ParsedMinutes,
    body_name: str | None,
    added_by,
    written: list[str],
) -> tuple[SourceDocument, Meeting]:
    # A failed or pending copy of the same bytes gives way to this import.
    stale = SourceDocument.objects.filter(sha256=sha256, meeting__isnull=True).exclude(
        status=SourceDocument.Status.IMPORTED
    )
    for old in stale:
        old_name = old.file.name
        old.delete()
        if old_name:
            transaction.on_commit(lambda name=old_name: _remove_files([name]))

    source = SourceDocument(
        sha256=sha256,
        original_name=filename[:255],
        content_type=mimetypes.guess_type(filename)[0] or "",
        size=len(data),
        added_by=added_by,
        extracted_text=parsed.text,
        parser_version=PARSER_VERSION,
        warnings=[{"code": w.code, "message": w.message} for w in parsed.warnings],
        status=SourceDocument.Status.IMPORTED,
    )
    # Insert the row first so a concurrent import of the same bytes fails here, before a
    # second copy of the file is written.
    source.save()
    source.file.save(filename, ContentFile(data), save=False)
    written.append(source.file.name)
    source.save(update_fields=["file"])

    meeting = _meeting_create(source=source, parsed=parsed, body_name=body_name)
    people = _attendances_create(meeting=meeting, parsed=parsed)
    _agenda_create(meeting=meeting, parsed=parsed, people=people)
    if parsed.secretary:
        meeting.secretary = _person_for_role(name=parsed.secretary, people=people)
        meeting.save(update_fields=["secretary"])
    meeting.adjusters.set(
        [_person_for_role(name=name, people=people) for name in parsed.adjusters]
    )
    return source, meeting


def _aware(value: dt.datetime | dt.date | None) -> dt.datetime | None:
    if not isinstance(value, dt.datetime):
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=MINUTES_TIMEZONE)
    return value


def _meeting_create(*, source: SourceDocument, parsed: ParsedMinutes, body_name: str | None):
    start = parsed.start
    start_date = start.date() if isinstance(start, dt.datetime) else start
    body = None
    if body_name and fold_whitespace(body_name):
        body, _created = Body.objects.get_or_create(name=fold_whitespace(body_name))
    organization = None
    if parsed.organization:
        organization = organization_get_or_create(name=parsed.organization)
    return Meeting.objects.create(
        body=body,
        title=(parsed.title or "")[:300],
        start=_aware(start),
        start_date=start_date,
        end=_aware(parsed.end),
        place=(parsed.place or "")[:300],
        organization=organization,
        source=source,
    )


def _person_match(*, name: str, organization: Organization | None) -> Person:
    """The person `name` refers to: same normalised name and organisation, or a known alias."""
    found = (
        Person.objects.filter(normalized_name=normalize_name(name), organization=organization)
        .order_by("pk")
        .first()
    )
    if found is None:
        alias = fold_whitespace(name)
        found = Person.objects.filter(aliases__contains=[alias]).order_by("pk").first()
    if found is None:
        found = Person.objects.create(full_name=fold_whitespace(name), organization=organization)
    return found


def _attendances_create(*, meeting: Meeting, parsed: ParsedMinutes) -> list[tuple[str, Person]]:
    """Attendances in the order written; returns (name as written, person) per attendee."""
    people: list[tuple[str, Person]] = []
    seen: set[int] = set()
    attendances = []
    for order, attendee in enumerate(parsed.attendees):
        organization = (
            organization_get_or_create(name=attendee.affiliation)
            if attendee.affiliation and fold_whitespace(attendee.affiliation)
            else None
        )
        person = _person_match(name=attendee.name, organization=organization)
        if person.pk in seen:
            # The same person listed twice: one attendance, the first as written.
            continue
        seen.add(person.pk)
        people.append((attendee.name, person))
        attendances.append(
            Attendance(
                meeting=meeting,
                person=person,
                name_as_written=attendee.name[:200],
                affiliation_as_written=(attendee.affiliation or "")[:300],
                organization=organization,
                status=attendee.status,
                role=attendee.role or "",
                items=list(attendee.items) if attendee.items is not None else None,
                order=order,
            )
        )
    Attendance.objects.bulk_create(attendances)
    return people


def _person_for_role(*, name: str, people: list[tuple[str, Person]]) -> Person:
    wanted = normalize_name(name)
    for written, person in people:
        if normalize_name(written) == wanted:
            return person
    return _person_match(name=name, organization=None)


def _mentions(text: str, name: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


def _assigned_people(text: str, people: list[tuple[str, Person]]) -> list[Person]:
    """Attendees a decision names: by full name, or by a first name only one of them has."""
    first_names: dict[str, list[Person]] = {}
    for written, person in people:
        first = written.split()[0] if written.split() else ""
        if first:
            first_names.setdefault(first, []).append(person)
    named: dict[int, Person] = {}
    for written, person in people:
        full = fold_whitespace(written)
        first = full.split()[0] if full else ""
        if (full and _mentions(text, full)) or (
            first and len(first_names.get(first, [])) == 1 and _mentions(text, first)
        ):
            named[person.pk] = person
    return list(named.values())


def _agenda_create(
    *, meeting: Meeting, parsed: ParsedMinutes, people: list[tuple[str, Person]]
) -> None:
    for item_order, parsed_item in enumerate(parsed.items):
        item = AgendaItem.objects.create(
            meeting=meeting,
            number=parsed_item.number[:20],
            title=parsed_item.title[:500],
            text=parsed_item.text,
            order=item_order,
        )
        for order, parsed_decision in enumerate(parsed_item.decisions):
            decision = Decision.objects.create(
                item=item,
                text=parsed_decision.text,
                heading=(parsed_decision.heading or "")[:300],
                order=order,
            )
            assigned = _assigned_people(fold_whitespace(parsed_decision.text), people)
            if assigned:
                decision.assigned.set(assigned)
