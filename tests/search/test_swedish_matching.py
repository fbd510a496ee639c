"""Swedish-aware matching, one behaviour at a time, and the web-search syntax."""

from __future__ import annotations

import pytest

from minutes.models import AgendaItem
from search.results import NEWEST, OLDEST, search_items
from tests.search.corpus import archived_corpus, found, item

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker, tmp_path_factory):
    yield from archived_corpus(django_db_blocker, str(tmp_path_factory.mktemp("media")))


def hits(corpus, q: str, **kwargs) -> list[tuple[str, str]]:
    return found(corpus, search_items(AgendaItem.objects.all(), q, **kwargs))


def text_of(corpus, ref: str) -> str:
    """Everything of an item that is indexed, lower-cased."""
    found_item = item(corpus, ref)
    decisions = " ".join(d.heading + " " + d.text for d in found_item.decisions.all())
    return f"{found_item.title} {found_item.text} {decisions}".lower()


@pytest.mark.parametrize(
    ("q", "ref", "written", "not_written"),
    [
        ("bostad", "000§1", "bostäder", "bostad"),
        ("beslutet", "000§5", "beslut", "beslutet"),
        ("station", "000§1", "pendeltågsstationer", " station"),
        ("brandförsvar", "000§9", "brandförsvarsförbund", "brandförsvar "),
        ("elväg", "000§6", "elvägar", "elväg "),
        ("sodertalje", "000§5", "södertälje", "sodertalje"),
        ("tvarforbindelse", "000§6", "tvärförbindelsen", "tvarforbindelse"),
    ],
    ids=["inflection-bostad", "inflection-beslutet", "compound-station",
         "compound-brandforsvar", "compound-elvag", "no-accents-sodertalje",
         "no-accents-tvarforbindelse"],
)
def test_swedish_word_finds_the_item_that_writes_it_differently(
    corpus, q, ref, written, not_written
):
    text = text_of(corpus, ref)
    assert written in text and not_written not in text
    assert (ref.split("§")[0], ref.split("§")[1]) in hits(corpus, q)



def test_typo_in_a_person_name_finds_the_item_naming_them(corpus):
    assert "sundbom" in text_of(corpus, "S1§1") and "sundbon" not in text_of(corpus, "S1§1")
    search = search_items(AgendaItem.objects.all(), "Sundbon")
    assert found(corpus, search) == [("S1", "1")]
    assert "sundbom" in search.terms[0].corrections


def test_typo_in_an_organisation_name_finds_the_organisation(corpus):
    assert hits(corpus, "Trafikvreket") == [("001", "7"), ("000", "6")]


def test_word_the_archive_holds_is_not_corrected(corpus):
    search = search_items(AgendaItem.objects.all(), "Trafikverket")
    assert search.terms[0].corrections == ()


def test_exact_phrase_needs_the_words_together_and_in_order(corpus):
    assert set(hits(corpus, '"nationell plan"')) == {("000", "6"), ("001", "6"), ("001", "7")}
    assert hits(corpus, '"plan nationell"') == []
    # Both words are in 001§3 ("Region Stockholm ... Stockholms stad"), but not together.
    assert ("001", "3") in hits(corpus, "region stad")
    assert ("001", "3") not in hits(corpus, '"region stad"')


def test_phrase_keeps_the_places_of_stop_words(corpus):
    # "Tvärförbindelsen är prioriterad": one stop word between.
    assert hits(corpus, '"tvarforbindelsen ar prioriterad"') == [("000", "6")]
    assert hits(corpus, '"tvarforbindelsen prioriterad"') == []


def test_words_must_all_match(corpus):
    assert set(hits(corpus, "tvarforbindelse")) == {("000", "6"), ("001", "7")}
    assert hits(corpus, "tvarforbindelse Vinnova") == []


def test_or_finds_either(corpus):
    either = set(hits(corpus, "Vinnova OR brandförsvarsförbund"))
    assert either == set(hits(corpus, "Vinnova")) | set(hits(corpus, "brandförsvarsförbund"))
    assert either == set(hits(corpus, "Vinnova ELLER brandförsvarsförbund"))
    assert len(either) == 3


def test_minus_leaves_out_items_with_the_word_or_phrase(corpus):
    with_vinnova = set(hits(corpus, "Södertörnsmodellen Vinnova"))
    assert with_vinnova
    assert set(hits(corpus, "Södertörnsmodellen -Vinnova")) == (
        set(hits(corpus, "Södertörnsmodellen")) - with_vinnova
    )
    assert ("000", "6") not in hits(corpus, 'tvarforbindelse -"nationell plan"')
    assert ("001", "7") in hits(corpus, 'tvarforbindelse -"plan nationell"')


def test_title_ranks_above_decisions_and_decisions_above_text(corpus):
    # S2§3 has Naturvårdsverket in its title, 001§7 only in its text.
    assert hits(corpus, "Naturvårdsverket") == [("S2", "3"), ("001", "7")]
    # S1§3 has brandförsvaret in a decision and its text, 000§9 only in its text.
    assert hits(corpus, "brandförsvar") == [("S1", "3"), ("000", "9")]


def test_sort_by_date(corpus):
    newest = hits(corpus, "beslut", sort=NEWEST)
    assert [key for key, _ in newest] == ["S1", "001", "001", "000", "000"]
    assert hits(corpus, "beslut", sort=OLDEST) == [
        ("000", "5"), ("000", "9"), ("001", "5"), ("001", "7"), ("S1", "3")
    ]
    relevance = search_items(AgendaItem.objects.all(), "beslut", sort="nonsense")
    assert relevance.sort == "relevance"
    ranks = [hit.rank for hit in relevance.queryset]
    assert ranks == sorted(ranks, reverse=True)


def test_search_keeps_the_filters_of_the_queryset(corpus):
    meeting = item(corpus, "000§6").meeting
    search = search_items(AgendaItem.objects.filter(meeting=meeting), "tvarforbindelse")
    assert found(corpus, search) == [("000", "6")]
    assert search.matches.count() == 1


def test_terms_tell_what_was_searched(corpus):
    search = search_items(AgendaItem.objects.all(), 'station -Vinnova "nationell plan" och')
    by_text = {term.text: term for term in search.terms}
    assert "pendeltagsstation" in by_text["station"].expansions
    assert by_text["Vinnova"].negated
    assert by_text["nationell plan"].phrase
    assert not by_text["och"].searched
    assert search.message is None


def test_quoted_word_is_not_expanded_to_compounds(corpus):
    assert ("000", "1") in hits(corpus, "station")  # pendeltågsstationer
    assert hits(corpus, '"station"') == [("S1", "2")]  # stationen
