"""The upload steps of the write pipeline (minutes/services.py), for the secretaries' pages:
keep the original at once and queue its reading, parse it in the task queue's worker,
import on confirmation.

    received = upload_receive(data=..., filename=..., body_name="", user=user)  # queued
    # a worker: minutes.tasks.parse_upload -> parsing -> pending (preview) or failed
    meeting = upload_confirm(source=received.source, facts={...}, body_name=..., user=user)

`upload_parse` reads an original in the calling process instead (the worker's job does the
same with the queue's bookkeeping around it).

The original is stored before anything else: a failed parse or a cancelled preview leave it
listed on the import page with its state. A discarded upload keeps its file for
MINUTES_DISCARDED_RETENTION_DAYS, then loses it to the purge (`minutes.upload_purge`) while
its record stays listed; the same bytes uploaded again take that record back. Archive rows
(meetings, people, bodies, organisations) are only written by `upload_confirm`, in one
transaction. The preview is the pipeline's (`minutes.services.preview_attendees`), and
every status change goes through `minutes.services.source_status_set`.
"""

from __future__ import annotations

from dataclasses import dataclass

import reversion
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from minutes.models import Meeting, SourceDocument
from minutes.services import (
    IngestError,
    files_remove,
    meeting_create,
    minutes_checksum,
    minutes_original,
    minutes_parse,
    source_file_ensure,
    source_new,
    source_record_failure,
    source_record_parse,
    source_status_set,
    upload_parsed,
)
from minutes.tasks import parse_queue
from municipalities.models import fold_whitespace

Status = SourceDocument.Status


@dataclass(frozen=True)
class Received:
    source: SourceDocument
    # The meeting of an identical file that is already archived; nothing new was stored.
    duplicate_of: Meeting | None = None
    # An identical file uploaded before that is waiting or read already, left as it was.
    waiting: bool = False


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
        waiting = existing.status in (Status.QUEUED, Status.PARSING, Status.PENDING)
        _source_take_over(source=existing, data=data, body_name=body_name, user=user)
        return Received(source=existing, waiting=waiting)
    return Received(source=existing)


def _source_create(
    *, data: bytes, filename: str, sha256: str, body_name: str, user
) -> SourceDocument:
    written: list[str] = []
    try:
        with transaction.atomic():
            source = source_new(
                data=data, filename=filename, sha256=sha256, user=user, body_name=body_name,
                status=Status.QUEUED,
            )
            source_file_ensure(source=source, data=data, written=written)
            parse_queue(source)
    except IntegrityError:
        files_remove(written)
        raise
    except (DatabaseError, OSError) as error:
        files_remove(written)
        raise IngestError(_("The file could not be stored. Nothing was saved.")) from error
    return source


def _source_take_over(*, source: SourceDocument, data: bytes, body_name: str, user) -> None:
    """An upload of bytes the archive holds but has not imported: reuse that record.

    A discarded or failed one is taken back and queued to be read again, so the purge leaves
    its file alone; if the purge removed the file already, it is stored again. One waiting or
    read already (with the corrections made in its preview) is left as it is.
    """
    written: list[str] = []
    try:
        with transaction.atomic():
            locked = SourceDocument.objects.select_for_update().get(pk=source.pk)
            source_file_ensure(source=locked, data=data, written=written)
            if locked.status in (Status.DISCARDED, Status.FAILED):
                locked.parse_attempts = 0
                source_status_set(locked, Status.QUEUED, user=user, fields=["parse_attempts"])
                parse_queue(locked)
            if body_name and fold_whitespace(body_name):
                locked.body_name = fold_whitespace(body_name)[:200]
                locked.save(update_fields=["body_name"])
    except (DatabaseError, OSError) as error:
        files_remove(written)
        raise IngestError(_("The file could not be stored. Nothing was saved.")) from error
    source.refresh_from_db()


def upload_parse(*, source: SourceDocument, user=None) -> SourceDocument:
    """Parse a kept original as ingest does (minutes.services.minutes_parse: the sandbox and
    its limits): pending with a preview, or failed with why. Only its own record changes."""
    try:
        parsed = minutes_parse(data=minutes_original(source=source),
                               filename=source.original_name)
    except IngestError as failure:
        source_record_failure(source=source, failure=failure, user=user)
        return source
    source_record_parse(source=source, parsed=parsed, status=Status.PENDING, user=user)
    return source


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
            source_status_set(locked, Status.IMPORTED, user=user)
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
        locked.body_name = fold_whitespace(body_name or "")[:200]
        source_status_set(locked, Status.IMPORTED, user=user, fields=["body_name"])
        return meeting_create(
            source=locked, parsed=parsed, body_name=body_name, facts=facts,
            people=_people_chosen(locked),
        )


def _people_chosen(source: SourceDocument) -> list[int | str | None]:
    """The person chosen in the preview for each attendee of the draft (minutes.drafts)."""
    attendees = (source.draft or {}).get("attendees") or []
    return [
        choice if isinstance(choice, int) or choice == "new" else None
        for choice in (attendee.get("person") for attendee in attendees)
    ]


@transaction.atomic
def upload_discard(*, source: SourceDocument, user) -> SourceDocument:
    """Mark an upload that never became a meeting (queued, being read, awaiting
    confirmation, or failed) as not imported, by `user`, now; a worker reading it drops what
    it read. Its file is kept for the retention period, then purged; the record stays."""
    locked = SourceDocument.objects.select_for_update().get(pk=source.pk)
    if locked.status == Status.DISCARDED:
        return locked  # a double click, or two tabs
    if (locked.status not in (Status.QUEUED, Status.PARSING, Status.PENDING, Status.FAILED)
            or Meeting.objects.filter(source=locked).exists()):
        raise IngestError(_("Only an upload that is not imported can be discarded."))
    source_status_set(locked, Status.DISCARDED, user=user)
    return locked


def upload_reparse(*, source: SourceDocument, user) -> SourceDocument:
    """Queue an upload that is not imported to be read again with the current parser: it
    goes back to awaiting confirmation, or failed, once a worker has read it. A discarded one
    is taken back while its file is kept. The corrections of its preview are replaced by the
    new reading.

    An imported one is refused: rebuilding its meeting would throw away the corrections made
    in the preview and the admin (its meeting page offers a re-reading that keeps them).
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
        if locked.status not in (Status.QUEUED, Status.PARSING):
            locked.parse_attempts = 0
            source_status_set(locked, Status.QUEUED, user=user, fields=["parse_attempts"])
        parse_queue(locked)
    return locked


def _discarded_message(source: SourceDocument) -> str:
    if source.file_removed_at is not None:
        return _(
            "This upload was discarded and its file was removed on %(date)s. Upload the file "
            "again to import it."
        ) % {"date": formats.date_format(timezone.localtime(source.file_removed_at), "Y-m-d")}
    return _(
        "This upload was discarded. Read it again, or upload the file again, to import it."
    )
