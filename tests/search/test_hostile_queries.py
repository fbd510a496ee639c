"""Any query string at all gives a search result, with a message when it cannot be used."""

from __future__ import annotations

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decisions.models import Decision
from minutes.models import AgendaItem
from search.results import search_decisions, search_items
from search.syntax import MAX_QUERY_CHARS, Problem, parse_query

pytestmark = pytest.mark.django_db

# Operators, quotes, tsquery and LIKE syntax, NUL and other controls, accents, emoji,
# private-use markers, right-to-left text: a few of each, among letters.
NASTY = st.lists(
    st.sampled_from(
        list("abcåäöÅÄÖ -\"'()!&|:*<>%_\\/\x00\x01\t\n\u200b\u202e\ue000\ue001")
        + ["🙂", "👩‍👩‍👧", "\ud800", "OR ", "ELLER ", "-\"", "\ud7ff", "ﬁ", "ß", "station", "och "]
    ),
    max_size=60,
).map("".join)


@given(q=st.one_of(NASTY, st.text(max_size=200)))
@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_query_gives_a_result_and_never_an_error(q):
    items = search_items(AgendaItem.objects.all(), q)
    decisions = search_decisions(Decision.objects.all(), q)

    for search in (items, decisions):
        list(search.queryset[:5])
        search.matches.count()
        if search.message is not None:
            assert not search.searched
            assert not search.queryset.exists()


@pytest.mark.parametrize(
    "q",
    ["a" * 10_000, "bostad " * 1500, "x" * (MAX_QUERY_CHARS + 1), " ".join(["ord"] * 31)],
    ids=["10 kB word", "10 kB words", "just too long", "31 words"],
)
def test_too_long_query_says_so_in_swedish(q):
    with translation.override("sv"):
        search = search_items(AgendaItem.objects.all(), q)
    assert search.message.startswith("Sökningen är för lång")
    assert not search.queryset.exists()


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ('- OR or "" - "', "Skriv minst ett ord att söka efter."),
        ("🙂 \x00 ((( ***", "Skriv minst ett ord att söka efter."),
        ("-bostad -\"nationell plan\"", "Skriv minst ett ord att söka efter, inte bara"),
        ("och att för", "Sökningen innehåller bara mycket vanliga ord"),
        ("for pa nar", "Sökningen innehåller bara mycket vanliga ord"),
        ("och -bostad", "Skriv minst ett ord att söka efter, inte bara"),
    ],
    ids=["only operators", "only symbols", "only exclusions", "only stop words",
         "stop words without accents", "stop word and exclusion"],
)
def test_unusable_query_says_why_in_swedish(q, message):
    with translation.override("sv"):
        search = search_items(AgendaItem.objects.all(), q)
    assert search.message.startswith(message)
    assert search.query == "" and not search.queryset.exists()


def test_empty_query_searches_nothing_and_says_nothing():
    search = search_items(AgendaItem.objects.all(), "   ")
    assert search.message is None and not search.searched
    assert not search.queryset.exists()


def test_unusable_query_costs_no_database_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        search_items(AgendaItem.objects.all(), '"" - OR')
        search_items(AgendaItem.objects.all(), "a" * 10_000)


def test_usable_query_costs_one_query_to_prepare(django_assert_num_queries):
    with django_assert_num_queries(1):
        search_items(AgendaItem.objects.all(), 'bostad OR "nationell plan" -station sodertalje')


@pytest.mark.parametrize(
    ("q", "problem"),
    [('"unclosed phrase', None), ("-", Problem.NO_WORDS), ("a OR", None),
     ("OR OR a", None), ("\x00", None), ("ELLER", Problem.NO_WORDS)],
)
def test_syntax_reads_broken_queries_without_raising(q, problem):
    parsed = parse_query(q)
    assert parsed.problem == problem


def test_syntax_groups_or_and_exclusions():
    parsed = parse_query('bostad stad OR "nya bostäder" -station eller')
    assert [[(t.text, t.phrase, t.negated) for t in group] for group in parsed.groups] == [
        [("bostad", False, False)],
        [("stad", False, False), ("nya bostäder", True, False)],
        [("station", False, True)],
        [("eller", False, False)],
    ]
