"""`manage.py search_timing`: p50/p95 of the search page on the archive as it is."""

from __future__ import annotations

import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from minutes.models import AgendaItem

QUERIES = (
    "tvärförbindelsen", "tvarforbindelse", "bostad", "station", "Sundbon", "beslut",
    '"nationell plan"', "elvägar OR brandförsvar", "Södertörnsmodellen -Vinnova", "Haninge",
)


class Command(BaseCommand):
    help = (
        "Time the search page (view, database and template) for a fixed set of queries on "
        "the data in the database, and print p50/p95 per query and overall."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--rounds", type=int, default=20,
                            help="How often each query is run (default 20).")

    def handle(self, *args, **options) -> None:
        if not AgendaItem.objects.exists():
            raise CommandError("The archive is empty: run `make run` (or ingest) first.")
        rounds = max(1, options["rounds"])
        client = Client()
        every: list[float] = []
        self.stdout.write(f"{'query':32} {'hits':>5} {'p50 ms':>8} {'p95 ms':>8} {'SQL':>4}")
        # Read as anyone may where reading is open: timing the page, not signing in.
        with override_settings(ALLOWED_HOSTS=["testserver"], ARCHIVE_PUBLIC_READ=True):
            for query in QUERIES:
                client.get("/search/", {"q": query})  # warm up
                times = []
                for _ in range(rounds):
                    started = time.perf_counter()
                    response = client.get("/search/", {"q": query})
                    times.append((time.perf_counter() - started) * 1000)
                with CaptureQueriesContext(connection) as captured:
                    client.get("/search/", {"q": query})
                queries = len(captured.captured_queries)
                every.extend(times)
                hits = client.get("/search/", {"q": query, "format": "json"}).json()["count"]
                self.stdout.write(f"{query:32} {hits:5d} {_p(times, 50):8.1f} "
                                  f"{_p(times, 95):8.1f} {queries:4d}")
                if response.status_code != 200:
                    raise CommandError(f"{query!r} answered {response.status_code}")
        self.stdout.write(f"{'all':32} {'':5} {_p(every, 50):8.1f} {_p(every, 95):8.1f}")


def _p(values: list[float], percent: int) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[percent - 1]
