"""The search page: agenda items matching a query, filtered, counted, exported, followed."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.querystring import query_with
from decisions.exports import decisions_csv_response
from decisions.feeds import QueryFeed, meeting_time
from decisions.models import Decision
from minutes.models import AgendaItem
from minutes.templatetags.archive import item_anchor
from search.charts import hits_label, year_bar_chart
from search.facets import (
    CountedPaginator,
    choices_from_facets,
    count_limit,
    facet_list,
    valid_params,
)
from search.filters import ItemFilter
from search.register import feed_url
from search.results import (
    NEWEST,
    OLDEST,
    RELEVANCE,
    ItemSearch,
    add_highlights,
    search_decisions,
    search_reordered,
    with_snippets,
)
from search.results import search_items as run_item_search

SORT_CHOICES = (
    (RELEVANCE, gettext_lazy("Best match")),
    (NEWEST, gettext_lazy("Newest first")),
    (OLDEST, gettext_lazy("Oldest first")),
)


def item_search(params: QueryDict, *, sort: str | None = None) -> tuple[ItemFilter, ItemSearch]:
    """The filter form for `params` and the items matching its query among those it allows."""
    filterset = ItemFilter(params, queryset=AgendaItem.objects.all())
    found = run_item_search(filterset.qs, params.get("q", ""), sort=sort or chosen_sort(params))
    return filterset, found


def chosen_sort(params: QueryDict) -> str:
    sort = params.get("sort", RELEVANCE)
    return sort if sort in dict(SORT_CHOICES) else RELEVANCE


def item_url(item: AgendaItem) -> str:
    return f"{reverse('minutes:meeting-detail', args=[item.meeting_id])}#{item_anchor(item)}"


def search(request: HttpRequest) -> HttpResponse:
    filterset, found = item_search(request.GET)
    output = request.GET.get("format")
    if output == "csv":
        return decisions_csv_response(request, matching_decisions(request.GET, found),
                                      limit=count_limit(), filename="sokresultat-beslut.csv")
    facets, capped = [], False
    if not found.searched:
        count = 0
    elif output == "json":
        # Counted as far as the page counts, no further (search.facets).
        limit = count_limit()
        count = found.matches[:limit + 1].count()
        count, capped = min(count, limit), count > limit
    else:
        # One query gives the count and the facets; beyond a limit only "more than" and the
        # first rows (search.facets).
        facets = facet_list(found.matches, filterset)
        count, capped = facets.total, facets.capped
    choices_from_facets(filterset.form, facets)
    # Ranking reads every hit's vector: beyond a limit the hits come newest first instead,
    # and the page says so. Narrowing the search brings back the order by best match.
    rank_limit = settings.SEARCH_RANK_LIMIT
    ranking_capped = found.sort == RELEVANCE and (capped or count > rank_limit)
    if ranking_capped:
        found = search_reordered(found, NEWEST)
    paginator = CountedPaginator(
        with_snippets(found.queryset.select_related("meeting__body"), found),
        settings.SEARCH_RESULTS_PER_PAGE,
        count,
    )
    page = paginator.get_page(request.GET.get("page"))
    items = list(page.object_list)
    add_highlights(items, found)
    for item in items:
        for decision in item.matching_decisions:
            decision.item = item  # its anchor needs the item: no query per decision
    if output == "json":
        return JsonResponse(json_page(count, items, capped=capped),
                            json_dumps_params={"ensure_ascii": False})
    return render(request, "search/search.html", {
        "q": request.GET.get("q", ""),
        "sort": chosen_sort(request.GET),
        "sort_choices": SORT_CHOICES,
        "form": filterset.form,
        "found": found,
        "ranking_capped": ranking_capped,
        "rank_limit": rank_limit,
        "count_capped": capped,
        "page_obj": page,
        "items": items,
        "facets": facets,
        "chart": _chart(facets, filterset),
        "csv_url": query_with(request.GET, "format", "csv"),
        "json_url": query_with(request.GET, "format", "json"),
        "feed_url": feed_url(request, "search:search-feed"),
    })


def matching_decisions(params: QueryDict, found: ItemSearch):
    """The decisions of the matching items that match the query themselves, newest first."""
    decisions = Decision.objects.filter(item__in=found.matches)
    return search_decisions(decisions, params.get("q", ""), sort=NEWEST).queryset


def json_page(count: int, items: list[AgendaItem], *, capped: bool = False) -> dict:
    """The result page as `?format=json` gives it, in rank order (README, "Search as JSON").

    `count_capped` true: there are more than `count` hits, which were not counted. Fields
    hold plain text as written, except those named `html` or `..._html`: escaped HTML whose
    only tags are <mark> around the matched words.
    """
    return {
        "count": count,
        "count_capped": capped,
        "results": [
            {
                "meeting": {
                    "id": item.meeting_id,
                    "title": item.meeting.title,
                    "date": item.meeting.start_date.isoformat() if item.meeting.start_date
                    else None,
                    "body": item.meeting.body.name if item.meeting.body else None,
                },
                "item": {"number": item.number, "title": item.title,
                         "case_number": item.case_number or None},
                "decisions": [
                    {"text": d.text, "html": str(d.highlighted)} for d in item.matching_decisions
                ],
                "url": item_url(item),
                "snippet": item.snippet_plain,
                "snippet_html": str(item.snippet),
            }
            for item in items
        ],
    }


def _chart(facets, filterset: ItemFilter):
    year = next((f for f in facets if f.name == "year"), None)
    if year is None or not year.values:
        return ""
    return year_bar_chart(
        [(int(v.value), v.count) for v in year.values],
        href=lambda y: query_with(valid_params(filterset), "year", y),
        active=getattr(filterset.form, "cleaned_data", {}).get("year"),
        caption=_("Hits per year"),
        describe=hits_label,
    )


class SearchFeed(QueryFeed):
    """A saved search as an Atom feed: the newest matching agenda items."""

    def item_title(self, item: AgendaItem) -> str:
        return f"{item.number}. {item.title}" if item.title else str(item)

    def item_link(self, item: AgendaItem) -> str:
        return item_url(item)

    def item_pubdate(self, item: AgendaItem):
        return meeting_time(item.meeting)

    def item_updateddate(self, item: AgendaItem):
        return item.meeting.updated_at

    def item_description(self, item: AgendaItem) -> str:
        meeting = item.meeting
        where = meeting.body.name if meeting.body else (meeting.title or "")
        # A feed reader reads the summary as HTML: our text is escaped.
        return escape(f"{meeting.start_date or ''} {where}".strip())


def search_feed_rows(request: HttpRequest):
    return item_search(request.GET, sort=NEWEST)[1].queryset.select_related("meeting__body")
