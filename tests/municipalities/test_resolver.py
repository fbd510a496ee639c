"""The one rule that says who a name written in minutes is (municipalities.services): the same
name and organisation, else an alias, else a new person; the preview only looks, storing
creates, and both give the same person."""

from __future__ import annotations

import pytest
import reversion
from django.db import connection
from django.test.utils import CaptureQueriesContext
from reversion.models import Version

from municipalities.models import DUPLICATE_SIMILARITY, Person
from municipalities.services import (
    ORGANIZATION_NOT_STORED,
    people_known,
    people_resolve,
    people_similar,
    person_known,
    person_resolve,
)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def haninge():
    return factories.organization("Haninge")


@pytest.fixture
def huddinge():
    return factories.organization("Huddinge")


def test_a_name_is_its_person_in_the_same_organisation_only(haninge, huddinge):
    meeri = factories.person("Meeri Wasberg", haninge)

    assert person_known("  meeri   WASBERG ", haninge) == meeri
    assert person_known("Meeri Wasberg", huddinge) is None
    assert person_known("Meeri Wasberg", None) is None


def test_an_alias_is_its_person_whatever_the_organisation(haninge, huddinge):
    daniel = factories.person("Daniel Dronjac", huddinge, aliases=["Daniel Dronjak"])

    assert person_known("Daniel  Dronjak", haninge) == daniel
    assert person_known("Daniel Dronjak", None) == daniel
    # An alias is matched as written (spacing folded), not case-folded.
    assert person_known("daniel dronjak", None) is None


def test_the_same_name_and_organisation_wins_over_an_alias(haninge):
    aliased = factories.person("M. Wasberg", None, aliases=["Meeri Wasberg"])
    meeri = factories.person("Meeri Wasberg", haninge)

    assert person_known("Meeri Wasberg", haninge) == meeri
    assert person_known("Meeri Wasberg", None) == aliased


def test_of_several_alike_the_first_archived_is_the_one(haninge):
    first = factories.person("Bo Renman", haninge)
    factories.person("Bo  Renman", haninge)
    alias_first = factories.person("Bo R.", None, aliases=["B. Renman"])
    factories.person("B. R.", None, aliases=["B. Renman"])

    assert person_known("Bo Renman", haninge) == first
    assert people_resolve([("Bo Renman", haninge.pk)])[("Bo Renman", haninge.pk)] == first
    assert person_known("B. Renman", haninge) == alias_first
    assert people_resolve([("B. Renman", None)])[("B. Renman", None)] == alias_first


def test_looking_creates_nobody(haninge):
    before = Person.objects.count()

    assert people_known([("Ny Person", haninge.pk), ("Annan Ny", None)]) == {}
    assert person_known("Ny Person", haninge) is None
    assert Person.objects.count() == before


def test_resolving_a_list_gives_each_key_what_one_at_a_time_would(haninge, huddinge):
    meeri = factories.person("Meeri Wasberg", haninge)
    daniel = factories.person("Daniel Dronjac", huddinge, aliases=["Daniel Dronjak"])
    keys = [
        ("Meeri Wasberg", haninge.pk),
        ("Daniel Dronjak", huddinge.pk),
        ("Bob Wållberg", haninge.pk),
        ("Bob  Wållberg", haninge.pk),  # the same new person, written twice
        ("Bob Wållberg", huddinge.pk),  # another organisation: another new person
        ("Meeri Wasberg", None),  # no organisation: not Haninge's Meeri
    ]

    with CaptureQueriesContext(connection) as queries:
        found = people_resolve(keys)

    assert len(queries) <= 3  # by name, by alias, one insert
    assert found[keys[0]] == meeri
    assert found[keys[1]] == daniel
    assert found[keys[2]] == found[keys[3]]
    assert found[keys[2]].full_name == "Bob Wållberg"
    assert found[keys[2]].organization == haninge
    assert found[keys[4]] != found[keys[2]]
    assert found[keys[4]].organization == huddinge
    assert found[keys[5]] not in (meeri, daniel)
    assert found[keys[5]].organization is None
    assert Person.objects.filter(normalized_name="bob wållberg").count() == 2
    # Each is now known, as the one-at-a-time lookups see it.
    for name, organization_id in keys:
        organization = {haninge.pk: haninge, huddinge.pk: huddinge, None: None}[organization_id]
        assert person_known(name, organization) == found[name, organization_id]
    assert person_resolve("Bob Wållberg", haninge) == found[keys[2]]


def test_people_created_inside_a_revision_are_in_its_history(haninge):
    with reversion.create_revision():
        found = people_resolve([("Ebba Östlin", haninge.pk)])
    person = found["Ebba Östlin", haninge.pk]

    assert person.pk is not None
    assert Version.objects.get_for_object(person).count() == 1


def test_an_organisation_not_stored_yet_matches_only_by_alias():
    factories.person("Susanne Pollak", None)
    aliased = factories.person("Anders Belin", None, aliases=["A. Belin"])

    found = people_known([("Susanne Pollak", ORGANIZATION_NOT_STORED),
                          ("A. Belin", ORGANIZATION_NOT_STORED)])

    assert found == {("A. Belin", ORGANIZATION_NOT_STORED): aliased}
    with pytest.raises(ValueError):
        people_resolve([("Susanne Pollak", ORGANIZATION_NOT_STORED)])


def test_similar_people_are_those_the_duplicates_list_pairs_with_the_name():
    sodertorn = factories.organization()
    sundberg = factories.person("Helena Sundberg", sodertorn)
    factories.person("Karin Ölander")

    assert people_similar("Helena Sandberg") == (sundberg,)
    assert people_similar("Lars Sandberg") == ()

    sandberg = factories.person("Helena Sandberg", sodertorn)
    [pair] = Person.objects.near_duplicates()
    assert {pair.person_a, pair.person_b} == {sundberg, sandberg}
    assert pair.similarity >= DUPLICATE_SIMILARITY
