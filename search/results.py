"""Searching agenda items and decisions, and marking the matched words on a page of results."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db.models import (
    BooleanField,
    Case,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Concat, Upper
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from decisions.models import Decision
from minutes.models import AgendaItem
from search.index import RANK_WEIGHTS
from search.syntax import MAX_QUERY_CHARS, MAX_QUERY_TERMS, Problem, parse_query
from search.tsquery import (
    CONFIG,
    FINAL_STAGE,
    CompiledQuery,
    SearchTerm,
    Stage,
    compile_query,
    quote,
)

RELEVANCE, NEWEST, OLDEST = "relevance", "newest", "oldest"
SORTS = (RELEVANCE, NEWEST, OLDEST)

# Private-use characters mark the matched words in ts_headline's output; they are removed
# from the indexed text first, so a document cannot forge them, and turned into <mark> only
# after the text around them is escaped.
_START, _STOP = "\ue000", "\ue001"


class TsQuery(SearchQuery):
    """A tsquery text from `compile_query`, cast as it is: its stems are already normalised."""

    def as_sql(self, compiler, connection, function=None, template=None):
        return super().as_sql(compiler, connection, template="(%(expressions)s)::tsquery")


@dataclass(frozen=True)
class ItemSearch:
    """Agenda items that match a query.

    `queryset`: the matches, ordered by `sort`, annotated `rank` (None unless the order is
    relevance: ranking is the costly part of a broad search).
    `matches`: the same rows without rank or order, for counts and facets.
    `query`: the tsquery text ("" when nothing was searched); `TsQuery(query)` reuses it.
    `any_query`: a tsquery for any positive term, for highlighting.
    `message`: why nothing was searched, in Swedish, or None.
    `terms`: what each term of the query searched for.
    `browsing`: no words, but the rows are listed all the same (`browse_items`).
    """

    queryset: QuerySet
    matches: QuerySet
    query: str
    any_query: str
    message: str | None
    terms: tuple[SearchTerm, ...]
    sort: str
    browsing: bool = False
    exact: bool = False  # words matched as written: no compounds, no corrected typos

    @property
    def searched(self) -> bool:
        return bool(self.query)

    @property
    def listed(self) -> bool:
        """Whether there is a list to show: words were searched, or rows are browsed."""
        return self.searched or self.browsing


@dataclass(frozen=True)
class DecisionSearch(ItemSearch):
    """Decisions that match a query on their own sub-heading and text; fields as ItemSearch."""


# A query that is one identifier: a case number ("KS 2024/123", "BN-2023-00211",
# "2024-00001") or a property designation ("Särö 1:440", "Norra Backa 2:14").
_CASE_NUMBER = re.compile(r"[^\W\d_]{0,12}[ -]?\d{2,4}[/-]\d{1,8}")
_PROPERTY = re.compile(r"[^\W\d_][^\W\d]*(?: [^\W\d_][^\W\d]*){0,3} \d{1,5}:\d{1,5}")


def identifier_in(q: str) -> str | None:
    """The case number or property designation `q` is, quotes and spacing aside, else None."""
    folded = " ".join(q.split()).strip('"”“ ')
    if len(folded) > 100:
        return None
    if _CASE_NUMBER.fullmatch(folded) or _PROPERTY.fullmatch(folded):
        return folded
    return None


def _stage(exact: bool) -> Stage:
    """Words as written (accents folded, endings stemmed), or also compounds and typos."""
    return Stage.UNACCENT if exact else FINAL_STAGE


def search_items(
    queryset: QuerySet, q: str, *, sort: str = RELEVANCE, exact: bool = False
) -> ItemSearch:
    """The agenda items of `queryset` that match `q`, in web-search syntax.

    A query that is a case number or a property designation finds its paragraphs first:
    those of that case number, then those that write it as one phrase, then the rest.
    `exact`: the words only as written, not the compounds holding them nor corrected typos.
    """
    compiled = compile_query(parse_query(q), stage=_stage(exact))
    identifier = identifier_in(q) if compiled.searchable else None
    if identifier is None:
        return replace(items_matching(queryset, compiled, sort=sort), exact=exact)
    whens = [When(case_upper=identifier.upper(), then=Value(2))]
    phrase = compile_query(parse_query(f'"{identifier}"'))
    if phrase.searchable:
        whens.append(When(search_vector=TsQuery(phrase.tsquery), then=Value(1)))
    found = items_matching(
        queryset.alias(case_upper=Upper("case_number")), compiled, sort=sort,
        exact=Case(*whens, default=Value(0)),
    )
    return replace(found, exact=exact)


def items_matching(
    queryset: QuerySet, compiled: CompiledQuery, *, sort: str = RELEVANCE,
    vector: str = "search_vector", exact=None,
) -> ItemSearch:
    """The items of `queryset` whose `vector` (the stored one, or an alias the caller adds)
    matches an already compiled query; devtools/search_eval.py measures other layers so."""
    sort = sort if sort in SORTS else RELEVANCE
    if not compiled.searchable:
        return ItemSearch(
            queryset.none(), queryset.none(), "", "", problem_message(compiled.problem),
            compiled.terms, sort,
        )
    query = TsQuery(compiled.tsquery)
    matches = queryset.filter(**{vector: query})
    ranked = matches.annotate(rank=_rank(F(vector), query, sort)).order_by(*_item_order(sort))
    if exact is not None and sort == RELEVANCE:
        # Exact hits of an identifier before everything the words alone found.
        ranked = ranked.annotate(exact=exact).order_by(F("exact").desc(), *_item_order(sort))
    return ItemSearch(
        ranked, matches, compiled.tsquery, compiled.any_tsquery, None, compiled.terms, sort
    )


def browse_items(queryset: QuerySet, *, sort: str = NEWEST) -> ItemSearch:
    """Every item of `queryset` (filters already applied), with no words: newest first, or
    oldest first for "oldest" (there is nothing to rank by)."""
    sort = OLDEST if sort == OLDEST else NEWEST
    ordered = queryset.annotate(rank=_rank(None, None, sort)).order_by(*_item_order(sort))
    return ItemSearch(ordered, queryset, "", "", None, (), sort, browsing=True)


def search_reordered(search: ItemSearch, sort: str) -> ItemSearch:
    """The same search ordered by `sort` instead, without preparing the query again."""
    if not search.searched or sort == search.sort:
        return search
    ordered = search.matches.annotate(rank=_rank(F("search_vector"), TsQuery(search.query),
                                                 sort)).order_by(*_item_order(sort))
    return replace(search, queryset=ordered, sort=sort)


def search_decisions(
    queryset: QuerySet, q: str, *, sort: str = RELEVANCE, exact: bool = False
) -> DecisionSearch:
    """The decisions of `queryset` whose own sub-heading or text matches `q` (`exact`: as
    `search_items`)."""
    compiled = compile_query(parse_query(q), stage=_stage(exact))
    sort = sort if sort in SORTS else RELEVANCE
    if not compiled.searchable:
        return DecisionSearch(
            queryset.none(), queryset.none(), "", "", problem_message(compiled.problem),
            compiled.terms, sort,
        )
    query = TsQuery(compiled.tsquery)
    if compiled.positive_tsquery:
        # The item's indexed vector holds its decisions' words: it narrows the decisions to
        # check to those of matching items. Exclusions are left to the decision itself.
        queryset = queryset.filter(item__search_vector=TsQuery(compiled.positive_tsquery))
    matches = queryset.alias(decision_vector=decision_vector()).filter(decision_vector=query)
    ranked = matches.annotate(rank=_rank(decision_vector(), query, sort)).order_by(
        *_decision_order(sort)
    )
    return DecisionSearch(
        ranked, matches, compiled.tsquery, compiled.any_tsquery, None, compiled.terms, sort
    )


SNIPPET_OPTIONS = {"max_fragments": 2, "max_words": 30, "min_words": 12}


def with_snippets(queryset: QuerySet, search: ItemSearch) -> QuerySet:
    """`queryset` annotated `snippet_text` (ts_headline of the text) for `add_highlights`.

    On a page (a LIMIT after the ORDER BY) PostgreSQL computes the costly headline only for
    the rows of the page, so the page costs one query, not two.
    """
    if not search.any_query:
        return queryset
    return queryset.annotate(
        snippet_text=_headline("text", TsQuery(search.any_query), **SNIPPET_OPTIONS)
    )


def add_highlights(items: list[AgendaItem], search: ItemSearch) -> None:
    """Set `snippet`, `decisions_shown` and `matching_decisions` on each item of a page, in three
    queries (two when the items come from `with_snippets`), whatever the number of items.

    `snippet` is the item's text around the matched words, escaped, with <mark> around them;
    `snippet_plain` the same words as plain text, unescaped and unmarked (both empty when no
    words were searched).
    `decisions_shown` lists all the item's decisions in order, each with `highlighted` (its
    whole text, escaped, searched words in <mark>), `matches` (whether it holds a searched
    word itself) and its `assigned` people prefetched; `matching_decisions` those matching.
    """
    items = list(items)
    for item in items:
        item.snippet = SafeString("")
        item.snippet_plain = ""
        item.decisions_shown = []
        item.matching_decisions = []
    if not items or not (search.any_query or search.browsing):
        return
    ids = [item.pk for item in items]
    query = TsQuery(search.any_query) if search.any_query else None
    if query is None:
        snippets = {}
    elif all(hasattr(item, "snippet_text") for item in items):
        snippets = {item.pk: item.snippet_text for item in items}
    else:
        snippets = dict(
            AgendaItem.objects.filter(pk__in=ids)
            .annotate(headline=_headline("text", query, **SNIPPET_OPTIONS))
            .values_list("pk", "headline")
        )
    decisions = list(_page_decisions(Decision.objects.filter(item_id__in=ids), query))
    prefetch_related_objects(decisions, "assigned")
    by_item: dict[int, list[Decision]] = defaultdict(list)
    for decision in decisions:
        decision.highlighted = marked(decision.marked_text)
        by_item[decision.item_id].append(decision)
    for item in items:
        item.snippet = marked(snippets.get(item.pk))
        item.snippet_plain = unmarked(snippets.get(item.pk))
        item.decisions_shown = by_item.get(item.pk, [])
        item.matching_decisions = [d for d in item.decisions_shown if d.matches]


def add_decision_highlights(decisions: list[Decision], search: DecisionSearch) -> None:
    """Set `highlighted` (the text, escaped, matched words in <mark>) on a page of decisions."""
    decisions = list(decisions)
    for decision in decisions:
        decision.highlighted = escape(decision.text)
    if not decisions or not search.any_query:
        return
    found = dict(
        Decision.objects.filter(pk__in=[d.pk for d in decisions])
        .annotate(marked_text=_headline("text", TsQuery(search.any_query), highlight_all=True))
        .values_list("pk", "marked_text")
    )
    for decision in decisions:
        decision.highlighted = marked(found.get(decision.pk, decision.text))


def word_as_written(stem: str) -> str | None:
    """A word of the archive whose stem is `stem` ("trafikverk" -> "Trafikverket"), as an
    item's title or text writes it; None if none does. One query."""
    query = TsQuery(quote(stem))
    written = Concat("title", Value(" "), "text", output_field=TextField())
    headlines = (
        AgendaItem.objects.filter(search_vector=query)
        .annotate(headline=_headline(written, query, max_fragments=1, max_words=3, min_words=1))
        .values_list("headline", flat=True)[:1]
    )
    for headline in headlines:
        start = headline.find(_START)
        stop = headline.find(_STOP, start)
        if 0 <= start < stop:
            return headline[start + 1:stop]
    return None


def marked(headline: str | None) -> SafeString:
    """ts_headline output as HTML: everything escaped, then our markers made <mark>."""
    html = escape(headline or "")
    return mark_safe(html.replace(_START, "<mark>").replace(_STOP, "</mark>"))


def unmarked(headline: str | None) -> str:
    """ts_headline output as plain text: the words as written, without our markers."""
    return (headline or "").replace(_START, "").replace(_STOP, "")


def problem_message(problem: Problem | None) -> str | None:
    """Why a query was not searched, in Swedish; None for no problem (or an empty query)."""
    if problem is Problem.TOO_LONG:
        return _(
            "The search is too long: use at most %(chars)d characters and %(words)d words."
        ) % {"chars": MAX_QUERY_CHARS, "words": MAX_QUERY_TERMS}
    if problem is Problem.NO_WORDS:
        return _("Type at least one word to search for.")
    if problem is Problem.ONLY_EXCLUSIONS:
        return _("Type at least one word to search for, not only words to leave out.")
    if problem is Problem.ONLY_COMMON_WORDS:
        return _(
            "The search has only very common words, such as “och” and “att”, which are not "
            "searched for. Add a word that tells what you are looking for."
        )
    return None


def _rank(vector, query: TsQuery | None, sort: str):
    """ts_rank_cd for relevance order; for date order NULL, so no hit is ranked for nothing."""
    if sort != RELEVANCE:
        return Value(None, output_field=FloatField())
    return SearchRank(vector, query, weights=RANK_WEIGHTS, cover_density=True)


def decision_vector() -> SearchVector:
    return SearchVector("heading", config=CONFIG, weight="A") + SearchVector(
        "text", config=CONFIG, weight="B"
    )


def _page_decisions(queryset: QuerySet, query: TsQuery | None) -> QuerySet:
    """The decisions in order, annotated `matches` and `marked_text` (the text with our
    markers around the searched words; as written when nothing was searched)."""
    queryset = queryset.order_by("item_id", "order")
    if query is None:
        return queryset.annotate(
            matches=Value(False, output_field=BooleanField()), marked_text=F("text")
        )
    return queryset.alias(decision_vector=decision_vector()).annotate(
        matches=ExpressionWrapper(Q(decision_vector=query), output_field=BooleanField()),
        marked_text=_headline("text", query, highlight_all=True),
    )


def _headline(field, query: TsQuery, **options) -> SearchHeadline:
    cleaned = Func(
        F(field) if isinstance(field, str) else field, Value(_START + _STOP), Value(""),
        function="translate", output_field=TextField(),
    )
    return SearchHeadline(
        cleaned, query, config=CONFIG, start_sel=_START, stop_sel=_STOP,
        fragment_delimiter=" … ", **options,
    )


def _item_order(sort: str) -> list:
    """Relevance: best rank first, then newest. The meeting's date and time are copies on
    the row (`meeting_copy_fields`), so newest first reads an index instead of sorting."""
    date, start = F("meeting_date"), F("meeting_start")
    if sort == NEWEST:
        return [date.desc(nulls_last=True), start.desc(nulls_last=True),
                F("meeting_id").desc(), "order"]
    if sort == OLDEST:
        return [date.asc(nulls_last=True), start.asc(nulls_last=True), "meeting_id", "order"]
    return [F("rank").desc(), date.desc(nulls_last=True), F("meeting_id").desc(), "order"]


def _decision_order(sort: str) -> list:
    """As `_item_order`, the item's place in its meeting standing for the row's own."""
    return [*_item_order(sort)[:-1], "item__order", "order"]
