"""Near-duplicate people: listed for the administrator by name similarity, never merged."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from municipalities.models import Organization, Person
from municipalities.services import organization_get_or_create
from tests.minutes.test_ingest import ingest, seed

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("media_root")]

PAGE = "admin:municipalities_person_near_duplicates"


@pytest.fixture
def helenas() -> tuple[Person, Person]:
    """Both seeds ingested, and the Helena the minutes mention but do not list as attendee."""
    ingest(seed("000"))
    ingest(seed("001"))
    sundberg = Person.objects.get(full_name="Helena Sundberg")
    sandberg = Person.objects.create(
        full_name="Helena Sandberg", organization=Organization.objects.get(name="Trafikverket")
    )
    return sundberg, sandberg


def names(pair) -> set[str]:
    return {pair.person_a.full_name, pair.person_b.full_name}


def test_similar_names_are_listed_as_a_pair(helenas):
    people_before = Person.objects.count()

    pairs = Person.objects.near_duplicates()

    assert pairs
    helena = [pair for pair in pairs if names(pair) == {"Helena Sundberg", "Helena Sandberg"}]
    assert len(helena) == 1
    assert helena[0].same_organization
    assert 0.5 <= helena[0].similarity < 1
    assert helena[0].percent == round(helena[0].similarity * 100)
    # Listed, never merged.
    assert Person.objects.count() == people_before


def test_pairs_are_ordered_once_each_and_never_a_person_with_herself(helenas):
    pairs = Person.objects.near_duplicates(threshold=0.3)

    assert pairs
    assert all(pair.person_a.pk < pair.person_b.pk for pair in pairs)
    similarities = [pair.similarity for pair in pairs]
    assert similarities == sorted(similarities, reverse=True)
    assert Person.objects.filter(full_name="Anna Söderström").count() == 1
    assert not [pair for pair in pairs if names(pair) == {"Anna Söderström"}]


def test_threshold_and_limit_narrow_the_list(helenas):
    assert not [
        pair
        for pair in Person.objects.near_duplicates(threshold=0.95)
        if names(pair) == {"Helena Sundberg", "Helena Sandberg"}
    ]
    assert len(Person.objects.near_duplicates(threshold=0.1, limit=2)) == 2


def test_pair_across_organisations_is_flagged():
    haninge = organization_get_or_create(name="Haninge")
    huddinge = organization_get_or_create(name="Huddinge")
    Person.objects.create(full_name="Karin Lundqvist", organization=haninge)
    Person.objects.create(full_name="Karin Lundkvist", organization=huddinge)

    [pair] = Person.objects.near_duplicates()

    assert not pair.same_organization


def test_a_filtered_queryset_pairs_only_its_own_people():
    haninge = organization_get_or_create(name="Haninge")
    Person.objects.create(full_name="Karin Lundqvist", organization=haninge)
    Person.objects.create(full_name="Karin Lundkvist", organization=haninge)
    Person.objects.create(full_name="Karin Lundkvista")

    pairs = Person.objects.filter(organization=haninge).near_duplicates()

    assert [names(pair) for pair in pairs] == [{"Karin Lundqvist", "Karin Lundkvist"}]


def test_near_duplicates_use_the_trigram_operator_with_a_local_threshold(helenas):
    with CaptureQueriesContext(connection) as queries:
        Person.objects.near_duplicates(threshold=0.6)

    sql = [query["sql"] for query in queries.captured_queries]
    assert any("set_config('pg_trgm.similarity_threshold', '0.6', true)" in q for q in sql)
    assert any("b.normalized_name % a.normalized_name" in q for q in sql)


def test_admin_page_lists_the_pair_for_a_superuser(client, helenas):
    sundberg, sandberg = helenas
    client.force_login(User.objects.create_superuser("admin", "admin@example.com", "x"))

    changelist = client.get(reverse("admin:municipalities_person_changelist"))
    page = client.get(reverse(PAGE))

    assert reverse(PAGE) in changelist.content.decode()
    assert "Möjliga dubbletter" in changelist.content.decode()
    assert page.status_code == 200
    html = page.content.decode()
    assert "Möjliga dubbletter" in html
    for person in (sundberg, sandberg):
        assert reverse("admin:municipalities_person_change", args=[person.pk]) in html
        assert person.full_name in html
    pair = next(
        p for p in page.context["pairs"] if names(p) == {"Helena Sundberg", "Helena Sandberg"}
    )
    assert f"{pair.percent}&nbsp;%" in html


def test_admin_page_sends_anonymous_visitors_to_log_in(anonymous_client):
    response = anonymous_client.get(reverse(PAGE))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_admin_page_is_forbidden_without_change_permission(client):
    staff = User.objects.create_user("viewer", password="x", is_staff=True)
    # Admitted to the admin (config/admin_site.py), and may view people, not change them.
    staff.user_permissions.add(Permission.objects.get(codename="change_meeting"))
    staff.user_permissions.add(Permission.objects.get(codename="view_person"))
    client.force_login(staff)

    assert client.get(reverse(PAGE)).status_code == 403

    staff.user_permissions.add(Permission.objects.get(codename="change_person"))
    assert client.get(reverse(PAGE)).status_code == 200


def test_admin_page_links_the_pair_to_its_merge_page_for_who_may_merge(client, helenas):
    sundberg, sandberg = helenas
    client.force_login(User.objects.create_superuser("admin", "admin@example.com", "x"))
    first, second = sorted(helenas, key=lambda person: person.pk)
    merge = reverse("admin:municipalities_person_merge", args=[first.pk, second.pk])

    html = client.get(reverse(PAGE)).content.decode()
    confirmation = client.get(merge)

    assert f'href="{merge}"' in html
    assert f'aria-label="Sammanfoga {first.full_name} och {second.full_name}"' in html
    assert confirmation.status_code == 200
    assert "Sammanfoga" in confirmation.content.decode()
    assert Person.objects.filter(pk__in=[sundberg.pk, sandberg.pk]).count() == 2


def test_admin_page_offers_no_merge_to_who_may_not_delete_people(client, helenas):
    staff = User.objects.create_user("corrector", password="x", is_staff=True)
    staff.user_permissions.add(
        *Permission.objects.filter(codename__in=["change_meeting", "change_person"])
    )
    client.force_login(staff)

    html = client.get(reverse(PAGE)).content.decode()

    assert "Helena Sandberg" in html
    assert "/merge/" not in html
