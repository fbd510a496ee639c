"""`manage.py ingest PATH...`: archive minutes documents from files, folders and globs.

`manage.py ingest --reparse [PATH...]` runs the current parser again over archived originals.
With `--jobs N`, N worker processes (each with its own database connection and its own
long-lived sandboxed parser) take the documents in turn; the report stays in input order.
"""

from __future__ import annotations

import contextlib
import glob
import multiprocessing
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from minutes.messages import warning_messages
from minutes.models import SourceDocument
from minutes.services import (
    IngestError,
    minutes_checksum,
    minutes_find_duplicate,
    minutes_ingest,
    minutes_ocr_mode,
    minutes_original,
    minutes_parse,
    minutes_parse_pool,
    minutes_reparse,
)
from parsing import ParseWarning, warning_to_dict
from parsing.isolation import MODES as OCR_MODES

SUFFIXES = frozenset({".txt", ".pdf", ".docx"})
_GLOB_CHARACTERS = frozenset("*?[")
# Documents handed to each worker ahead of its answers, so that none waits for the next.
_QUEUE_PER_WORKER = 2


def expand_paths(patterns: list[str]) -> list[Path]:
    """Every document the arguments name, in order, each once.

    Raises CommandError for an argument that names nothing.
    """
    found: dict[Path, None] = {}
    for pattern in patterns:
        if _GLOB_CHARACTERS & set(pattern):
            matches = [Path(p) for p in sorted(glob.glob(pattern, recursive=True))]
        else:
            matches = [Path(pattern)] if Path(pattern).exists() else []
        documents: list[Path] = []
        for match in matches:
            if match.is_dir():
                documents.extend(sorted(
                    p for p in match.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                ))
            elif match.is_file():
                documents.append(match)
        if not matches:
            raise CommandError(_("%(path)s matches no file or folder.") % {"path": pattern})
        for document in documents:
            found.setdefault(document, None)
    return list(found)


@dataclass(frozen=True)
class Task:
    """One document to archive (`path`) or to parse again (`path` or `source_id`)."""

    name: str  # as the report names it
    path: Path | None = None
    source_id: int | None = None


# What a task came to: ("ok", attendees, items, notes), ("duplicate",) or ("failed", reason).
Outcome = tuple


def date_notes(warnings: Iterable[ParseWarning | Mapping[str, Any]]) -> list[str]:
    """In Swedish, the dates the parser left empty because no meeting can have them (year 1,
    3000): the meeting is archived without its date, which a person must then give."""
    found = [warning_to_dict(w) if isinstance(w, ParseWarning) else w for w in warnings]
    return warning_messages(
        w for w in found
        if w.get("code") == "date" and (w.get("params") or {}).get("kind") == "out_of_range"
    )


class Command(BaseCommand):
    help = (
        "Archive minutes documents (.txt, .pdf, .docx) from files, folders and glob patterns; "
        "with --reparse, parse archived originals again."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "paths", nargs="*", metavar="PATH",
            help="Files, folders (searched recursively) or glob patterns such as 'in/**/*.pdf'. "
                 "Required unless --reparse is given.",
        )
        parser.add_argument(
            "--body", metavar="NAME",
            help="Name of the meeting body the minutes belong to, in each meeting's "
                 "organisation (created if new). Without it, each meeting gets the body its "
                 "title names, if any (for example 'Ledningsgruppen').",
        )
        parser.add_argument(
            "--dry-run", action="store_true",
            help="Parse and report each document, but store nothing.",
        )
        parser.add_argument(
            "--reparse", action="store_true",
            help="Run the current parser again over the archived originals and replace the "
                 "items, decisions and attendances it made (meetings and people are kept). "
                 "Without PATH: every imported original. With PATHs: only the originals "
                 "those files are copies of (matched by checksum); a file that is not in "
                 "the archive is an error.",
        )
        parser.add_argument(
            "--ocr", choices=OCR_MODES, default=None,
            help="Read scanned PDFs by OCR: 'auto' when a PDF has no text layer or a garbage "
                 "one, 'always' for every PDF, 'never' (default: the MINUTES_OCR setting, "
                 "'auto' unless changed).",
        )
        parser.add_argument(
            "--jobs", type=int, default=1, metavar="N",
            help="Documents handled at once, each by a worker process with its own database "
                 "connection and parser (default 1; 0: one per processor core).",
        )

    def handle(self, *args, **options) -> None:
        self.verbosity = options["verbosity"]
        self._progress_shown = False
        self.body_name = options["body"]
        self.dry_run = options["dry_run"]
        self.reparse = options["reparse"]
        self.ocr_mode = options["ocr"]
        jobs = options["jobs"]
        if jobs < 0:
            raise CommandError(_("--jobs must be 0 or more."))
        jobs = jobs or os.cpu_count() or 1
        if self.reparse:
            if self.body_name:
                raise CommandError(_("--body cannot be combined with --reparse."))
            tasks = self._reparse_tasks(options["paths"])
            if not tasks:
                if self.verbosity >= 1:
                    self.stdout.write(_("The archive holds no imported minutes to parse again."))
                return
        else:
            if not options["paths"]:
                raise CommandError(_("Give at least one PATH, or --reparse."))
            paths = expand_paths(options["paths"])
            if not paths:
                raise CommandError(_("The given paths contain no .txt, .pdf or .docx files."))
            tasks = [Task(str(path), path=path) for path in paths]
        counts = {"ok": 0, "duplicate": 0, "failed": 0}
        outcomes = self._run_here(tasks) if jobs == 1 else self._run_in_workers(tasks, jobs)
        for task, outcome in outcomes:
            counts[self._report(task, outcome)] += 1
        self._progress_clear()
        self._summarise(counts)

    def _summarise(self, counts: dict[str, int]) -> None:
        if self.reparse and self.dry_run:
            summary = _("Dry run, nothing stored: %(ok)d readable, %(failed)d failed.") % counts
        elif self.reparse:
            summary = _("%(ok)d parsed again, %(failed)d failed.") % counts
        elif self.dry_run:
            summary = _("Dry run, nothing stored: %(ok)d readable, %(duplicate)d already "
                        "archived, %(failed)d failed.") % counts
        else:
            summary = _(
                "%(ok)d stored, %(duplicate)d already archived, %(failed)d failed."
            ) % counts
        if self.verbosity >= 1 or counts["failed"]:
            self.stdout.write(summary)
        if counts["failed"]:
            raise SystemExit(1)

    # --- one document ---------------------------------------------------------------------

    def execute_task(self, task: Task, data: bytes | None = None) -> Outcome:
        """Archive or parse again one document; `data` is the file's bytes when read already."""
        if self.reparse:
            return self._reparse_task(task)
        try:
            if data is None:
                data = task.path.read_bytes()
            if self.dry_run:
                if minutes_find_duplicate(sha256=minutes_checksum(data)) is not None:
                    return ("duplicate",)
                parsed = minutes_parse(data=data, filename=task.path.name)
                return ("ok", len(parsed.attendees), len(parsed.items), date_notes(parsed.warnings))
            result = minutes_ingest(data=data, filename=task.path.name, body_name=self.body_name)
        except OSError:
            return ("failed", _("The file cannot be opened."))
        except IngestError as error:
            return ("failed", str(error))
        if result.duplicate:
            return ("duplicate",)
        return ("ok", result.meeting.attendances.count(), result.meeting.items.count(),
                date_notes(result.source.warnings))

    def _reparse_task(self, task: Task) -> Outcome:
        if task.source_id is not None:
            source = SourceDocument.objects.filter(pk=task.source_id).first()
            if source is None:
                return ("failed", _("The file is not in the archive."))
        else:
            try:
                source = minutes_find_duplicate(sha256=minutes_checksum(task.path.read_bytes()))
            except OSError:
                return ("failed", _("The file cannot be opened."))
            if source is None:
                return ("failed", _("The file is not in the archive."))
        try:
            if self.dry_run:
                data = minutes_original(source=source)
                parsed = minutes_parse(data=data, filename=source.original_name)
                return ("ok", len(parsed.attendees), len(parsed.items), date_notes(parsed.warnings))
            meeting = minutes_reparse(source=source)
        except IngestError as error:
            return ("failed", str(error))
        return ("ok", meeting.attendances.count(), meeting.items.count(),
                date_notes(meeting.source.warnings))

    def _reparse_tasks(self, patterns: list[str]) -> list[Task]:
        if patterns:
            return [Task(str(path), path=path) for path in expand_paths(patterns)]
        sources = (
            SourceDocument.objects.filter(
                status=SourceDocument.Status.IMPORTED, meeting__isnull=False
            )
            .order_by("added_at", "pk")
            .values_list("pk", "original_name")
        )
        return [Task(name, source_id=pk) for pk, name in sources]

    # --- running the tasks ----------------------------------------------------------------

    def _run_here(self, tasks: list[Task]) -> Iterator[tuple[Task, Outcome]]:
        """One after another in this process, with one long-lived parse worker."""
        with minutes_ocr_mode(self.ocr_mode), minutes_parse_pool():
            for index, task in enumerate(tasks, start=1):
                self._progress(index, len(tasks), task)
                yield task, self.execute_task(task)

    def _run_in_workers(self, tasks: list[Task], jobs: int) -> Iterator[tuple[Task, Outcome]]:
        """In `jobs` worker processes; outcomes come back in the order of `tasks`.

        A document is never handed out while another with the same bytes is still being
        handled, so that the second finds the first archived (as one after the other would).
        """
        keys, early = _task_keys(tasks)
        runner = _Workers(self, min(jobs, len(tasks)))
        done: dict[int, Outcome] = dict(early)
        waiting = [index for index in range(len(tasks)) if index not in done]
        in_flight: set[str] = set()
        shown = 0
        try:
            while shown < len(tasks):
                for index in list(waiting):
                    if not runner.has_room():
                        break
                    if keys[index] in in_flight:
                        continue
                    waiting.remove(index)
                    in_flight.add(keys[index])
                    runner.send(index, tasks[index], keys[index])
                for index, outcome in runner.receive():
                    done[index] = outcome
                    in_flight.discard(keys[index])
                while shown in done:
                    shown += 1
                    self._progress(shown, len(tasks), tasks[shown - 1])
                    yield tasks[shown - 1], done.pop(shown - 1)
        finally:
            runner.stop()

    # --- the report -----------------------------------------------------------------------

    def _report(self, task: Task, outcome: Outcome) -> str:
        status = outcome[0]
        if status == "ok":
            for note in outcome[3]:
                self._progress_clear()
                self.stderr.write(_("WARNING %(name)s: %(message)s") % {"name": task.name,
                                                                        "message": note})
            return self._ok(task.name, outcome[1], outcome[2])
        if status == "duplicate":
            if self.verbosity >= 1:
                self._progress_clear()
                self.stdout.write(_("ALREADY ARCHIVED %(name)s") % {"name": task.name})
            return "duplicate"
        self._progress_clear()
        self.stderr.write(_("ERROR %(name)s: %(reason)s") % {"name": task.name,
                                                             "reason": outcome[1]})
        return "failed"

    def _progress(self, index: int, total: int, task: Task) -> None:
        """One line on a terminal, rewritten for each document; nothing otherwise."""
        if self.verbosity < 1 or not self.stdout.isatty():
            return
        name = task.path.name if task.path else task.name
        # \r back to the start of the line, ESC[K clears what a longer name left behind.
        self.stdout.write(f"\r[{index}/{total}] {name}\x1b[K", ending="")
        self.stdout.flush()
        self._progress_shown = True

    def _progress_clear(self) -> None:
        if self._progress_shown:
            self.stdout.write("\r\x1b[K", ending="")
            self.stdout.flush()
            self._progress_shown = False

    def _ok(self, name: str, attendees: int, items: int) -> str:
        if self.verbosity >= 1:
            self._progress_clear()
            self.stdout.write(
                _("OK %(name)s: %(attendees)s, %(items)s")
                % {
                    "name": name,
                    "attendees": ngettext("%(count)d attendee", "%(count)d attendees",
                                          attendees) % {"count": attendees},
                    "items": ngettext("%(count)d item", "%(count)d items", items)
                    % {"count": items},
                }
            )
        return "ok"


def _task_keys(tasks: list[Task]) -> tuple[list[str], dict[int, Outcome]]:
    """What tells two tasks apart (a file's checksum, or an original's id), and the
    outcome of each task whose file cannot be read."""
    keys: list[str] = []
    failed: dict[int, Outcome] = {}
    for index, task in enumerate(tasks):
        if task.path is None:
            keys.append(f"source {task.source_id}")
            continue
        try:
            keys.append(minutes_checksum(task.path.read_bytes()))
        except OSError:
            keys.append(f"unreadable {index}")
            failed[index] = ("failed", _("The file cannot be opened."))
    return keys, failed


class _Workers:
    """Worker processes forked from the command, each taking tasks over a pipe."""

    def __init__(self, command: Command, count: int) -> None:
        # A forked child must not share the parent's database connection: close it, and
        # each side opens its own when it next needs one.
        connections.close_all()
        context = multiprocessing.get_context("fork")
        self.pipes: list[Connection] = []
        self.processes = []
        self.queued: dict[Connection, int] = {}
        for _number in range(count):
            ours, theirs = context.Pipe()
            process = context.Process(target=_work, args=(command, theirs), daemon=True)
            process.start()
            theirs.close()
            self.pipes.append(ours)
            self.processes.append(process)
            self.queued[ours] = 0

    def has_room(self) -> bool:
        return any(n < _QUEUE_PER_WORKER for n in self.queued.values())

    def send(self, index: int, task: Task, key: str) -> None:
        pipe = min(self.pipes, key=lambda p: self.queued[p])
        self.queued[pipe] += 1
        pipe.send((index, task))

    def receive(self) -> list[tuple[int, Outcome]]:
        answers = []
        for pipe in wait([p for p in self.pipes if self.queued[p]]):
            try:
                index, outcome = pipe.recv()
            except EOFError as error:
                raise CommandError(_("A worker process stopped unexpectedly.")) from error
            self.queued[pipe] -= 1
            answers.append((index, outcome))
        return answers

    def stop(self) -> None:
        for pipe in self.pipes:
            with contextlib.suppress(OSError):  # a worker that is gone needs no goodbye
                pipe.send(None)
        for process in self.processes:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
                process.join()


# Database connections a forked worker found open in its parent: kept referenced, never used
# or closed here (closing would end the parent's session on the shared socket).
_INHERITED: list[object] = []


def _forget_inherited_connections() -> None:
    """Give a forked worker database connections of its own.

    The parent closes its connections before forking, but one inside a transaction (an
    ingest called from code that holds one) stays open, and a child using it would
    interleave its queries with the parent's on one socket.
    """
    for alias in connections:
        _INHERITED.append(connections[alias])
        connections[alias] = connections.create_connection(alias)


def _work(command: Command, pipe: Connection) -> None:
    """A worker process: its own parse worker and database connection, tasks in turn."""
    _forget_inherited_connections()
    try:
        with minutes_ocr_mode(command.ocr_mode), minutes_parse_pool():
            while (message := pipe.recv()) is not None:
                index, task = message
                pipe.send((index, command.execute_task(task)))
    except (EOFError, KeyboardInterrupt):
        pass  # the command has gone, or was interrupted: stop quietly
    finally:
        connections.close_all()
