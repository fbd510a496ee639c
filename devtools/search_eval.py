"""Measuring search on queries with known right answers, layer by layer (see `Stage`).

For each query and stage: recall (right answers found / right answers) and the rank of the
first right answer in relevance order. Used by `manage.py search_eval` and the tests.

The layers below the archive's own (`Stage.PLAIN`, without the stored vector) are built here,
not in the search the site runs: only the measurement needs them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchVector
from django.db.models import OuterRef, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Concat

from decisions.models import Decision
from minutes.models import AgendaItem
from search.results import ItemSearch, items_matching
from search.syntax import parse_query
from search.tsquery import Stage, compile_query

STAGE_LABELS = {
    Stage.PLAIN: "a swedish",
    Stage.UNACCENT: "b +unaccent",
    Stage.COMPOUNDS: "c +compounds",
    Stage.TYPOS: "d +typos",
}


class Case(Protocol):
    q: str
    expected: frozenset
    kind: str


@dataclass(frozen=True)
class Outcome:
    case: Case
    stage: Stage
    found: int  # right answers among the hits
    hits: int
    first_right: int | None  # 1-based rank of the first right answer

    @property
    def recall(self) -> float:
        return self.found / len(self.case.expected)


@dataclass(frozen=True)
class Totals:
    stage: Stage
    queries: int
    recall: float  # right answers found, over all queries
    complete: int  # queries with every right answer found
    first_at_1: int  # queries whose first hit is a right answer
    mrr: float  # mean reciprocal rank of the first right answer (0 when none)
    found: int  # right answers found
    hits: int  # all hits, right or not


def evaluate(
    cases: Sequence[Case],
    *,
    key: Callable[[AgendaItem], object],
    stages: Iterable[Stage] = tuple(Stage),
) -> list[Outcome]:
    """Run every case at every stage over all agenda items; `key` names an item as the
    cases' answers do."""
    outcomes = []
    for stage in stages:
        for case in cases:
            found = search_items_at(stage, AgendaItem.objects.select_related("meeting"), case.q)
            ranked = [key(item) for item in found.queryset]
            right = [i for i, name in enumerate(ranked, start=1) if name in case.expected]
            outcomes.append(Outcome(case, stage, len(right), len(ranked),
                                    right[0] if right else None))
    return outcomes


def totals(outcomes: Sequence[Outcome]) -> list[Totals]:
    result = []
    for stage in dict.fromkeys(o.stage for o in outcomes):
        rows = [o for o in outcomes if o.stage == stage]
        expected = sum(len(o.case.expected) for o in rows)
        result.append(Totals(
            stage=stage,
            queries=len(rows),
            recall=sum(o.found for o in rows) / expected,
            complete=sum(o.found == len(o.case.expected) for o in rows),
            first_at_1=sum(o.first_right == 1 for o in rows),
            mrr=sum(1 / o.first_right for o in rows if o.first_right) / len(rows),
            found=sum(o.found for o in rows),
            hits=sum(o.hits for o in rows),
        ))
    return result


def format_table(outcomes: Sequence[Outcome]) -> str:
    """One row per query: found/right answers and the first right answer's rank per stage."""
    stages = list(dict.fromkeys(o.stage for o in outcomes))
    cases = list(dict.fromkeys(o.case for o in outcomes))
    cell = {(o.case, o.stage): o for o in outcomes}
    width = max(len(c.q) for c in cases) + 2
    header = f"{'query':<{width}}{'kind':<15}" + "".join(
        f"{STAGE_LABELS[s]:>14}" for s in stages
    )
    lines = [header, "-" * len(header)]
    for case in cases:
        cells = []
        for stage in stages:
            o = cell[case, stage]
            rank = f"#{o.first_right}" if o.first_right else "-"
            cells.append(f"{o.found}/{len(case.expected)} {rank:>3}")
        lines.append(f"{case.q:<{width}}{case.kind:<15}" + "".join(f"{c:>14}" for c in cells))
    lines.append("-" * len(header))
    summary = totals(outcomes)
    for label, value in (
        ("recall", lambda t: f"{t.recall:.2f}"),
        ("all answers found", lambda t: f"{t.complete}/{t.queries}"),
        ("first hit right", lambda t: f"{t.first_at_1}/{t.queries}"),
        ("MRR", lambda t: f"{t.mrr:.2f}"),
        ("wrong hits", lambda t: str(t.hits - t.found)),
    ):
        lines.append(f"{label:<{width + 15}}" + "".join(f"{value(t):>14}" for t in summary))
    lines.append("cells: right answers found/right answers, #rank of the first right answer")
    return "\n".join(lines)


def search_items_at(stage: Stage, queryset: QuerySet, q: str) -> ItemSearch:
    """`search_items` in relevance order with only the matching layers up to `stage`."""
    compiled = compile_query(parse_query(q), stage=stage)
    if stage is Stage.PLAIN:
        # The layer below the stored vector: computed per row, fine for a measurement only.
        queryset = queryset.alias(search_vector_plain=_plain_item_vector())
        return items_matching(queryset, compiled, vector="search_vector_plain")
    return items_matching(queryset, compiled)


def _plain_item_vector() -> SearchVector:
    """The stored vector's weights and texts under PostgreSQL's own `swedish` configuration."""
    config = Stage.PLAIN.config
    decisions = (
        Decision.objects.filter(item=OuterRef("pk"))
        .order_by()
        .values("item")
        .annotate(all=StringAgg(
            Concat("heading", Value(" "), "text", output_field=TextField()), "\n",
            order_by="order",
        ))
        .values("all")
    )
    return (
        SearchVector("title", config=config, weight="A")
        + SearchVector(Subquery(decisions, output_field=TextField()), config=config, weight="B")
        + SearchVector("text", config=config, weight="C")
    )
