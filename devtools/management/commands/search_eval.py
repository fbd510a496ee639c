"""`manage.py search_eval`: recall and rank of the first right answer on the search query set.

Builds a throwaway database, archives the query set's corpus into it through ingest, runs
every query at every matching layer (a: PostgreSQL's `swedish`, b: + accents folded,
c: + compounds, d: + typos) and prints a table. The database is dropped afterwards; the
one the project uses is not touched.
"""

from __future__ import annotations

import tempfile
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection
from django.test.utils import override_settings

from devtools.search_eval import evaluate, format_table
from search.tsquery import Stage

STAGES = {"a": Stage.PLAIN, "b": Stage.UNACCENT, "c": Stage.COMPOUNDS, "d": Stage.TYPOS}


class Command(BaseCommand):
    help = (
        "Measure search on the query set of tests/search/query_set.py in a throwaway "
        "database: per query and matching layer, the right answers found and the rank of "
        "the first one."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--stage", action="append", choices=sorted(STAGES), dest="stages",
            help="Measure only this layer (a: swedish, b: +unaccent, c: +compounds, "
                 "d: +typos); repeat for several. Default: all four.",
        )

    def handle(self, *args, **options) -> None:
        # The query set lives with the tests: it is test material, not part of the site.
        from tests.search import query_set

        try:
            query_set.seed_paths()
        except FileNotFoundError as error:
            raise CommandError(f"The seed minutes are missing: {error}") from error
        stages = [STAGES[name] for name in sorted(set(options["stages"] or STAGES))]
        started = time.perf_counter()
        outcomes = self._in_throwaway_database(lambda: self._measure(query_set, stages))
        self.stdout.write(format_table(outcomes))
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"{len(query_set.QUERY_SET)} queries, {len(stages)} layers, "
                f"{time.perf_counter() - started:.1f} s"
            )

    def _measure(self, query_set, stages: list[Stage]):
        keys = query_set.ingest_corpus()
        return evaluate(
            query_set.QUERY_SET,
            key=lambda item: (keys.get(item.meeting_id), item.number),
            stages=stages,
        )

    def _in_throwaway_database(self, work):
        creation = connection.creation
        test_settings = connection.settings_dict.setdefault("TEST", {})
        old_name, old_test_name = connection.settings_dict["NAME"], test_settings.get("NAME")
        test_settings["NAME"] = f"{old_name}_search_eval"
        try:
            with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
                creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
                try:
                    return work()
                finally:
                    creation.destroy_test_db(old_name, verbosity=0)
        except DatabaseError as error:
            raise CommandError(f"The throwaway database failed: {error}") from error
        finally:
            test_settings["NAME"] = old_test_name
