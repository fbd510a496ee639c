"""Search, the decision register and the person page follow a merge, and its undo.

On the two seed meetings: Mats Bergström attended both; the 2018 minutes are given to a
duplicate "Mats Bergstrom", as a misread name would be, with one of that meeting's decisions.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from decisions.models import Decision
from minutes.models import Meeting
from municipalities.models import Person
from municipalities.services import person_merge, person_merge_undo
from tests.search.conftest import ingest_seed

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


@pytest.fixture
def split():
    """(Mats Bergström, his duplicate, the 2018 meeting, the 2019 meeting)."""
    m2018 = ingest_seed("000", "Ledningsgruppen")
    m2019 = ingest_seed("001", "Styrgruppen")
    mats = Person.objects.get(full_name="Mats Bergström")
    duplicate = Person.objects.create(full_name="Mats Bergstrom", organization=mats.organization)
    mats.attendances.filter(meeting=m2018).update(person=duplicate)
    Decision.objects.filter(item__meeting=m2018).order_by("item__order", "order").first(
    ).assigned.add(duplicate)
    return mats, duplicate, m2018, m2019


def searched(client, person: Person) -> set[int]:
    """Meetings of the items the search page finds for "Södertörn" attended by `person`."""
    response = client.get(
        reverse("search:search"), {"q": "Södertörn", "person": person.pk, "format": "json"}
    )
    assert response.status_code == 200
    return {row["meeting"]["id"] for row in response.json()["results"]}


def registered(client, person: Person) -> set[int]:
    """Meetings of the decisions the register lists for meetings `person` attended."""
    response = client.get(reverse("search:register"), {"person": person.pk})
    assert response.status_code == 200
    return {decision.item.meeting_id for decision in response.context["decisions"]}


def on_person_page(client, person: Person) -> tuple[set[int], set[int]]:
    """Meetings of the attendances and of the decisions assigned that the person's page lists."""
    response = client.get(reverse("municipalities:person-detail", args=[person.pk]))
    assert response.status_code == 200
    return (
        {attendance.meeting_id for attendance in response.context["attendances"]},
        {decision.item.meeting_id for decision in response.context["decisions"]},
    )


def test_a_merged_persons_meetings_are_found_under_the_kept_one_then_apart_after_undo(
    client, split, admin_user
):
    mats, duplicate, m2018, m2019 = split
    both = {m2018.pk, m2019.pk}
    assert searched(client, mats) == registered(client, mats) == {m2019.pk}
    assert searched(client, duplicate) == registered(client, duplicate) == {m2018.pk}

    record = person_merge(keep=mats, merge=duplicate, user=admin_user)

    assert searched(client, mats) == registered(client, mats) == both
    assert on_person_page(client, mats) == (both, {m2018.pk})
    gone = client.get(reverse("municipalities:person-detail", args=[duplicate.pk]))
    assert gone.status_code == 404

    person_merge_undo(merge_record=record, user=admin_user)

    assert searched(client, mats) == registered(client, mats) == {m2019.pk}
    assert searched(client, duplicate) == registered(client, duplicate) == {m2018.pk}
    assert on_person_page(client, mats) == ({m2019.pk}, set())
    assert on_person_page(client, duplicate) == ({m2018.pk}, {m2018.pk})
    assert Meeting.objects.get(pk=m2018.pk).attendances.filter(person=duplicate).count() == 1
