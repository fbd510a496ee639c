"""The decision register: every decision, newest first, filtered, counted, exported."""

from __future__ import annotations

from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from config.querystring import query_with
from decisions.exports import decisions_csv_response
from decisions.models import Decision
from search.charts import year_bar_chart
from search.facets import (
    CountedPaginator,
    choices_from_facets,
    count_limit,
    facet_list,
    valid_params,
)
from search.feed_tokens import TOKEN_PARAMETER, feed_token_for
from search.filters import DecisionFilter

DECISIONS_PER_PAGE = 25


def register_decisions(params: QueryDict) -> tuple[DecisionFilter, QuerySet[Decision]]:
    """The register's filter form for `params` and the decisions it lets through, newest first.

    Filter values the form rejects are left out; the others still apply.
    """
    filterset = DecisionFilter(params, queryset=Decision.objects.all())
    return filterset, decisions_newest_first(filterset.qs).select_related("item__meeting__body")


def decisions_newest_first(queryset: QuerySet[Decision]) -> QuerySet[Decision]:
    """Newest meeting first; within a meeting, in the order of the minutes."""
    return queryset.order_by(
        F("meeting_date").desc(nulls_last=True),
        F("meeting_start").desc(nulls_last=True),
        F("meeting_id").desc(),
        "item__order",
        "order",
    )


def decision_register(request: HttpRequest) -> HttpResponse:
    filterset, decisions = register_decisions(request.GET)
    if request.GET.get("format") == "csv":
        return decisions_csv_response(request, decisions, limit=count_limit())
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
        "search/register.html",
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
            "feed_url": feed_url(request, "search:register-feed"),
        },
    )


def feed_url(request: HttpRequest, name: str) -> str:
    """The URL of the feed `name` for the list this request shows: same filters, no page,
    and the signed-in user's feed token, so a feed reader can follow it without a session
    (search/feed_tokens.py)."""
    params = request.GET.copy()
    params.pop(TOKEN_PARAMETER, None)
    token = feed_token_for(request.user)
    if token is not None:
        params[TOKEN_PARAMETER] = token
    return (reverse(name) + query_with(params, "format", None)).removesuffix("?")


def decisions_label(year: int, count: int) -> str:
    """A bar of the register's chart: "2019: 12 beslut"."""
    return ngettext("%(year)s: %(count)s decision", "%(year)s: %(count)s decisions", count) % {
        "year": year,
        "count": count,
    }


def register_feed_rows(request: HttpRequest) -> QuerySet[Decision]:
    """The register's feed: the decisions the register shows for the same query string."""
    return register_decisions(request.GET)[1]
