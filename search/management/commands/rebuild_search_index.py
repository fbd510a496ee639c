"""`manage.py rebuild_search_index`: recompute every agenda item's search vector and the
table of stems, in batches, and print how long each part took."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from search.index import search_index_rebuild


class Command(BaseCommand):
    help = (
        "Recompute the search vector of every agenda item in batches, then recount the "
        "stems search expands words to. Search keeps working meanwhile."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--batch-size", type=int, default=20_000, metavar="N",
            help="Agenda item ids per batch; each batch commits on its own (default 20000).",
        )
        parser.add_argument(
            "--jobs", type=int, default=1, metavar="N",
            help="Batches to run at once, each on its own database connection (default 1).",
        )
        parser.add_argument(
            "--recreate-index", action="store_true",
            help="Drop the GIN index first and build it again at the end: faster for a "
                 "large archive, but search is slow until the rebuild ends.",
        )

    def handle(self, *args, **options) -> None:
        if options["batch_size"] < 1:
            raise CommandError(_("--batch-size must be at least 1."))
        if options["jobs"] < 1:
            raise CommandError(_("--jobs must be at least 1."))
        verbosity = options["verbosity"]

        def progress(done: int, total: int) -> None:
            if verbosity >= 2:
                self.stdout.write(_("Batch %(done)d of %(total)d done.")
                                  % {"done": done, "total": total})

        report = search_index_rebuild(
            batch_size=options["batch_size"],
            jobs=options["jobs"],
            recreate_index=options["recreate_index"],
            progress=progress,
        )
        if verbosity >= 1:
            figures = {
                "items": report.items,
                "vectors": report.vectors_seconds,
                "index": report.index_seconds,
                "lexemes": report.lexemes,
                "counted": report.lexemes_seconds,
            }
            self.stdout.write(_("%(items)d agenda items indexed in %(vectors).1f s.") % figures)
            if options["recreate_index"]:
                self.stdout.write(_("Index built again in %(index).1f s.") % figures)
            self.stdout.write(_("%(lexemes)d word stems counted in %(counted).1f s.") % figures)
