"""`manage.py purge_discarded`: delete the files of uploads discarded longer ago than
MINUTES_DISCARDED_RETENTION_DAYS, keeping their records (minutes/upload_purge.py)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from minutes.upload_purge import discarded_files_purge


class Command(BaseCommand):
    help = (
        "Delete the stored files (and OCR versions) of uploads discarded more than "
        "MINUTES_DISCARDED_RETENTION_DAYS days ago. Their records stay, saying when the file "
        "was removed. Safe to run as often as you like."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true",
            help="List the uploads whose files would be deleted, and delete nothing.",
        )

    def handle(self, *args, **options) -> None:
        verbosity, dry_run = options["verbosity"], options["dry_run"]
        result = discarded_files_purge(dry_run=dry_run)
        if verbosity >= 1:
            line = _("Would remove %(name)s (%(sha256)s).") if dry_run else _(
                "Removed %(name)s (%(sha256)s).")
            for source in result.removed:
                self.stdout.write(line % {"name": source.original_name, "sha256": source.sha256})
        for source, reason in result.failed:
            self.stderr.write(
                _("Could not remove %(name)s (%(sha256)s): %(reason)s")
                % {"name": source.original_name, "sha256": source.sha256, "reason": reason}
            )
        if verbosity >= 1:
            count = len(result.removed)
            if dry_run:
                summary = ngettext(
                    "The file of %(count)d discarded upload would be removed.",
                    "The files of %(count)d discarded uploads would be removed.",
                    count,
                )
            else:
                summary = ngettext(
                    "The file of %(count)d discarded upload was removed.",
                    "The files of %(count)d discarded uploads were removed.",
                    count,
                )
            self.stdout.write(summary % {"count": count})
        if result.failed:
            raise SystemExit(1)
