"""The task queue's jobs for minutes: reading an uploaded original, and keeping the queue
honest (docs/queue.md).

The queue is Procrastinate on the archive's own PostgreSQL: `manage.py procrastinate worker`
runs the jobs (`make run` starts one beside the web server; more workers on more machines
share the same tables). An upload is stored at once and queued (`parse_queue`); a worker
reads it (`parse_upload`: queued -> parsing -> pending or failed). The same original is never
read twice at once: its job carries the lock "source-<pk>", and a second request to queue it
while one waits is refused by the queueing lock "parse-<pk>".

A worker that dies mid-parse (killed, its machine restarted) stops sending heartbeats;
`imports_recover`, run every minute (QUEUE_RECOVER_CRON) by any worker, queues its job
again, and an original whose reading was started QUEUE_PARSE_ATTEMPTS times is marked failed
with why. An upload left queued or parsing with no job at all (its job deleted by hand) is
queued again, so none stays "parsing" forever.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from procrastinate import exceptions as procrastinate_exceptions
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob

from minutes.models import SourceDocument
from minutes.services import (
    IngestError,
    minutes_original,
    minutes_parse,
    minutes_parse_using,
    ocr_limits,
    source_record_failure,
    source_record_parse,
    source_status_set,
)
from minutes.upload_purge import discarded_files_purge
from parsing.isolation import ParsePool

logger = logging.getLogger(__name__)

Status = SourceDocument.Status
PARSE_QUEUE = "parse"
WAITING = (Status.QUEUED, Status.PARSING)


def _lock(source_id: int) -> str:
    return f"source-{source_id}"


def _queueing_lock(source_id: int) -> str:
    return f"parse-{source_id}"


def parse_queue(source: SourceDocument) -> None:
    """Queue the reading of a queued original; harmless when its job is waiting already.

    Inside a transaction the job is queued with it (Procrastinate writes through Django's
    connection), so a rolled-back upload leaves no job behind.
    """
    # The savepoint keeps a refused insert (queued already) from breaking the caller's
    # transaction.
    with contextlib.suppress(procrastinate_exceptions.AlreadyEnqueued), transaction.atomic():
        parse_upload.configure(
            lock=_lock(source.pk), queueing_lock=_queueing_lock(source.pk)
        ).defer(source_id=source.pk)


@app.task(name="minutes.parse_upload", queue=PARSE_QUEUE)
def parse_upload(source_id: int) -> str:
    """Read one queued original in the sandbox and keep what it found (or why it failed).

    Returns what became of it, for the worker's log.
    """
    with transaction.atomic():
        source = SourceDocument.objects.select_for_update().filter(pk=source_id).first()
        if source is None or source.status not in WAITING:
            # Discarded, imported or read meanwhile: nothing left to do.
            return "skipped"
        user = source.status_changed_by
        if source.parse_attempts >= settings.QUEUE_PARSE_ATTEMPTS:
            source_record_failure(source=source, failure=_gave_up(source), user=user)
            return "gave up"
        source.parse_attempts += 1
        source_status_set(source, Status.PARSING, user=user, fields=["parse_attempts"])
    try:
        with minutes_parse_using(_parse_pool()):
            parsed = minutes_parse(data=minutes_original(source=source),
                                   filename=source.original_name)
    except IngestError as failure:
        with transaction.atomic():
            locked = _still_parsing(source_id)
            if locked is not None:
                source_record_failure(source=locked, failure=failure, user=user)
        return "failed"
    pages = _pages_render(source, parsed)
    with transaction.atomic():
        locked = _still_parsing(source_id)
        if locked is None:
            return "dropped"
        locked.pages = pages
        locked.parse_attempts = 0
        locked.save(update_fields=["pages", "parse_attempts"])
        source_record_parse(source=locked, parsed=parsed, status=Status.PENDING, user=user)
    return "parsed"


# Each of a worker's threads keeps one sandboxed parse process (parsing/isolation/pool.py)
# for the files it reads: starting a fresh interpreter for each cost 1-2 s a file, more than
# reading a text file takes. The pool is made again when the limits it was made with change.
_thread = threading.local()


def _parse_pool() -> ParsePool:
    limits = (settings.MINUTES_PARSE_TIMEOUT, settings.MINUTES_PARSE_MEMORY_MB, ocr_limits())
    pool = getattr(_thread, "pool", None)
    if pool is None or _thread.limits != limits:
        if pool is not None:
            pool.close()
        timeout, memory_mb, ocr = limits
        _thread.pool = pool = ParsePool(1, timeout=timeout, memory_mb=memory_mb, ocr=ocr)
        _thread.limits = limits
    return pool


def _pages_render(source: SourceDocument, parsed) -> list:
    """The original's pages as images for the preview (minutes/original_pages.py)."""
    from minutes.original_pages import original_pages_render

    try:
        return original_pages_render(source=source, parsed=parsed)
    except Exception:  # noqa: BLE001 (the preview shows the text instead; the parse stands)
        logger.exception("The pages of %s could not be rendered", source.pk)
        return []


def _still_parsing(source_id: int) -> SourceDocument | None:
    """The original, locked, if it is still being read by this job (not discarded, imported
    or given up meanwhile)."""
    source = SourceDocument.objects.select_for_update().filter(pk=source_id).first()
    if source is None or source.status != Status.PARSING:
        return None
    return source


def _gave_up(source: SourceDocument) -> IngestError:
    return IngestError(
        _(
            "Reading the file was started %(count)d times and stopped each time before it "
            "finished (a worker was stopped or its server restarted). The original is kept: "
            "read it again, or ask an administrator to look at the task queue."
        ) % {"count": source.parse_attempts},
        code="interrupted",
    )


# --- keeping the queue honest -------------------------------------------------------------


@app.periodic(cron=settings.QUEUE_RECOVER_CRON, periodic_id="imports_recover")
@app.task(name="minutes.imports_recover", queue=PARSE_QUEUE, queueing_lock="imports-recover")
async def imports_recover(timestamp: int) -> dict:
    """Queue again the jobs of dead workers, and the uploads waiting with no job at all."""
    stalled = await app.job_manager.get_stalled_jobs(
        seconds_since_heartbeat=settings.QUEUE_STALLED_SECONDS
    )
    retried = 0
    for job in stalled:
        await app.job_manager.retry_job(job)
        retried += 1
    requeued = await sync_to_async(imports_requeue_orphans)()
    return {"retried": retried, "requeued": requeued}


def imports_requeue_orphans() -> int:
    """Uploads queued or parsing for a while whose job is gone: queue them again (a source
    whose status says parsing goes back to queued, counted as an attempt)."""
    cutoff = timezone.now() - dt.timedelta(seconds=settings.QUEUE_STALLED_SECONDS)
    waiting = list(
        SourceDocument.objects.filter(status__in=WAITING, status_changed_at__lt=cutoff)
        .values_list("pk", flat=True)
    )
    if not waiting:
        return 0
    live = set(
        ProcrastinateJob.objects.filter(
            status__in=["todo", "doing"], lock__in=[_lock(pk) for pk in waiting]
        ).values_list("lock", flat=True)
    )
    requeued = 0
    for pk in waiting:
        if _lock(pk) in live:
            continue
        with transaction.atomic():
            source = SourceDocument.objects.select_for_update().filter(pk=pk).first()
            if source is None or source.status not in WAITING:
                continue
            if source.status == Status.PARSING:
                source_status_set(source, Status.QUEUED, user=source.status_changed_by)
            parse_queue(source)
        requeued += 1
    return requeued


@app.periodic(cron="17 * * * *", periodic_id="discarded_purge")
@app.task(name="minutes.discarded_purge", queueing_lock="discarded-purge")
def discarded_purge(timestamp: int) -> int:
    """Every hour: delete the files of uploads discarded longer ago than the retention
    period (minutes/upload_purge.py); the records stay."""
    return len(discarded_files_purge().removed)


# --- reading an imported original again ---------------------------------------------------


def reread_queue(source: SourceDocument) -> None:
    """Queue a new reading of an imported original (minutes/rereads.py); harmless when its
    job is waiting already. It shares the original's lock with `parse_upload`."""
    # The savepoint keeps the refused insert from breaking the caller's transaction.
    with contextlib.suppress(procrastinate_exceptions.AlreadyEnqueued), transaction.atomic():
        reparse_imported.configure(
            lock=_lock(source.pk), queueing_lock=f"reread-{source.pk}"
        ).defer(source_id=source.pk)


@app.task(name="minutes.reparse_imported", queue=PARSE_QUEUE)
def reparse_imported(source_id: int) -> str:
    """Read an imported original again in the sandbox and keep the new reading beside the
    record (SourceDocument.reparsed), or why it failed, for a secretary to compare."""
    from minutes.rereads import QUEUED, reread_state, reread_store

    source = SourceDocument.objects.filter(pk=source_id).first()
    if source is None or reread_state(source) != QUEUED:
        return "skipped"  # cancelled, or read already
    try:
        with minutes_parse_using(_parse_pool()):
            parsed = minutes_parse(data=minutes_original(source=source),
                                   filename=source.original_name)
    except IngestError as failure:
        return reread_store(source_id=source_id, failure=failure)
    return reread_store(source_id=source_id, parsed=parsed)
