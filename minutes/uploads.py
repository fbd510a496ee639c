"""Uploads by secretaries: keep the original at once, parse it apart, import on confirmation.

    received = upload_receive(data=..., filename=..., body_name="", user=user)
    upload_parse(source=received.source, user=user)      # pending (preview) or failed
    meeting = upload_confirm(source=received.source, facts={...}, body_name=..., user=user)

The original is stored before anything else: a failed parse or a cancelled preview leave it
listed on the import page with its state. A discarded upload keeps its file for
MINUTES_DISCARDED_RETENTION_DAYS, then loses it to the purge (`minutes.upload_purge`) while
its record stays listed; the same bytes uploaded again take that record back. Archive rows
(meetings, people, bodies, organisations) are only written by `upload_confirm`, in one
transaction.
"""

from __future__ import annotations

import logging
import mimetypes
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

import reversion
from django.conf import settings
from django.contrib.postgres.search import TrigramSimilarity
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from minutes.messages import parse_error_message
from minutes.models import Meeting, SourceDocument
from minutes.services import (
    IngestError,
    meeting_create,
    minutes_checksum,
    minutes_original,
    ocr_limits,
    source_file_write,
    source_record_parse,
)
from municipalities.models import Organization, Person, fold_whitespace, normalize_name
from parsing import ParsedMinutes, ParseError, from_dict, parse_isolated

logger = logging.getLogger(__name__)

Status = SourceDocument.Status
# Least trigram similarity for "possible duplicate" in the preview, as on the admin's page.
DUPLICATE_SIMILARITY = 0.5


@dataclass(frozen=True)
class Received:
    source: SourceDocument
    # The meeting of an identical file that is already archived; nothing new was stored.
    duplicate_of: Meeting | None = None


def clean_file_name(name: str) -> str:
    """The name a user's file came with, without folders or control characters, at most
    255 characters with its ending kept. Only shown and offered on download, never a path."""
    name = PurePosixPath(name.replace("\\", "/")).name
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip()
    if len(name) > 255:
        suffix = PurePosixPath(name).suffix[:10]
        name = name[: 255 - len(suffix)] + suffix
    return name or "original"


def upload_receive(*, data: bytes, filename: str, body_name: str, user) -> Received:
    """Store an uploaded original (status pending) unless the archive already holds it.

    An earlier upload of the same bytes that was not imported is taken over, not copied.
    Raises IngestError when the file cannot be written; then nothing is left behind.
    """
    sha256 = minutes_checksum(data)
    existing = SourceDocument.objects.filter(sha256=sha256).select_related("meeting").first()
    if existing is not None and existing.status == Status.IMPORTED:
        meeting = getattr(existing, "meeting", None)
        if meeting is not None:
            return Received(source=existing, duplicate_of=meeting)
    if existing is None:
        try:
            existing = _source_create(
                data=data, filename=filename, sha256=sha256, body_name=body_name, user=user
            )
        except IntegrityError:
            # The same bytes arrived at the same moment through another request.
            existing = SourceDocument.objects.get(sha256=sha256)
            meeting = Meeting.objects.filter(source=existing).first()
            if meeting is not None:
                return Received(source=existing, duplicate_of=meeting)
            return Received(source=existing)
    else:
        _source_take_over(source=existing, data=data, body_name=body_name, user=user)
    return Received(source=existing)


def _source_create(
    *, data: bytes, filename: str, sha256: str, body_name: str, user
) -> SourceDocument:
    name = clean_file_name(filename)
    source = SourceDocument(
        sha256=sha256,
        original_name=name,
        content_type=mimetypes.guess_type(name)[0] or "",
        size=len(data),
        added_by=user,
        body_name=fold_whitespace(body_name or "")[:200],
        status=Status.PENDING,
        status_changed_by=user,
    )
    written: list[str] = []
    try:
        with transaction.atomic():
            # The row first: a concurrent upload of the same bytes fails here, before a
            # second copy of the file is written.
            source.save()
            _file_write(source=source, data=data, written=written)
    except IntegrityError:
        _files_remove(written)
        raise
    except (DatabaseError, OSError) as error:
        _files_remove(written)
        raise IngestError(_("The file could not be stored. Nothing was saved.")) from error
    return source


def _source_take_over(*, source: SourceDocument, data: bytes, body_name: str, user) -> None:
    """An upload of bytes the archive holds but has not imported: reuse that record.

    A discarded one is taken back (awaiting its parse), so the purge leaves its file alone;
    if the purge removed the file already, it is stored again.
    """
    written: list[str] = []
    try:
        with transaction.atomic():
            locked = SourceDocument.objects.select_for_update().get(pk=source.pk)
            if not locked.file.name or not locked.file.storage.exists(locked.file.name):
                _file_write(source=locked, data=data, written=written)
            if locked.status == Status.DISCARDED:
                _source_status_set(source=locked, status=Status.PENDING, user=user)
            if body_name and fold_whitespace(body_name):
                locked.body_name = fold_whitespace(body_name)[:200]
                locked.save(update_fields=["body_name"])
    except (DatabaseError, OSError) as error:
        _files_remove(written)
        raise IngestError(_("The file could not be stored. Nothing was saved.")) from error
    source.refresh_from_db()


def _file_write(*, source: SourceDocument, data: bytes, written: list[str]) -> None:
    # Leaves no partial file when the write fails; a full disk is an IngestError.
    source_file_write(source=source, data=data, written=written)


def _files_remove(names: list[str]) -> None:
    for name in names:
        try:
            SourceDocument.file.field.storage.delete(name)
        except OSError:
            logger.warning("Could not remove the orphaned upload %s", name)


def upload_parse(*, source: SourceDocument, user=None) -> SourceDocument:
    """Parse a kept original in the sandbox: pending with a preview, or failed with why.

    Only the original's own record changes.
    """
    try:
        data = minutes_original(source=source)
        parsed = parse_isolated(
            data,
            source.original_name,
            timeout=settings.MINUTES_PARSE_TIMEOUT,
            memory_mb=settings.MINUTES_PARSE_MEMORY_MB,
            ocr=ocr_limits(),
        )
    except ParseError as error:
        _source_record_failure(
            source=source, code=error.code, message=parse_error_message(error), user=user
        )
        return source
    except IngestError as error:
        _source_record_failure(source=source, code="stored", message=str(error), user=user)
        return source
    source_record_parse(source=source, parsed=parsed, status=Status.PENDING, user=user)
    return source


def _source_status_set(*, source: SourceDocument, status: str, user) -> None:
    source.status = status
    source.status_changed_at = timezone.now()
    source.status_changed_by = user
    source.save(update_fields=["status", "status_changed_at", "status_changed_by"])


def _source_record_failure(*, source: SourceDocument, code: str, message: str, user) -> None:
    source.status = Status.FAILED
    source.error_code = code
    source.error = message
    source.parsed = None
    source.status_changed_at = timezone.now()
    source.status_changed_by = user
    source.save(
        update_fields=[
            "status", "error_code", "error", "parsed", "status_changed_at", "status_changed_by"
        ]
    )


def upload_parsed(source: SourceDocument) -> ParsedMinutes | None:
    """What the last parse of a pending upload found, or None."""
    if not source.parsed:
        return None
    return from_dict(source.parsed, text=source.extracted_text)


@transaction.atomic
def upload_confirm(
    *, source: SourceDocument, facts: dict, body_name: str | None, user
) -> Meeting:
    """Create the meeting a pending upload holds, with the facts a secretary corrected.

    Confirming twice (a double click, two tabs) gives the one meeting already made.
    """
    locked = SourceDocument.objects.select_for_update().get(pk=source.pk)
    meeting = Meeting.objects.filter(source=locked).first()
    if meeting is not None:
        if locked.status != Status.IMPORTED:
            # A status set back by hand (the admin once allowed it): the original has its
            # meeting, and a second meeting for it cannot be stored.
            locked.status = Status.IMPORTED
            locked.status_changed_at = timezone.now()
            locked.status_changed_by = user
            locked.save(update_fields=["status", "status_changed_at", "status_changed_by"])
        return meeting
    if locked.status == Status.DISCARDED:
        raise IngestError(_discarded_message(locked))
    parsed = upload_parsed(locked)
    if locked.status != Status.PENDING or parsed is None:
        raise IngestError(_("This upload is not awaiting confirmation."))
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(
            _("Imported from the upload %(name)s.") % {"name": locked.original_name}
        )
        locked.status = Status.IMPORTED
        locked.status_changed_at = timezone.now()
        locked.status_changed_by = user
        locked.body_name = fold_whitespace(body_name or "")[:200]
        locked.save(update_fields=["status", "status_changed_at", "status_changed_by",
                                   "body_name"])
        return meeting_create(source=locked, parsed=parsed, body_name=body_name, facts=facts)


@transaction.atomic
def upload_discard(*, source: SourceDocument, user) -> SourceDocument:
    """Mark a pending or failed upload that never became a meeting as not imported, by
    `user`, now. Its file is kept for the retention period, then purged; the record stays."""
    locked = SourceDocument.objects.select_for_update().get(pk=source.pk)
    if locked.status == Status.DISCARDED:
        return locked  # a double click, or two tabs
    if (locked.status not in (Status.PENDING, Status.FAILED)
            or Meeting.objects.filter(source=locked).exists()):
        raise IngestError(_("Only an upload that is not imported can be discarded."))
    _source_status_set(source=locked, status=Status.DISCARDED, user=user)
    return locked


def upload_reparse(*, source: SourceDocument, user) -> SourceDocument:
    """Parse an upload that is not imported again with the current parser: it goes back to
    awaiting confirmation, or failed. A discarded one is taken back while its file is kept.

    An imported one is refused: rebuilding its meeting would throw away the corrections made
    in the preview and the admin (`manage.py ingest --reparse` still does, for operators).
    """
    with transaction.atomic():
        locked = SourceDocument.objects.select_for_update().get(pk=source.pk)
        if locked.status == Status.IMPORTED or Meeting.objects.filter(source=locked).exists():
            raise IngestError(_(
                "These minutes are already imported. Reading the file again would rebuild the "
                "meeting and lose the corrections made to it, so nothing was changed."
            ))
        if locked.file_removed_at is not None:
            raise IngestError(_discarded_message(locked))
        if locked.status == Status.DISCARDED:
            # Taken back first, so the purge leaves its file alone while it is read.
            _source_status_set(source=locked, status=Status.PENDING, user=user)
    return upload_parse(source=locked, user=user)


def _discarded_message(source: SourceDocument) -> str:
    if source.file_removed_at is not None:
        return _(
            "This upload was discarded and its file was removed on %(date)s. Upload the file "
            "again to import it."
        ) % {"date": formats.date_format(timezone.localtime(source.file_removed_at), "Y-m-d")}
    return _(
        "This upload was discarded. Read it again, or upload the file again, to import it."
    )


# The preview: who the parser's names would become.


@dataclass(frozen=True)
class AttendeePreview:
    name: str
    affiliation: str
    status: str
    role: str
    # "matched": an archived person; "duplicate": similar to archived people; "new".
    match: str
    person: Person | None
    similar: tuple[Person, ...] = ()


def preview_attendees(parsed: ParsedMinutes) -> list[AttendeePreview]:
    """Each parsed attendee, matched against the archive the way confirming will match."""
    previews = []
    for attendee in parsed.attendees:
        organization = (
            Organization.objects.resolve(attendee.affiliation) if attendee.affiliation else None
        )
        person = _person_known(attendee.name, organization)
        similar: tuple[Person, ...] = ()
        if person is not None:
            match = "matched"
        else:
            similar = _people_similar(attendee.name)
            match = "duplicate" if similar else "new"
        previews.append(
            AttendeePreview(
                name=attendee.name,
                affiliation=attendee.affiliation or "",
                status=attendee.status,
                role=attendee.role or "",
                match=match,
                person=person,
                similar=similar,
            )
        )
    return previews


def _person_known(name: str, organization: Organization | None) -> Person | None:
    found = (
        Person.objects.filter(normalized_name=normalize_name(name), organization=organization)
        .order_by("pk")
        .first()
    )
    if found is None:
        found = (
            Person.objects.filter(aliases__contains=[fold_whitespace(name)]).order_by("pk").first()
        )
    return found


def _people_similar(name: str) -> tuple[Person, ...]:
    normalized = normalize_name(name)
    return tuple(
        Person.objects.filter(normalized_name__trigram_similar=normalized)
        .annotate(similarity=TrigramSimilarity("normalized_name", normalized))
        .filter(similarity__gte=DUPLICATE_SIMILARITY)
        .select_related("organization")
        .order_by("-similarity", "pk")[:3]
    )
