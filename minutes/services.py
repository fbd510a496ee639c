"""The write pipeline: how a minutes document becomes a meeting, for `manage.py ingest` and
for uploads alike.

    receive -> parse -> preview -> store -> re-parse

- receive: the original is kept under its SHA-256 (`source_file_write`) with its record, a
  SourceDocument, under the name it came with (`clean_file_name`). An earlier record of the
  same bytes that was not imported is taken over, never copied (`source_new`,
  `source_file_ensure`). Ingest receives inside its store transaction (`minutes_ingest`); an
  upload receives first, on its own (`minutes.uploads.upload_receive`).
- parse: `minutes_parse` runs the parser in the sandbox (parsing.isolation, with the time,
  memory and OCR limits of the settings, or a batch's worker from `minutes_parse_pool`) for
  ingest, uploads and re-parsing alike; `source_record_parse` keeps what it found on the
  record and `source_record_failure` why it failed.
- preview: what an upload's kept parse holds (`upload_parsed`) and who its names would become
  (`preview_attendees`), matched as storing matches them.
- store: `meeting_create`, in one transaction with the record's move to imported
  (`minutes_ingest`, `minutes.uploads.upload_confirm`): the meeting, its attendances (people
  matched or created by municipalities.services.people_resolve, the archive's one resolver),
  its items, then `items_stored` (decisions stores theirs) and `meetings_changed` (the search
  index).
- re-parse: `minutes_reparse` replaces what parsing made of an imported original, keeping the
  meeting and the people its attendances were corrected to (`meeting_contents_replace`, which
  minutes/rereads.py also uses to store a re-reading that keeps the hand corrections).

Status changes: `source_status_set` is the only writer of SourceDocument.status, with who and
when (and why, for a failure); STATUS_CHANGES lists each change it allows and what makes it.
They happen on receipt (`source_new`: pending; an upload taking back a discarded record), on
parse (`source_record_parse`: the status its caller asks for; `source_record_failure`:
failed), on store (imported) and on discard (`minutes.uploads.upload_discard`).

minutes/uploads.py holds the web's steps (receive, parse, confirm, discard, read again), each
calling these; minutes/upload_purge.py deletes the files of discarded uploads.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import logging
import mimetypes
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import PurePosixPath
from zoneinfo import ZoneInfo

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from minutes.messages import parse_error_message
from minutes.models import (
    AgendaItem,
    Attendance,
    Body,
    Meeting,
    SourceDocument,
    case_number_clean,
)
from minutes.signals import items_stored, meetings_changed
from minutes.validators import validate_meeting_date
from municipalities.models import (
    DEFAULT_BODY_ORGANIZATION,
    Organization,
    Person,
    fold_whitespace,
    normalize_name,
)
from municipalities.services import (
    ORGANIZATION_NOT_STORED,
    PersonKey,
    organization_get_or_create,
    organization_kind_guess,
    people_known,
    people_resolve,
    people_similar,
    person_resolve,
)
from parsing import (
    PARSER_VERSION,
    ParsedAttendee,
    ParsedMinutes,
    ParseError,
    body_of,
    from_dict,
    municipality_of,
    parse_isolated,
    to_dict,
    warning_to_dict,
)
from parsing.isolation import OcrLimits, ParsePool

logger = logging.getLogger(__name__)

Status = SourceDocument.Status

# The minutes are Swedish: a time written in them is Swedish local time.
MINUTES_TIMEZONE = ZoneInfo("Europe/Stockholm")


class IngestError(Exception):
    """A document that could not be archived; the message is for users, in Swedish.

    `code` says why, for the record of a failed upload: the parser's (ParseError.code), or
    "stored" when the kept original cannot be read; empty otherwise.
    """

    def __init__(self, message: str, *, code: str = "") -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class IngestResult:
    meeting: Meeting | None
    source: SourceDocument
    created: bool
    duplicate: bool


# --- files ------------------------------------------------------------------------------


def minutes_checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def clean_file_name(name: str) -> str:
    """The name a file came with, without folders or control characters, at most 255
    characters with its ending kept. Only shown and offered on download, never a path (the
    file is stored under its checksum: minutes.models.source_document_path)."""
    name = PurePosixPath(name.replace("\\", "/")).name
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip()
    if len(name) > 255:
        suffix = PurePosixPath(name).suffix[:10]
        name = name[: 255 - len(suffix)] + suffix
    return name or "original"


def files_remove(names: Iterable[str]) -> None:
    """Delete stored originals a failed write left behind; one that cannot go is logged."""
    for name in names:
        try:
            SourceDocument.file.field.storage.delete(name)
        except OSError:
            logger.warning("Could not remove the orphaned original %s", name)


# What a failed write says when the storage itself is out of room, not the file at fault.
_STORAGE_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})


def _storage_full() -> IngestError:
    return IngestError(
        _("The archive's storage is full, so the file could not be saved. "
          "Nothing was stored; tell the archive's administrator.")
    )


def source_file_write(*, source: SourceDocument, data: bytes, written: list[str]) -> None:
    """Store an original under its checksum name and point the (saved) record at it.

    Call with the record's row inserted or locked in the current transaction, so nobody
    else writes this checksum meanwhile. A file already at that name was left by an
    interrupted earlier attempt (a crash between writing and committing): it is taken over
    when its bytes match and replaced when they do not. A write that fails removes what it
    wrote, so a full disk leaves no partial file; it raises IngestError saying the storage
    is full. Every name used goes into `written`, for the caller to remove (`files_remove`)
    should its transaction fail afterwards.
    """
    storage = source.file.storage
    name = source.file.field.generate_filename(source, source.original_name or "original")
    if storage.exists(name) and _stored_checksum(storage, name) != source.sha256:
        storage.delete(name)
    if storage.exists(name):
        written.append(name)
    else:
        try:
            name = storage.save(name, ContentFile(data))
        except BaseException as error:
            files_remove([name])
            if isinstance(error, OSError) and error.errno in _STORAGE_FULL:
                raise _storage_full() from error
            raise
        written.append(name)
    source.file.name = name
    # The same bytes again after a purge of a discarded upload (minutes.upload_purge).
    source.file_removed_at = None
    source.save(update_fields=["file", "file_removed_at"])


def source_file_ensure(*, source: SourceDocument, data: bytes, written: list[str]) -> None:
    """Write the original's file unless its record has it already: a record taken over keeps
    its file; one whose file is gone (purged, or never written) gets it again."""
    if not source.file.name or not source.file.storage.exists(source.file.name):
        source_file_write(source=source, data=data, written=written)


def _stored_checksum(storage, name: str) -> str:
    digest = hashlib.sha256()
    with storage.open(name, "rb") as stored:
        for chunk in stored.chunks():
            digest.update(chunk)
    return digest.hexdigest()


def minutes_original(*, source: SourceDocument) -> bytes:
    """The stored bytes of an original, checked against its checksum."""
    try:
        with source.file.open("rb") as stored:
            data = stored.read()
    except (OSError, ValueError) as error:
        # ValueError: the record has no file at all.
        raise IngestError(_("The stored original cannot be opened."), code="stored") from error
    if minutes_checksum(data) != source.sha256:
        raise IngestError(_("The stored original does not match its checksum."), code="stored")
    return data


def _ocr_file_write(*, source: SourceDocument, parsed: ParsedMinutes) -> None:
    """Store the OCR'd PDF of a parse under the original's checksum, with its own checksum
    for backups to check it by, or forget the last one when the text no longer comes from
    OCR. The file is derived from the original and written again by any parse that OCRs it,
    so one left by a rolled-back transaction does no harm (until the next parse, a backup
    says that it does not match its record)."""
    if parsed.ocr is None:
        source.ocr_file = ""
        source.ocr_sha256 = ""
        return
    storage = source.ocr_file.storage
    name = source.ocr_file.field.generate_filename(source, "ocr.pdf")
    if storage.exists(name):
        storage.delete(name)
    try:
        source.ocr_file.name = storage.save(name, ContentFile(parsed.ocr.pdf))
        source.ocr_sha256 = minutes_checksum(parsed.ocr.pdf)
    except OSError as error:
        if error.errno in _STORAGE_FULL:
            raise _storage_full() from error
        raise


# --- status -----------------------------------------------------------------------------

# Each status change the pipeline makes, (from, to), with what makes it. A new record starts
# queued (an upload, for the task queue's worker: minutes/tasks.py) or pending (ingest, which
# parses first); `source_status_set` refuses a change not listed here.
STATUS_CHANGES: dict[tuple[str, str], str] = {
    (Status.QUEUED, Status.PARSING): "a worker started reading it",
    (Status.QUEUED, Status.FAILED): "its job was lost or started too often (imports_recover)",
    (Status.QUEUED, Status.DISCARDED): "discarded before a worker reached it",
    (Status.QUEUED, Status.IMPORTED): "the same bytes ingested",
    (Status.PARSING, Status.PENDING): "read: awaiting a secretary's check",
    (Status.PARSING, Status.FAILED): "its parse failed, or its worker died too often",
    (Status.PARSING, Status.QUEUED): "its worker died: queued again (imports_recover)",
    (Status.PARSING, Status.DISCARDED): "discarded while a worker read it",
    (Status.PARSING, Status.IMPORTED): "the same bytes ingested",
    (Status.PENDING, Status.QUEUED): "read again",
    (Status.PENDING, Status.FAILED): "its parse failed",
    (Status.PENDING, Status.IMPORTED): "confirmed, or the same bytes ingested",
    (Status.PENDING, Status.DISCARDED): "discarded",
    (Status.FAILED, Status.QUEUED): "read again, or uploaded again",
    (Status.FAILED, Status.PENDING): "read again, and readable this time",
    (Status.FAILED, Status.FAILED): "read again, and failed again (who tried, and when)",
    (Status.FAILED, Status.IMPORTED): "the same bytes ingested",
    (Status.FAILED, Status.DISCARDED): "discarded",
    (Status.DISCARDED, Status.QUEUED): "taken back: uploaded again, or read again",
    (Status.DISCARDED, Status.PENDING): "taken back: uploaded again, or read again",
    (Status.DISCARDED, Status.IMPORTED): "the same bytes ingested",
    # Confirming also moves a record to imported whose meeting exists while its status says
    # otherwise (set back by hand, once the admin allowed it): from any of the three above.
    (Status.IMPORTED, Status.QUEUED): "its meeting deleted, the same bytes uploaded again",
    (Status.IMPORTED, Status.PENDING): "its meeting deleted, the same bytes uploaded again",
    (Status.IMPORTED, Status.FAILED): "its meeting deleted, the same bytes uploaded again",
}


def source_status_set(
    source: SourceDocument,
    status: str,
    *,
    user,
    failure: IngestError | None = None,
    fields: Iterable[str] = (),
) -> None:
    """Move `source` to `status`, changed by `user`, now; the one place a status changes.

    Saves the status, who and when, and `fields` (others the caller changed, in the same
    UPDATE). A record not yet saved only gets them, for its first save to write. To failed,
    `failure` says why (its code and message are kept) and the last parse is forgotten;
    other changes leave the error fields alone (a successful parse clears them). Raises
    ValueError for a change STATUS_CHANGES does not list.
    """
    saved = not source._state.adding
    if saved and (source.status, status) not in STATUS_CHANGES:
        raise ValueError(f"An original does not go from {source.status} to {status}.")
    if (status == Status.FAILED) != (failure is not None):
        raise ValueError("A change to failed, and only that, comes with its failure.")
    source.status = status
    source.status_changed_at = timezone.now()
    source.status_changed_by = user
    changed = ["status", "status_changed_at", "status_changed_by", *fields]
    if failure is not None:
        source.error_code = failure.code
        source.error = str(failure)
        source.parsed = None
        changed += ["error_code", "error", "parsed"]
    if saved:
        source.save(update_fields=changed)


# --- receive ----------------------------------------------------------------------------


def minutes_find_duplicate(*, sha256: str) -> SourceDocument | None:
    """The imported original with this checksum, if the archive already holds it."""
    return (
        SourceDocument.objects.filter(sha256=sha256, status=Status.IMPORTED)
        .select_related("meeting")
        .first()
    )


def source_new(
    *, data: bytes, filename: str, sha256: str, user, body_name: str = "",
    status: str = Status.PENDING,
) -> SourceDocument:
    """The record of an original received from `user`, in `status` (pending for ingest, which
    parses first; queued for an upload), with the name it came with (cleaned) and the body it
    was said to belong to.

    Its row is inserted at once, before any file is written: a concurrent receipt of the
    same bytes fails here (IntegrityError) instead of writing a second copy. Call inside a
    transaction, then write the file (`source_file_ensure`).
    """
    name = clean_file_name(filename)
    source = SourceDocument(
        sha256=sha256,
        original_name=name,
        content_type=mimetypes.guess_type(name)[0] or "",
        size=len(data),
        added_by=user,
        body_name=fold_whitespace(body_name or "")[:200],
    )
    source_status_set(source, status, user=user)
    source.save()
    return source


def _source_for_import(
    *, data: bytes, filename: str, sha256: str, added_by, written: list[str]
) -> SourceDocument:
    """The record an ingest goes into: an earlier failed, pending or discarded upload of the
    same bytes if there is one (locked), else a new record; with its file written.

    An earlier upload is taken over, never replaced: its file, who added it and when, and
    the name it came with are part of the record.
    """
    source = (
        SourceDocument.objects.select_for_update(of=("self",))
        .filter(sha256=sha256, meeting__isnull=True)
        .exclude(status=Status.IMPORTED)
        .first()
    )
    if source is None:
        source = source_new(data=data, filename=filename, sha256=sha256, user=added_by)
    source_file_ensure(source=source, data=data, written=written)
    return source


# --- parse ------------------------------------------------------------------------------

# The long-lived parse workers of a batch (`minutes_parse_pool`), when one is running.
_parse_pool: ContextVar[ParsePool | None] = ContextVar("minutes_parse_pool", default=None)
# OCR's mode when a caller chose one (`minutes_ocr_mode`: ingest --ocr), else the setting's.
_ocr_mode: ContextVar[str | None] = ContextVar("minutes_ocr_mode", default=None)


def ocr_limits() -> OcrLimits:
    """How scanned PDFs are read: MINUTES_OCR's mode (or `minutes_ocr_mode`'s) and limits."""
    return OcrLimits(
        mode=_ocr_mode.get() or settings.MINUTES_OCR,
        seconds_per_page=settings.MINUTES_OCR_SECONDS_PER_PAGE,
        max_pages=settings.MINUTES_OCR_MAX_PAGES,
    )


@contextmanager
def minutes_ocr_mode(mode: str | None) -> Iterator[None]:
    """Read scanned PDFs in `mode` ("never", "auto", "always"; None: the setting's) while the
    block runs: parsing, ingest and re-parsing all follow it."""
    token = _ocr_mode.set(mode)
    try:
        yield
    finally:
        _ocr_mode.reset(token)


@contextmanager
def minutes_parse_pool() -> Iterator[ParsePool]:
    """Parse with one long-lived sandboxed worker while the block runs, for a batch.

    `minutes_parse` (and so `minutes_ingest` and `minutes_reparse`) then sends documents to
    that worker, under the same limits, instead of starting a process for each one.
    """
    with ParsePool(
        1, timeout=settings.MINUTES_PARSE_TIMEOUT, memory_mb=settings.MINUTES_PARSE_MEMORY_MB,
        ocr=ocr_limits(),
    ) as pool:
        token = _parse_pool.set(pool)
        try:
            yield pool
        finally:
            _parse_pool.reset(token)


@contextmanager
def minutes_parse_using(pool: ParsePool) -> Iterator[None]:
    """Parse with `pool` (a long-lived one the caller keeps, as a queue worker does) while
    the block runs."""
    token = _parse_pool.set(pool)
    try:
        yield
    finally:
        _parse_pool.reset(token)


def minutes_parse(*, data: bytes, filename: str) -> ParsedMinutes:
    """Parse in an isolated process (MINUTES_PARSE_TIMEOUT, MINUTES_PARSE_MEMORY_MB, the OCR
    limits); an unreadable document becomes an IngestError with the parser's code."""
    pool = _parse_pool.get()
    try:
        if pool is not None:
            return pool.parse(data, filename)
        return parse_isolated(
            data,
            filename,
            timeout=settings.MINUTES_PARSE_TIMEOUT,
            memory_mb=settings.MINUTES_PARSE_MEMORY_MB,
            ocr=ocr_limits(),
        )
    except ParseError as error:
        raise IngestError(parse_error_message(error), code=error.code) from error


def source_record_parse(
    *, source: SourceDocument, parsed: ParsedMinutes, status: str, user=None
) -> None:
    """Keep what a parse found on the original's record: its text, warnings and JSON, and
    the PDF OCR made when the text came from OCR (beside the untouched original); any error
    of an earlier parse is cleared. The record moves to `status` unless it is there."""
    source.extracted_text = parsed.text
    source.parser_version = PARSER_VERSION
    source.warnings = [warning_to_dict(w) for w in parsed.warnings]
    source.parsed = to_dict(parsed, parser_version=PARSER_VERSION)
    source.error = ""
    source.error_code = ""
    # A new reading starts a new preview: corrections of the last one applied to it.
    source.draft = None
    source.checked_warnings = []
    fields = ["extracted_text", "parser_version", "warnings", "parsed", "error", "error_code",
              "ocr_file", "ocr_sha256", "draft", "checked_warnings"]
    _ocr_file_write(source=source, parsed=parsed)
    if source.status != status:
        source_status_set(source, status, user=user, fields=fields)
    else:
        source.save(update_fields=fields)


def source_record_failure(*, source: SourceDocument, failure: IngestError, user) -> None:
    """Keep why the original could not be read: failed, by `user`, now, with the reason."""
    source_status_set(source, Status.FAILED, user=user, failure=failure)


# --- preview ----------------------------------------------------------------------------


def upload_parsed(source: SourceDocument) -> ParsedMinutes | None:
    """What a pending upload holds: its last parse as a secretary corrected it in the preview
    (`draft`), else as the parser read it; None before a parse."""
    data = source.draft or source.parsed
    if not data:
        return None
    return from_dict(data, text=source.extracted_text)


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
    """Each parsed attendee, matched against the archive as storing will match them (a name
    written with an organisation the archive does not hold yet matches only by an alias);
    nothing is created."""
    organizations = _attendee_organizations(parsed, create=False)
    keys = [_attendee_key(attendee, organizations) for attendee in parsed.attendees]
    known = people_known(keys)
    previews = []
    for attendee, key in zip(parsed.attendees, keys, strict=True):
        person = known.get(key)
        similar: tuple[Person, ...] = ()
        if person is not None:
            match = "matched"
        else:
            similar = people_similar(attendee.name)
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


def _attendee_organizations(
    parsed: ParsedMinutes, *, create: bool
) -> dict[str, Organization | None]:
    """The organisation of each affiliation written, looked up once per document: created
    on first sight when `create` (storing), else None for one the archive does not hold
    yet (the preview). A blank affiliation is no organisation, and not in the answer."""
    organizations: dict[str, Organization | None] = {}
    for attendee in parsed.attendees:
        affiliation = attendee.affiliation
        if affiliation and fold_whitespace(affiliation) and affiliation not in organizations:
            name = affiliation
            if _party_or_title(parsed, affiliation):
                name = parsed.organization
            organizations[affiliation] = (
                organization_get_or_create(name=name) if create
                else Organization.objects.resolve(name)
            )
    return organizations


def _party_or_title(parsed: ParsedMinutes, affiliation: str) -> bool:
    """Whether an attendee of a municipal protokoll is written with a party ("S", "KD") or a
    job title ("planarkitekt") rather than an organisation.

    The members and officials of a protokoll belong to the organisation whose protokoll it
    is: they are people of that organisation (the party or title stays in the attendance as
    written), and no organisation is made of "SD" or "kommunsekreterare". An affiliation
    the archive holds as an organisation, or that names one (a municipality, a region, an
    agency, a company), stays that organisation.
    """
    if not (parsed.body and parsed.organization and fold_whitespace(parsed.organization)):
        return False
    return (
        Organization.objects.resolve(affiliation) is None
        and municipality_of(affiliation) is None
        and organization_kind_guess(affiliation) == Organization.Kind.OTHER
    )


def _attendee_key(
    attendee: ParsedAttendee, organizations: dict[str, Organization | None]
) -> PersonKey:
    affiliation = attendee.affiliation or ""
    if affiliation not in organizations:
        return attendee.name, None
    organization = organizations[affiliation]
    return attendee.name, organization.pk if organization is not None else ORGANIZATION_NOT_STORED


# --- store ------------------------------------------------------------------------------


def minutes_ingest(
    *,
    data: bytes,
    filename: str,
    body_name: str | None = None,
    added_by=None,
    parsed: ParsedMinutes | None = None,
) -> IngestResult:
    """Archive one minutes document: checksum, parse, then store everything at once.

    Not atomic itself: parsing runs outside any transaction (it may take a minute),
    and only the storing is one transaction. `parsed` is the document's parse when the
    caller has it already (from `minutes_parse`); the checksum is still checked first.
    """
    sha256 = minutes_checksum(data)
    existing = minutes_find_duplicate(sha256=sha256)
    if existing is not None:
        return _duplicate(existing)

    if parsed is None:
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
        files_remove(written)
        # Someone else archived the same file while we were parsing.
        existing = minutes_find_duplicate(sha256=sha256)
        if existing is not None:
            return _duplicate(existing)
        raise IngestError(_("The minutes could not be stored in the archive.")) from error
    except (DatabaseError, OSError) as error:
        files_remove(written)
        raise IngestError(_("The minutes could not be stored in the archive.")) from error
    except BaseException:
        files_remove(written)
        raise
    return IngestResult(meeting=meeting, source=source, created=True, duplicate=False)


def _duplicate(source: SourceDocument) -> IngestResult:
    meeting = getattr(source, "meeting", None)
    return IngestResult(meeting=meeting, source=source, created=False, duplicate=True)


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
    source = _source_for_import(
        data=data, filename=filename, sha256=sha256, added_by=added_by, written=written
    )
    with reversion.create_revision():
        reversion.set_user(added_by)
        reversion.set_comment(_("Imported from %(name)s.") % {"name": source.original_name})
        source_record_parse(source=source, parsed=parsed, status=Status.IMPORTED,
                            user=added_by)
        meeting = meeting_create(source=source, parsed=parsed, body_name=body_name)
    return source, meeting


def body_for_name(name: str | None, *, organization: Organization | None) -> Body | None:
    """The body called `name` of the meeting's `organization`, created on first use; None
    for no name. A meeting of no known organisation gets a body of the default one
    (municipalities.models.DEFAULT_BODY_ORGANIZATION)."""
    if not name or not fold_whitespace(name):
        return None
    if organization is None:
        organization = organization_get_or_create(name=DEFAULT_BODY_ORGANIZATION)
    body, _created = Body.objects.get_or_create(
        organization=organization, name=fold_whitespace(name)[:200]
    )
    return body


def meeting_create(
    *,
    source: SourceDocument,
    parsed: ParsedMinutes,
    body_name: str | None,
    facts: dict | None = None,
    people: Sequence[int | str | None] = (),
) -> Meeting:
    """The meeting, attendances, items and decisions a parse found, with `facts` (the
    meeting's own fields, as corrected by a person) taking precedence. Call inside a
    transaction (and a reversion revision, so the history shows who imported it).

    `people` is the person a secretary chose for each attendee in the preview, in order: a
    Person id, "new" (a new person even when one of that name exists), or None (matched or
    created as usual)."""
    values = {**_meeting_facts(parsed), **(facts or {})}
    _meeting_dates_check(values)
    # None: nobody said which body met, so the document's own (a protokoll names it), else
    # the title's (parsing.body_of); "" is "no body".
    if body_name is None:
        body_name = parsed.body or body_of(values["title"])
    body = body_for_name(body_name, organization=values["organization"])
    meeting = Meeting.objects.create(body=body, source=source, **values)
    _meeting_contents_create(
        meeting=meeting, parsed=parsed, known=_people_chosen(parsed=parsed, people=people)
    )
    meetings_changed.send(sender=Meeting, meeting_ids=[meeting.pk])
    return meeting


def _people_chosen(
    *, parsed: ParsedMinutes, people: Sequence[int | str | None]
) -> dict[tuple[str, str], Person]:
    """The `known` mapping of _attendances_create for the people chosen in the preview: a
    chosen person that is gone meanwhile (merged away) falls back to matching."""
    chosen = list(zip(parsed.attendees, people, strict=False))
    if not any(choice is not None for _attendee, choice in chosen):
        return {}
    ids = {choice for _attendee, choice in chosen if isinstance(choice, int)}
    existing = Person.objects.in_bulk(ids)
    organizations = _attendee_organizations(parsed, create=True)
    known: dict[tuple[str, str], Person] = {}
    for attendee, choice in chosen:
        person = existing.get(choice) if isinstance(choice, int) else None
        if choice == "new":
            _name, organization_id = _attendee_key(attendee, organizations)
            person = Person.objects.create(
                full_name=fold_whitespace(attendee.name)[:200], organization_id=organization_id
            )
        if person is not None:
            known[_written_key(attendee.name, attendee.affiliation)] = person
    return known


def _aware(value: dt.datetime | dt.date | None) -> dt.datetime | None:
    if not isinstance(value, dt.datetime):
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=MINUTES_TIMEZONE)
    return value


def _meeting_facts(parsed: ParsedMinutes) -> dict:
    """The meeting's own fields as the parser gives them (the body comes from the caller)."""
    start = parsed.start
    organization = None
    if parsed.organization and fold_whitespace(parsed.organization):
        organization = organization_get_or_create(name=parsed.organization)
    return {
        "title": (parsed.title or "")[:300],
        "start": _aware(start),
        "start_date": start.date() if isinstance(start, dt.datetime) else start,
        "end": _aware(parsed.end),
        "place": (parsed.place or "")[:300],
        "organization": organization,
    }


def _meeting_dates_check(values: dict) -> None:
    """Refuse dates no meeting can have, whoever gave them, before the database does.

    The parser leaves such dates empty with a warning; a caller's own facts or parse may
    still hold one (year 1 was stored once, and every page showing it answered 500).
    """
    for field in ("start_date", "start", "end"):
        try:
            validate_meeting_date(values.get(field))
        except ValidationError as error:
            raise IngestError(error.messages[0]) from error


def _meeting_contents_create(
    *, meeting: Meeting, parsed: ParsedMinutes, known: dict[tuple[str, str], Person] | None = None
) -> None:
    people = _attendances_create(meeting=meeting, parsed=parsed, known=known or {})
    _agenda_create(meeting=meeting, parsed=parsed, people=people)
    meeting.secretary = (
        _person_for_role(name=parsed.secretary, people=people) if parsed.secretary else None
    )
    meeting.save(update_fields=["secretary", "updated_at"])
    meeting.adjusters.set(
        [_person_for_role(name=name, people=people) for name in parsed.adjusters]
    )


def _written_key(name: str, affiliation: str | None) -> tuple[str, str]:
    return normalize_name(name), normalize_name(affiliation or "")


def _attendances_create(
    *, meeting: Meeting, parsed: ParsedMinutes, known: dict[tuple[str, str], Person]
) -> list[tuple[str, Person]]:
    """Attendances in the order written; returns (name as written, person) per attendee.

    `known` maps a name and affiliation as written to the person a previous parse of the
    same meeting linked them to (after any correction by an administrator); the others
    are matched, or created, by municipalities.services.people_resolve.
    """
    organizations = _attendee_organizations(parsed, create=True)
    keys = [_attendee_key(attendee, organizations) for attendee in parsed.attendees]
    matched = people_resolve(
        [key for key, attendee in zip(keys, parsed.attendees, strict=True)
         if _written_key(attendee.name, attendee.affiliation) not in known]
    )
    people: list[tuple[str, Person]] = []
    seen: set[int] = set()
    attendances = []
    for order, (attendee, key) in enumerate(zip(parsed.attendees, keys, strict=True)):
        person = known.get(_written_key(attendee.name, attendee.affiliation)) or matched[key]
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
                organization=organizations.get(attendee.affiliation or ""),
                status=attendee.status,
                role=attendee.role or "",
                items=list(attendee.items) if attendee.items is not None else None,
                order=order,
            )
        )
    Attendance.objects.bulk_create(attendances)
    if reversion.is_active():
        # bulk_create sends no post_save, which is how reversion sees other saves.
        for attendance in attendances:
            reversion.add_to_revision(attendance)
    return people


def _person_for_role(*, name: str, people: list[tuple[str, Person]]) -> Person:
    """The secretary or an adjuster: the attendee of that name, else whoever the name (of no
    organisation) refers to."""
    wanted = normalize_name(name)
    for written, person in people:
        if normalize_name(written) == wanted:
            return person
    return person_resolve(name, None)


def _agenda_create(
    *, meeting: Meeting, parsed: ParsedMinutes, people: list[tuple[str, Person]]
) -> None:
    """The items in one insert; the apps above store what hangs on them (minutes.signals)."""
    items = AgendaItem.objects.bulk_create([
        AgendaItem(
            meeting=meeting,
            number=parsed_item.number[:20],
            title=parsed_item.title[:500],
            text=parsed_item.text,
            order=item_order,
            case_number=case_number_clean(parsed_item.case_number),
            sent_to=[
                " ".join(recipient.split())[:300]
                for recipient in parsed_item.sent_to if recipient.strip()
            ],
        )
        for item_order, parsed_item in enumerate(parsed.items)
    ])
    if reversion.is_active():
        # bulk_create sends no post_save, which is how reversion sees other saves.
        for item in items:
            reversion.add_to_revision(item)
    items_stored.send(
        sender=Meeting, meeting=meeting, items=items, parsed_items=parsed.items, people=people
    )


# --- re-parse ---------------------------------------------------------------------------


def minutes_reparse(*, source: SourceDocument, user=None) -> Meeting:
    """Run the current parser over an archived original and replace what parsing made.

    The meeting keeps its row (and so its address); its items, decisions and attendances
    are recreated in one transaction. People are matched as in ingest, and a name written
    as before goes to the person its attendance pointed at, so corrections made by an
    administrator (a rename, a merge) survive. Person rows are never deleted. When the
    original cannot be read or parsed, nothing changes and IngestError says why.
    """
    if source.status != Status.IMPORTED:
        raise IngestError(_("Only an imported original can be parsed again."))
    parsed = minutes_parse(data=minutes_original(source=source), filename=source.original_name)
    try:
        return _minutes_replace(source=source, parsed=parsed, user=user)
    except Meeting.DoesNotExist as error:
        raise IngestError(_("The original has no meeting in the archive.")) from error
    except DatabaseError as error:
        raise IngestError(_("The minutes could not be stored in the archive.")) from error


@transaction.atomic
def _minutes_replace(
    *, source: SourceDocument, parsed: ParsedMinutes, user=None
) -> Meeting:
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(
            _("Parsed again from %(name)s.") % {"name": source.original_name}
        )
        return _minutes_replace_contents(source=source, parsed=parsed)


def _minutes_replace_contents(*, source: SourceDocument, parsed: ParsedMinutes) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(source=source)
    meeting_contents_replace(meeting=meeting, parsed=parsed)
    source_record_parse(source=source, parsed=parsed, status=Status.IMPORTED)
    return meeting


def meeting_contents_replace(*, meeting: Meeting, parsed: ParsedMinutes) -> None:
    """Make the (locked) meeting's facts, attendances, items and decisions those of `parsed`,
    keeping its row, its body and the person each name as written pointed at; then tell the
    search index. Call inside a transaction (and a reversion revision); raises IngestError
    for dates no meeting can have, before anything is written."""
    values = _meeting_facts(parsed)
    _meeting_dates_check(values)
    known = {
        _written_key(attendance.name_as_written, attendance.affiliation_as_written): (
            attendance.person
        )
        for attendance in meeting.attendances.select_related("person")
    }
    # Items take their decisions with them (CASCADE); people stay.
    meeting.items.all().delete()
    meeting.attendances.all().delete()
    meeting.adjusters.clear()
    for field, value in values.items():
        setattr(meeting, field, value)
    meeting.save()
    _meeting_contents_create(meeting=meeting, parsed=parsed, known=known)
    meetings_changed.send(sender=Meeting, meeting_ids=[meeting.pk])
