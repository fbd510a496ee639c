"""Deleting the files of discarded uploads once their retention period is over.

A discarded upload (one that never became a meeting) keeps its file for
MINUTES_DISCARDED_RETENTION_DAYS, so that a mistaken discard can be undone; then its original
and OCR version are deleted, and its record stays: what was uploaded, by whom, who discarded
it and when, and when the file was removed. The task queue runs it hourly
(`minutes.tasks.discarded_purge`), and so do `manage.py purge_discarded` and `make run`;
running it again removes nothing more.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from minutes.models import Meeting, SourceDocument
from minutes.original_pages import original_pages_delete

logger = logging.getLogger(__name__)

Status = SourceDocument.Status


@dataclass
class PurgeResult:
    removed: list[SourceDocument] = field(default_factory=list)
    # Uploads whose files could not be deleted (they are tried again next time), with why.
    failed: list[tuple[SourceDocument, str]] = field(default_factory=list)


def discarded_purge_cutoff(*, now: dt.datetime | None = None) -> dt.datetime:
    """Uploads discarded before this moment have had their retention period."""
    days = settings.MINUTES_DISCARDED_RETENTION_DAYS
    return (now or timezone.now()) - dt.timedelta(days=days)


def discarded_file_kept_until(source: SourceDocument) -> dt.datetime | None:
    """When the purge may remove a discarded upload's file; None for any other upload."""
    if source.status != Status.DISCARDED or source.file_removed_at is not None:
        return None
    return source.status_changed_at + dt.timedelta(
        days=settings.MINUTES_DISCARDED_RETENTION_DAYS)


def discarded_files_purge(
    *, now: dt.datetime | None = None, limit: int | None = None, dry_run: bool = False
) -> PurgeResult:
    """Delete the files of uploads discarded longer ago than the retention period.

    Each upload is locked and checked again before its files go, so one taken back meanwhile
    (uploaded again, or read again) keeps them. With `dry_run`, only say which would go.
    """
    now = now or timezone.now()
    cutoff = discarded_purge_cutoff(now=now)
    due = (
        SourceDocument.objects.filter(
            status=Status.DISCARDED, file_removed_at__isnull=True, status_changed_at__lt=cutoff
        )
        .order_by("status_changed_at", "pk")
        .defer("extracted_text", "parsed")
    )
    if limit is not None:
        due = due[:limit]
    result = PurgeResult()
    for source in due:
        if dry_run:
            result.removed.append(source)
            continue
        try:
            purged = _source_files_remove(pk=source.pk, cutoff=cutoff, now=now)
        except OSError as error:
            logger.warning("Could not remove the files of discarded upload %s: %s",
                           source.pk, error)
            result.failed.append((source, str(error)))
            continue
        if purged is not None:
            result.removed.append(purged)
    return result


@transaction.atomic
def _source_files_remove(
    *, pk: int, cutoff: dt.datetime, now: dt.datetime
) -> SourceDocument | None:
    # Skip a row someone holds (an upload of the same bytes taking it over): not due now.
    locked = (
        SourceDocument.objects.select_for_update(skip_locked=True)
        .filter(pk=pk, status=Status.DISCARDED, file_removed_at__isnull=True,
                status_changed_at__lt=cutoff)
        .first()
    )
    if locked is None or Meeting.objects.filter(source=locked).exists():
        return None
    for stored in (locked.file, locked.ocr_file):
        if stored.name:
            # Deleting a file that is already gone is no error: a rolled-back purge may
            # have deleted it, and this one finishes the job.
            stored.storage.delete(stored.name)
    # The page images drawn for the preview (minutes/original_pages.py) are copies too.
    original_pages_delete(source=locked)
    locked.file.name = ""
    locked.ocr_file.name = ""
    locked.pages = []
    # The text and parse are copies of the file's contents: they go with it.
    locked.extracted_text = ""
    locked.parsed = None
    locked.warnings = []
    locked.file_removed_at = now
    locked.save(update_fields=["file", "ocr_file", "extracted_text", "parsed", "warnings",
                               "pages", "file_removed_at"])
    return locked
