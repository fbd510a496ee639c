"""The decision register: every decision, newest first, filtered, counted, exported."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from decisions.filters import DecisionFilter, decisions_newest_first
from decisions.models import Decision
from minutes.charts import year_bar_chart
from minutes.facets import (
    CountedPaginator,
    choices_from_facets,
    count_limit,
    facet_list,
    query_with,
    valid_params,
)
from minutes.templatetags.archive import decision_anchor, grouped

DECISIONS_PER_PAGE = 25
CSV_CHUNK = 2000
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def register_decisions(params: QueryDict) -> tuple[DecisionFilter, QuerySet[Decision]]:
    """The register's filter form for `params` and the decisions it lets through, newest first.

    Filter values the form rejects are left out; the others still apply.
    """
    filterset = DecisionFilter(params, queryset=Decision.objects.all())
    return filterset, decisions_newest_first(filterset.qs).select_related("item__meeting__body")


def decision_url(decision: Decision) -> str:
    """The decision on its meeting's page: "/moten/7/#beslut-3-1"."""
    meeting_url = reverse("minutes:meeting-detail", args=[decision.item.meeting_id])
    return f"{meeting_url}#{decision_anchor(decision)}"


def decision_register(request: HttpRequest) -> HttpResponse:
    filterset, decisions = register_decisions(request.GET)
    if request.GET.get("format") == "csv":
        return decisions_csv_response(request, decisions)
    # One query gives the count and the facets.
    facets = facet_list(filterset.qs, filterset)
    choices_from_facets(filterset.form, facets)
    page = CountedPaginator(
        decisions.prefetch_related("assigned"), DECISIONS_PER_PAGE, facets.total
    ).get_page(request.GET.get("page"))
    year = next(f for f in facets if f.name == "year")
    chart = year_bar_chart(
        [(int(v.value), v.count) for v in year.values],
        href=lambda y: query_with(valid_params(filterset), "year", y),
        active=filterset.form.cleaned_data.get("year"),
        caption=_("Decisions per year"),
        describe=decisions_label,
    ) if year.values else ""
    return render(
        request,
        "decisions/register.html",
        {
            "filterset": filterset,
            "form": filterset.form,
            "page_obj": page,
            "decisions": page.object_list,
            "facets": facets,
            "count_capped": facets.capped,
            "search_message": filterset.search.message if filterset.search else None,
            "chart": chart,
            "csv_url": query_with(request.GET, "format", "csv"),
            "feed_url": feed_url(request, "decisions:feed"),
        },
    )


def feed_url(request: HttpRequest, name: str) -> str:
    """The URL of the feed `name` for the list this request shows: same filters, no page."""
    return (reverse(name) + query_with(request.GET, "format", None)).removesuffix("?")


def decisions_label(year: int, count: int) -> str:
    """A bar of the register's chart: "2019: 12 beslut"."""
    return ngettext("%(year)s: %(count)s decision", "%(year)s: %(count)s decisions", count) % {
        "year": year,
        "count": count,
    }


def csv_cell(value: object) -> str:
    """`value` as a spreadsheet shows it, never run as a formula: "=1+1" gives "'=1+1"."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class _Echo:
    """A file that hands back what is written to it, so csv.writer can feed a stream."""

    def write(self, value: str) -> str:
        return value


def decision_csv_rows(
    request: HttpRequest, decisions: Iterable[Decision], *, limit: int | None = None
) -> Iterator[str]:
    """The lines of the CSV file, starting with a byte order mark so Excel reads UTF-8.

    With `limit`, at most that many decisions; when `decisions` holds more, a last line says
    that the file stops there.
    """
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(
        [_("Date"), _("Body"), _("Item"), _("Decision"), _("Sub-heading"), _("Link")]
    )
    for index, decision in enumerate(decisions):
        if index == limit:
            yield writer.writerow([csv_cell(
                _("More decisions match: this file holds the first %(limit)s. Filter by year, "
                  "body or words to export the rest.") % {"limit": grouped(limit)}
            )])
            return
        meeting = decision.item.meeting
        row = [
            meeting.start_date.isoformat() if meeting.start_date else "",
            meeting.body.name if meeting.body else "",
            str(decision.item),
            decision.text,
            decision.heading,
            request.build_absolute_uri(decision_url(decision)),
        ]
        yield writer.writerow([csv_cell(cell) for cell in row])


def decisions_csv_response(
    request: HttpRequest, decisions: QuerySet[Decision], *, filename: str = "beslut.csv"
) -> StreamingHttpResponse:
    """The decisions in `decisions` (not one page) as a CSV file, streamed as it is read.

    At most as many as a list pages through (FACET_COUNT_LIMIT, minutes.facets): a file of
    every decision in a large archive would hold a web worker for minutes.
    """
    limit = count_limit()
    rows = decisions.select_related("item__meeting__body")[: limit + 1].iterator(
        chunk_size=CSV_CHUNK
    )
    response = StreamingHttpResponse(
        decision_csv_rows(request, rows, limit=limit), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
