"""Reading an imported original again ("Läs om" on its meeting's page) without losing the
corrections made to its meeting.

    reread_request(source=source, user=user)       # queued: minutes.tasks.reparse_imported
    # a worker parses it in the sandbox: reread_store keeps the new reading (or why it failed)
    comparison = reread_comparison(meeting)         # what changed (minutes/reread_compare.py)
    reread_apply(meeting=meeting, token=comparison.token, take={...}, user=user)
    reread_cancel(source=source, user=user)         # or drop the new reading

The new reading waits in SourceDocument.reparsed, as {"state": "queued"}, then
{"state": "done", "reading": <parsing.to_dict>, "parser_version", "text"} or
{"state": "failed", "error", "error_code"}. Applying stores the merged record in one
transaction and revision (minutes.services.meeting_contents_replace: the meeting row and the
people its names point at stay); the new reading then becomes `parsed`, the reading the
record was made from, and `reparsed` is cleared.
"""

from __future__ import annotations

from collections.abc import Collection

import reversion
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from minutes.models import Meeting, SourceDocument
from minutes.reading import meeting_reading, reading_parsed
from minutes.reread_compare import Comparison, reading_compare
from minutes.services import IngestError, meeting_contents_replace
from minutes.tasks import reread_queue
from parsing import PARSER_VERSION, ParsedMinutes, to_dict

Status = SourceDocument.Status
QUEUED, DONE, FAILED = "queued", "done", "failed"


def reread_state(source: SourceDocument) -> str:
    """"" (none asked for), "queued", "done" or "failed"."""
    state = source.reparsed
    if isinstance(state, dict) and state.get("state") in (QUEUED, DONE, FAILED):
        return state["state"]
    return ""


@transaction.atomic
def reread_request(*, source: SourceDocument, user) -> SourceDocument:
    """Queue a new reading of an imported original; a reading waiting already is replaced."""
    locked = SourceDocument.objects.select_for_update().get(pk=source.pk)
    if locked.status != Status.IMPORTED or not Meeting.objects.filter(source=locked).exists():
        raise IngestError(_("Only the original of an imported meeting can be read again."))
    if locked.file_removed_at is not None or not locked.file:
        raise IngestError(_("The stored original is missing, so it cannot be read again."))
    locked.reparsed = {
        "state": QUEUED,
        "requested_at": timezone.now().isoformat(),
        "requested_by": getattr(user, "pk", None),
    }
    locked.save(update_fields=["reparsed"])
    reread_queue(locked)
    return locked


@transaction.atomic
def reread_store(
    *, source_id: int, parsed: ParsedMinutes | None = None, failure: IngestError | None = None
) -> str:
    """Keep what the worker read (or why it could not), unless the reading was cancelled
    meanwhile. Returns what became of it, for the worker's log."""
    source = SourceDocument.objects.select_for_update().filter(pk=source_id).first()
    if source is None or source.status != Status.IMPORTED or reread_state(source) != QUEUED:
        return "dropped"
    if parsed is None:
        source.reparsed = {"state": FAILED, "error": str(failure),
                           "error_code": getattr(failure, "code", "")}
        outcome = "failed"
    else:
        source.reparsed = {
            "state": DONE,
            "reading": to_dict(parsed, parser_version=PARSER_VERSION),
            "parser_version": PARSER_VERSION,
            "text": parsed.text,
            "read_at": timezone.now().isoformat(),
        }
        outcome = "read"
    source.save(update_fields=["reparsed"])
    return outcome


def reread_comparison(meeting: Meeting) -> Comparison | None:
    """What the waiting new reading changes against the record; None before it is read."""
    source = meeting.source
    if reread_state(source) != DONE:
        return None
    return reading_compare(
        record=meeting_reading(meeting), old=source.parsed, new=source.reparsed["reading"]
    )


@transaction.atomic
def reread_apply(*, meeting: Meeting, token: str, take: Collection[str], user) -> Comparison:
    """Store the new reading as the comparison the secretary saw merges it, with the new
    reading taken for the corrections named in `take`. Refused with IngestError, changing
    nothing, when there is no reading to apply (applied or cancelled already) or the record
    or the reading changed since she saw them (`token`)."""
    source = SourceDocument.objects.select_for_update().get(pk=meeting.source_id)
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if reread_state(source) != DONE:
        raise IngestError(_("There is no new reading to apply: it was applied or cancelled "
                            "already. Nothing was changed."))
    state = source.reparsed
    comparison = reading_compare(record=meeting_reading(locked), old=source.parsed,
                                 new=state["reading"])
    if token != comparison.token:
        raise IngestError(_("The meeting or its new reading changed after the changes were "
                            "shown. Nothing was changed; check the changes again."))
    taken = set(take) & {change.key for change in comparison.corrections}
    parsed = reading_parsed(comparison.merged(taken), text=state.get("text") or "")
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(_reread_comment(source, state, comparison, taken))
        try:
            with transaction.atomic():
                meeting_contents_replace(meeting=locked, parsed=parsed)
        except IntegrityError as error:
            raise IngestError(_("The chosen result cannot be stored (two agenda items would "
                                "have the same number). Nothing was changed.")) from error
        except DatabaseError as error:
            raise IngestError(_("The minutes could not be stored in the archive.")) from error
        reading = state["reading"]
        source.parsed = reading
        source.parser_version = str(state.get("parser_version") or "")[:20]
        source.warnings = list(reading.get("warning_details") or [])
        source.extracted_text = state.get("text") or ""
        source.reparsed = None
        source.save(update_fields=["parsed", "parser_version", "warnings", "extracted_text",
                                   "reparsed"])
    return comparison


def _reread_comment(source, state, comparison: Comparison, taken: set[str]) -> str:
    kept = len(comparison.corrections) - len(taken)
    return ngettext(
        "Read again from %(name)s (parser %(version)s); %(kept)d hand correction kept.",
        "Read again from %(name)s (parser %(version)s); %(kept)d hand corrections kept.",
        kept,
    ) % {"name": source.original_name, "version": state.get("parser_version") or "",
         "kept": kept}


@transaction.atomic
def reread_cancel(*, source: SourceDocument, user) -> None:
    """Drop the new reading (or the request for one); harmless when there is none. A worker
    reading it meanwhile drops what it read."""
    locked = SourceDocument.objects.select_for_update().get(pk=source.pk)
    if locked.reparsed is not None:
        locked.reparsed = None
        locked.save(update_fields=["reparsed"])
