"""Finding people, organisations and bodies by name: accents folded, small typos forgiven,
unalike names kept apart, and no input that raises."""

from __future__ import annotations

import pytest
from django.db import connection

from municipalities.directory import (
    bodies_named,
    organizations_named,
    people_named,
    words_of,
)
from municipalities.models import Body, Organization, Person
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def people() -> dict[str, Person]:
    names = [
        "Anna Wållberg",
        "Jonas Gyllestad",
        "Rickard Sundbom",
        "Rickard Sundström",
        "Lena Söderberg",
        "Émile Zola",
        "Bo Ek",
    ]
    return {name: factories.person(name) for name in names}


def names(queryset) -> list[str]:
    return [str(row) for row in queryset]


def test_folds_swedish_letters(people):
    assert names(people_named("Wallberg")) == ["Anna Wållberg"]
    assert names(people_named("wållberg")) == ["Anna Wållberg"]
    assert names(people_named("EMILE")) == ["Émile Zola"]


def test_one_word_of_a_full_name_finds_the_person(people):
    assert names(people_named("Gyllestad")) == ["Jonas Gyllestad"]
    assert names(people_named("jonas")) == ["Jonas Gyllestad"]


def test_a_small_typo_is_forgiven(people):
    assert names(people_named("Gylestad")) == ["Jonas Gyllestad"]
    assert names(people_named("Walberg")) == ["Anna Wållberg"]


def test_every_word_must_match_and_the_full_name_comes_first(people):
    found = names(people_named("Rickard Sundbom"))
    assert found == ["Rickard Sundbom"]
    assert names(people_named("Rickard"))[:2] == ["Rickard Sundbom", "Rickard Sundström"]
    assert names(people_named("Sundbom Rickard")) == ["Rickard Sundbom"]


def test_unalike_names_stay_apart(people):
    assert names(people_named("Sandberg")) == []
    assert "Lena Söderberg" in names(people_named("Söderberg"))


def test_short_words_match_the_start_of_a_word(people):
    assert names(people_named("Ek")) == ["Bo Ek"]
    assert names(people_named("bo")) == ["Bo Ek"]


def test_result_is_a_queryset_that_narrows_further(people):
    haninge = factories.organization("Haninge")
    other = factories.person("Rickard Berg", haninge)
    assert names(people_named("Rickard").filter(organization=haninge)) == [other.full_name]
    assert names(people_named("Rickard", Person.objects.filter(pk=other.pk))) == ["Rickard Berg"]
    assert people_named("Rickard").count() == 3


@pytest.mark.parametrize(
    "text",
    ["", None, "   ", "!!! ... ---", "\x00", "_", "%", "\\", "'; DROP TABLE x; --"],
)
def test_text_without_words_finds_nothing(people, text):
    assert list(people_named(text)) == []
    assert list(organizations_named(text)) == []
    assert list(bodies_named(text)) == []


@pytest.mark.parametrize(
    "text",
    ["x" * 1000, "Gyllestad\x00", "Gyll\x00estad", "ö" * 1000, "a " * 500, "(.*)+[" * 50,
     "\\m \\y ^$", "🙂 Gyllestad", "Ｇｙｌｌｅｓｔａｄ"],
)
def test_absurd_input_never_raises(people, text):
    list(people_named(text))
    list(organizations_named(text))
    list(bodies_named(text))


def test_nul_bytes_are_ignored_not_fatal(people):
    assert names(people_named("Gyllestad\x00")) == ["Jonas Gyllestad"]


def test_words_are_letters_and_digits_each_once():
    assert words_of("  Anna-Karin  O'Neil, anna ") == ["anna", "karin", "o", "neil"]
    assert len(words_of("a b c d e f g h i j")) == 6
    assert words_of("x" * 1000) == ["x" * 200]


def test_organizations_by_name_or_alias():
    found = names(organizations_named("Haninge"))
    assert found[0] == "Haninge"
    sodertorn = names(organizations_named("Sodertornskommunerna"))
    assert sodertorn == ["Södertörnskommunerna"]
    trafikverket = Organization.objects.create(name="Trafikverket", aliases=["TRV"])
    assert list(organizations_named("trv")) == [trafikverket]
    assert list(organizations_named("Trafikverkt")) == [trafikverket]


def test_bodies_by_name_and_organisation():
    haninge, tyreso = factories.organization("Haninge"), factories.organization("Tyresö")
    ks_haninge = Body.objects.create(organization=haninge, name="Kommunstyrelsen")
    ks_tyreso = Body.objects.create(organization=tyreso, name="Kommunstyrelsen")
    Body.objects.create(organization=haninge, name="Barn- och utbildningsnämnden")
    assert set(bodies_named("kommunstyrelsen")) == {ks_haninge, ks_tyreso}
    assert list(bodies_named("Kommunstyrelsen Tyreso")) == [ks_tyreso]
    assert list(bodies_named("komunstyrelsen haninge")) == [ks_haninge]
    assert names(bodies_named("utbildning")) == ["Barn- och utbildningsnämnden"]


def test_people_lookup_can_use_the_folded_name_index(people):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = people_named("Gyllestad").query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "person_folded_name_trgm" in plan
