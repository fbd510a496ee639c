"""The search page: agenda items matching a query, filtered, counted, exported, followed."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.db.models import F
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.querystring import query_with
from decisions.exports import decisions_csv_response
from decisions.feeds import QueryFeed, meeting_time
from decisions.models import Decision
from minutes.models import AgendaItem
from minutes.templatetags.archive import item_anchor
from municipalities.directory import bodies_named, people_named
from search.charts import hits_label, year_bar_chart
from search.explain import exact_requested, search_notes
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
    browse_items,
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
    """The filter form for `params` and the items matching its query among those it allows.

    Without words, a person chosen lists that person's items (search.filters.person_appears),
    newest first; without words nor a person nothing is listed.
    """
    filterset = ItemFilter(params, queryset=AgendaItem.objects.all())
    q = params.get("q", "")
    sort = sort or chosen_sort(params)
    if not q.strip() and _person_chosen(filterset):
        return filterset, browse_items(filterset.qs, sort=sort)
    return filterset, run_item_search(filterset.qs, q, sort=sort, exact=exact_requested(params))


def _person_chosen(filterset: ItemFilter) -> bool:
    filterset.is_valid()
    return getattr(filterset.form, "cleaned_data", {}).get("person") is not None


def chosen_sort(params: QueryDict) -> str:
    sort = params.get("sort", RELEVANCE)
    return sort if sort in dict(SORT_CHOICES) else RELEVANCE


def item_url(item: AgendaItem, q: str = "") -> str:
    """The item on its meeting's page; `q` given, the page marks those words."""
    return f"{meeting_url(item.meeting_id, q)}#{item_anchor(item)}"


def meeting_url(meeting_id: int, q: str = "") -> str:
    url = reverse("minutes:meeting-detail", args=[meeting_id])
    return f"{url}?{urlencode({'q': q})}" if q.strip() else url


# People and bodies named like the words, listed above the items: at most this many each.
NAMED_SHOWN = 5


def named_like(found: ItemSearch) -> tuple[list[dict], list[dict]]:
    """People and bodies whose names hold the searched words (typos forgiven), best first,
    each as {"name", "url"}: two queries, none when no words were searched."""
    words = " ".join(t.text for t in found.terms if t.searched and not t.negated)
    if not found.searched or not words:
        return [], []
    people = [
        {"name": p.full_name, "url": reverse("municipalities:person-detail", args=[p.pk]),
         "items_url": f"{reverse('search:search')}?person={p.pk}"}
        for p in people_named(words)[:NAMED_SHOWN]
    ]
    bodies = [
        {"name": b.name, "url": _body_url(b.pk),
         "organization": b.organization.name if b.organization else ""}
        for b in bodies_named(words).select_related("organization")[:NAMED_SHOWN]
    ]
    return people, bodies


def _body_url(pk: int) -> str:
    # The body page is being built apart from search; until it exists, no link.
    try:
        return reverse("municipalities:body-detail", args=[pk])
    except NoReverseMatch:
        return ""


def search(request: HttpRequest) -> HttpResponse:
    filterset, found = item_search(request.GET)
    q = request.GET.get("q", "")
    output = request.GET.get("format")
    if output == "csv":
        return decisions_csv_response(request, matching_decisions(request.GET, found),
                                      limit=count_limit(), filename="sokresultat-beslut.csv")
    facets, capped = [], False
    if not found.listed:
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
        for decision in item.decisions_shown:
            decision.item = item  # its anchor needs the item: no query per decision
    people, bodies = named_like(found)
    if output == "json":
        return JsonResponse(json_page(count, items, capped=capped, q=q, people=people,
                                      bodies=bodies, browsing=found.browsing),
                            json_dumps_params={"ensure_ascii": False})
    return render(request, "search/search.html", {
        "q": q,
        "meeting_query": f"?{urlencode({'q': q})}" if q.strip() else "",
        "sort": found.sort if found.browsing else chosen_sort(request.GET),
        "sort_choices": SORT_CHOICES,
        "form": filterset.form,
        "found": found,
        "notes": search_notes(request.GET, found, items, count),
        "people": people,
        "bodies": bodies,
        "person": getattr(filterset.form, "cleaned_data", {}).get("person"),
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
    """The decisions of the matching items that match the query themselves, newest first;
    all their decisions when the items are listed without words (a person's items)."""
    decisions = Decision.objects.filter(item__in=found.matches)
    if found.browsing:
        return decisions.order_by(F("meeting_date").desc(nulls_last=True), "-meeting_id",
                                  "item__order", "order")
    return search_decisions(decisions, params.get("q", ""), sort=NEWEST,
                            exact=found.exact).queryset


def json_page(count: int, items: list[AgendaItem], *, capped: bool = False, q: str = "",
              people: list[dict] = (), bodies: list[dict] = (), browsing: bool = False) -> dict:
    """The result page as `?format=json` gives it, in rank order (README, "Search as JSON").

    `count_capped` true: there are more than `count` hits, which were not counted. Fields
    hold plain text as written, except those named `html` or `..._html`: escaped HTML whose
    only tags are <mark> around the matched words. `people` and `bodies`: those named like
    the words, with the URL of their page ("" for a body while it has none). `decisions`
    are those matching the words, or all of an item's when items are listed without words.
    """
    return {
        "count": count,
        "count_capped": capped,
        "people": [{"name": p["name"], "url": p["url"]} for p in people],
        "bodies": [{"name": b["name"], "url": b["url"]} for b in bodies],
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
                    {"text": d.text, "html": str(d.highlighted)}
                    for d in (item.decisions_shown if browsing else item.matching_decisions)
                ],
                "url": item_url(item, q),
                "snippet": item.snippet_plain,
                "snippet_html": str(item.snippet),
            }
            for item in items
        ],
    }


def _chart(facets, filterset: ItemFilter):
    year = next((f for f in facets if f.name == "year"), None)
    if year is None or not year.values or year.uniform:
        return ""  # one bar of every hit tells nothing
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
