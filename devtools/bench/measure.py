"""Timing pages of the archive in-process: the real views, middleware and templates.

Each page is requested through Django's test client as a signed-in official, once to warm
up and then `rounds` times; the SQL queries of one request are counted beside the time.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Q
from django.test import Client
from django.test.utils import CaptureQueriesContext

from config.roles import OFFICIALS, role_group
from minutes.models import AgendaItem, Meeting
from municipalities.models import Body
from search.models import SearchLexeme
from search.results import search_items

BENCH_USER = "bench-tjansteperson"
# Words of municipal minutes written without å/ä/ö, as people type them on a foreign keyboard.
ASCII_WORDS = ("forskola", "aldreomsorg", "atgard", "overenskommelse", "naringsliv",
               "halsa", "gang", "forslag", "arsredovisning", "detaljplanen")


@dataclass
class Timing:
    name: str
    times_ms: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)

    def percentile(self, share: float) -> float:
        ordered = sorted(self.times_ms)
        if not ordered:
            return 0.0
        index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
        return ordered[index]

    def summary(self) -> dict:
        return {
            "requests": len(self.times_ms),
            "p50_ms": round(self.percentile(0.50), 1),
            "p95_ms": round(self.percentile(0.95), 1),
            "mean_ms": round(statistics.fmean(self.times_ms), 1) if self.times_ms else 0.0,
            "max_queries": max(self.queries, default=0),
        }


def official_client() -> Client:
    user, _created = get_user_model().objects.get_or_create(username=BENCH_USER)
    user.groups.add(role_group(OFFICIALS))
    client = Client()
    client.force_login(user)
    return client


def time_requests(client: Client, urls: Iterable[str], *, rounds: int, timing: Timing) -> Timing:
    """Request every URL once to warm up, then `rounds` times each, interleaved."""
    urls = list(urls)
    for url in urls:
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
    for _round in range(rounds):
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                client.get(url)
                timing.times_ms.append((time.perf_counter() - started) * 1000)
            timing.queries.append(len(queries.captured_queries))
    return timing


def _hits(q: str, **filters) -> int:
    queryset = AgendaItem.objects.all()
    if "year" in filters:
        queryset = queryset.filter(meeting_date__year=filters["year"])
    if "body" in filters:
        queryset = queryset.filter(body_id=filters["body"])
    return search_items(queryset, q).matches.count()


def query_mix(items_total: int) -> dict[str, list[str]]:
    """Search URLs by class, chosen from the archive's own stems by how many items hold them.

    Selective: at most 10,000 hits (and at most 1% of the items, for a small archive).
    Broad: at least 100,000 hits (or 10% of the items, for a small archive).
    """
    selective_max = min(10_000, max(50, items_total // 100))
    broad_min = min(100_000, max(1, items_total // 10))
    words = SearchLexeme.objects.filter(word__regex=r"^[a-z]{5,}$")
    # A word matches its compounds too, so a stem's own count is only a first guess: the
    # class is decided by the hits the search itself finds.
    candidates = list(
        words.filter(items__gte=selective_max // 20, items__lte=selective_max // 2)
        .order_by("-items", "word").values_list("word", flat=True)[:600:20]
    )
    selective = [w for w in candidates if 0 < _hits(w) <= selective_max][:10]
    broad = list(
        words.filter(items__gte=broad_min).order_by("-items", "word")
        .values_list("word", flat=True)[:5]
    )
    phrases = []
    for item in AgendaItem.objects.filter(pk__in=_spread_ids(items_total, 40)).only("title"):
        parts = [w for w in item.title.split() if w.isalpha() and len(w) > 3]
        if len(parts) >= 2:
            phrases.append(f'"{parts[0]} {parts[1]}"')
    phrases = [p for p in phrases if 0 < _hits(p) <= selective_max * 10][:10]
    ascii_words = [w for w in ASCII_WORDS if _hits(w) > 0][:6]
    bodies = list(Body.objects.order_by("pk").values_list("pk", flat=True)[:5])
    year = Meeting.objects.order_by("-start_date").values_list("start_date", flat=True).first()

    def url(q: str, **params) -> str:
        return "/search/?" + urlencode({"q": q, **params})

    mix = {
        "selective": [url(w) for w in selective],
        "broad": [url(w) for w in broad],
        "phrase": [url(p) for p in phrases],
        "no_aao": [url(w) for w in ascii_words],
        "filtered": [url(w, year=year.year - n) for n, w in enumerate(selective[:5])]
        + [url(w, body=b) for w, b in zip(broad[:3], bodies, strict=False)],
        "broad_newest": [url(w, sort="newest") for w in broad[:3]],
    }
    return {name: urls for name, urls in mix.items() if urls}


def _spread_ids(total: int, count: int) -> list[int]:
    first = AgendaItem.objects.order_by("pk").values_list("pk", flat=True).first() or 0
    step = max(1, total // count)
    return [first + n * step for n in range(count)]


def naive_hits(word: str) -> tuple[int, list[int]]:
    """The selective query answered the naive way: icontains over title and text."""
    matches = AgendaItem.objects.filter(Q(title__icontains=word) | Q(text__icontains=word))
    page = list(matches.order_by("-meeting__start_date", "pk").values_list("pk", flat=True)[:20])
    return matches.count(), page


def ours_hits(word: str) -> tuple[int, list[int]]:
    """The same through the archive's search: count and first page."""
    found = search_items(AgendaItem.objects.all(), word)
    page = list(found.queryset.values_list("pk", flat=True)[:20])
    return found.matches.count(), page


def time_calls(function: Callable[[], object], rounds: int) -> list[float]:
    function()
    times = []
    for _round in range(rounds):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times

