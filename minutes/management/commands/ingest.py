"""`manage.py ingest PATH...`: archive minutes documents from files, folders and globs.

`manage.py ingest --reparse [PATH...]` runs the current parser again over archived originals.
"""

from __future__ import annotations

import glob
from collections.abc import Callable
from functools import partial
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from minutes.models import SourceDocument
from minutes.services import (
    IngestError,
    minutes_checksum,
    minutes_find_duplicate,
    minutes_ingest,
    minutes_original,
    minutes_parse,
    minutes_reparse,
)

SUFFIXES = frozenset({".txt", ".pdf", ".docx"})
_GLOB_CHARACTERS = frozenset("*?[")


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
            help="Name of the meeting body the minutes belong to (created if new).",
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

    def handle(self, *args, **options) -> None:
        self.verbosity = options["verbosity"]
        self._progress_shown = False
        dry_run = options["dry_run"]
        if options["reparse"]:
            if options["body"]:
                raise CommandError(_("--body cannot be combined with --reparse."))
            tasks = self._reparse_tasks(options["paths"], dry_run=dry_run)
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
            tasks = [
                (path.name, partial(self._one, path, body_name=options["body"], dry_run=dry_run))
                for path in paths
            ]
        counts = {"ok": 0, "duplicate": 0, "failed": 0}
        for index, (name, task) in enumerate(tasks, start=1):
            self._progress(index, len(tasks), name)
            counts[task()] += 1
        self._progress_clear()
        self._summarise(counts, reparse=options["reparse"], dry_run=dry_run)

    def _summarise(self, counts: dict[str, int], *, reparse: bool, dry_run: bool) -> None:
        if reparse and dry_run:
            summary = _("Dry run, nothing stored: %(ok)d readable, %(failed)d failed.") % counts
        elif reparse:
            summary = _("%(ok)d parsed again, %(failed)d failed.") % counts
        elif dry_run:
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

    def _one(self, path: Path, *, body_name: str | None, dry_run: bool) -> str:
        try:
            data = path.read_bytes()
            if dry_run:
                if minutes_find_duplicate(sha256=minutes_checksum(data)) is not None:
                    return self._duplicate(path)
                parsed = minutes_parse(data=data, filename=path.name)
                attendees, items = len(parsed.attendees), len(parsed.items)
            else:
                result = minutes_ingest(data=data, filename=path.name, body_name=body_name)
                if result.duplicate:
                    return self._duplicate(path)
                attendees = result.meeting.attendances.count()
                items = result.meeting.items.count()
        except OSError:
            return self._failed(path, _("The file cannot be opened."))
        except IngestError as error:
            return self._failed(path, str(error))
        return self._ok(path, attendees, items)

    def _reparse_tasks(
        self, patterns: list[str], *, dry_run: bool
    ) -> list[tuple[str, Callable[[], str]]]:
        if patterns:
            return [
                (path.name, partial(self._reparse_path, path, dry_run=dry_run))
                for path in expand_paths(patterns)
            ]
        sources = (
            SourceDocument.objects.filter(
                status=SourceDocument.Status.IMPORTED, meeting__isnull=False
            )
            .defer("extracted_text")
            .order_by("added_at", "pk")
        )
        return [
            (source.original_name, partial(self._reparse_one, source, source, dry_run=dry_run))
            for source in sources
        ]

    def _reparse_path(self, path: Path, *, dry_run: bool) -> str:
        try:
            source = minutes_find_duplicate(sha256=minutes_checksum(path.read_bytes()))
        except OSError:
            return self._failed(path, _("The file cannot be opened."))
        if source is None:
            return self._failed(path, _("The file is not in the archive."))
        return self._reparse_one(source, path, dry_run=dry_run)

    def _reparse_one(self, source: SourceDocument, name: object, *, dry_run: bool) -> str:
        try:
            if dry_run:
                data = minutes_original(source=source)
                parsed = minutes_parse(data=data, filename=source.original_name)
                attendees, items = len(parsed.attendees), len(parsed.items)
            else:
                meeting = minutes_reparse(source=source)
                attendees, items = meeting.attendances.count(), meeting.items.count()
        except IngestError as error:
            return self._failed(name, str(error))
        return self._ok(name, attendees, items)

    def _progress(self, index: int, total: int, name: str) -> None:
        """One line on a terminal, rewritten for each document; nothing otherwise."""
        if self.verbosity < 1 or not self.stdout.isatty():
            return
        # \r back to the start of the line, ESC[K clears what a longer name left behind.
        self.stdout.write(f"\r[{index}/{total}] {name}\x1b[K", ending="")
        self.stdout.flush()
        self._progress_shown = True

    def _progress_clear(self) -> None:
        if self._progress_shown:
            self.stdout.write("\r\x1b[K", ending="")
            self.stdout.flush()
            self._progress_shown = False

    def _ok(self, name: object, attendees: int, items: int) -> str:
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

    def _duplicate(self, path: Path) -> str:
        if self.verbosity >= 1:
            self._progress_clear()
            self.stdout.write(_("ALREADY ARCHIVED %(name)s") % {"name": path})
        return "duplicate"

    def _failed(self, name: object, reason: str) -> str:
        self._progress_clear()
        self.stderr.write(_("ERROR %(name)s: %(reason)s") % {"name": name, "reason": reason})
        return "failed"
