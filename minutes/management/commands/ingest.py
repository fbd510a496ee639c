"""`manage.py ingest PATH...`: archive minutes documents from files, folders and globs."""

from __future__ import annotations

import glob
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from minutes.services import (
    IngestError,
    minutes_checksum,
    minutes_find_duplicate,
    minutes_ingest,
    minutes_parse,
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
    help = "Archive minutes documents (.txt, .pdf, .docx) from files, folders and glob patterns."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "paths", nargs="+", metavar="PATH",
            help="Files, folders (searched recursively) or glob patterns such as 'in/**/*.pdf'.",
        )
        parser.add_argument(
            "--body", metavar="NAME",
            help="Name of the meeting body the minutes belong to (created if new).",
        )
        parser.add_argument(
            "--dry-run", action="store_true",
            help="Parse and report each document, but store nothing.",
        )

    def handle(self, *args, **options) -> None:
        paths = expand_paths(options["paths"])
        if not paths:
            raise CommandError(_("The given paths contain no .txt, .pdf or .docx files."))
        verbosity = options["verbosity"]
        counts = {"ok": 0, "duplicate": 0, "failed": 0}
        for path in paths:
            outcome = self._one(path, body_name=options["body"], dry_run=options["dry_run"],
                                verbosity=verbosity)
            counts[outcome] += 1
        if options["dry_run"]:
            summary = _("Dry run, nothing stored: %(ok)d readable, %(duplicate)d already "
                        "archived, %(failed)d failed.") % counts
        else:
            summary = _(
                "%(ok)d stored, %(duplicate)d already archived, %(failed)d failed."
            ) % counts
        if verbosity >= 1 or counts["failed"]:
            self.stdout.write(summary)
        if counts["failed"]:
            raise SystemExit(1)

    def _one(self, path: Path, *, body_name: str | None, dry_run: bool, verbosity: int) -> str:
        try:
            data = path.read_bytes()
            if dry_run:
                if minutes_find_duplicate(sha256=minutes_checksum(data)) is not None:
                    return self._duplicate(path, verbosity)
                parsed = minutes_parse(data=data, filename=path.name)
                attendees, items = len(parsed.attendees), len(parsed.items)
            else:
                result = minutes_ingest(data=data, filename=path.name, body_name=body_name)
                if result.duplicate:
                    return self._duplicate(path, verbosity)
                attendees = result.meeting.attendances.count()
                items = result.meeting.items.count()
        except OSError:
            return self._failed(path, _("The file cannot be opened."))
        except IngestError as error:
            return self._failed(path, str(error))
        if verbosity >= 1:
            self.stdout.write(
                _("OK %(name)s: %(attendees)s, %(items)s")
                % {
                    "name": path,
                    "attendees": ngettext("%(count)d attendee", "%(count)d attendees",
                                          attendees) % {"count": attendees},
                    "items": ngettext("%(count)d item", "%(count)d items", items)
                    % {"count": items},
                }
            )
        return "ok"

    def _duplicate(self, path: Path, verbosity: int) -> str:
        if verbosity >= 1:
            self.stdout.write(_("ALREADY ARCHIVED %(name)s") % {"name": path})
        return "duplicate"

    def _failed(self, path: Path, reason: str) -> str:
        self.stderr.write(_("ERROR %(name)s: %(reason)s") % {"name": path, "reason": reason})
        return "failed"
