"""The directories of people, organisations and bodies, and a body's page: what a reader
finds by name, how it is grouped and paged, and that odd input never breaks a page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.urls import reverse

from minutes.models import Attendance, Meeting
from municipalities.models import Body, Organization, Person
from tests import factories
from tests.config.users import SIGNED_IN_QUERIES
from tests.minutes.test_pages import page_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

PEOPLE = reverse("municipalities:person-list")
ORGANIZATIONS = reverse("municipalities:organization-list")
BODIES = reverse("municipalities:body-list")


@dataclass
class Council:
    """Haninge's Kommunstyrelsen: two meetings in 2023, one in 2024. Anna Wållberg chaired
    them all; Jonas Gyllestad attended 2023's as another attendee and was absent in 2024."""

    haninge: Organization
    ks: Body
    other_ks: Body
    meetings: list[Meeting]
    wallberg: Person
    gyllestad: Person
    sundbom: Person


def body_meeting(body: Body, day: dt.date, title: str = "") -> Meeting:
    meeting = factories.meeting(day, body=None, title=title, organization=body.organization)
    meeting.body = body
    meeting.save()
    return meeting


@pytest.fixture
def council() -> Council:
    haninge, tyreso = factories.organization("Haninge"), factories.organization("Tyresö")
    ks = Body.objects.create(organization=haninge, name="Kommunstyrelsen")
    other_ks = Body.objects.create(organization=tyreso, name="Kommunstyrelsen")
    meetings = [
        body_meeting(ks, dt.date(2023, 3, 1), "Vårmötet"),
        body_meeting(ks, dt.date(2023, 9, 1), "Höstmötet"),
        body_meeting(ks, dt.date(2024, 2, 1), "Budgetmötet"),
    ]
    wallberg = factories.person("Anna Wållberg", haninge)
    gyllestad = factories.person("Jonas Gyllestad", tyreso)
    sundbom = factories.person("Rickard Sundbom")
    for meeting in meetings:
        factories.attend(meeting, wallberg, role=Attendance.Role.CHAIR)
    factories.attend(meetings[0], gyllestad, Attendance.Status.OTHER)
    factories.attend(meetings[1], gyllestad, Attendance.Status.OTHER)
    factories.attend(meetings[2], gyllestad, Attendance.Status.ABSENT)
    return Council(haninge, ks, other_ks, meetings, wallberg, gyllestad, sundbom)


def body_url(body: Body) -> str:
    return reverse("municipalities:body-detail", args=[body.pk])


# The people list


def test_people_list_shows_each_person_with_organisation_and_meetings_attended(client, council):
    response = client.get(PEOPLE)

    assert response.status_code == 200
    text = page_text(response)
    assert "Anna Wållberg Haninge 3" in text
    assert "Jonas Gyllestad Tyresö 2" in text  # the absence does not count
    assert "Rickard Sundbom Okänd 0" in text
    content = response.content.decode()
    person_url = reverse("municipalities:person-detail", args=[council.wallberg.pk])
    assert f'href="{person_url}"' in content
    assert '<table class="data-table stack">' in content
    assert 'data-label="Organisation"' in content


@pytest.mark.parametrize(
    ("typed", "found"),
    [("Wallberg", "Anna Wållberg"), ("Gylestad", "Jonas Gyllestad"),
     ("rickard sundbom", "Rickard Sundbom")],
)
def test_people_list_filters_by_name_forgiving_accents_and_typos(client, council, typed, found):
    response = client.get(PEOPLE, {"namn": typed})

    text = page_text(response)
    assert found in text
    assert "1 person" in text
    others = {"Anna Wållberg", "Jonas Gyllestad", "Rickard Sundbom"} - {found}
    assert not any(name in text for name in others)
    assert f'value="{typed}"' in response.content.decode()


def test_people_list_says_when_no_name_is_alike(client, council):
    text = page_text(client.get(PEOPLE, {"namn": "Sandberg"}))

    assert "Ingen person har ett namn som liknar ”Sandberg”" in text


def test_people_list_pages_fifty_at_a_time(client):
    for number in range(55):
        factories.person(f"Person {number:02d}")

    first, second = client.get(PEOPLE), client.get(PEOPLE, {"page": "2"})

    assert "Person 49" in page_text(first) and "Person 50" not in page_text(first)
    assert "Person 50" in page_text(second) and "Person 54" in page_text(second)
    assert "Sida 2 av 2" in page_text(second)
    # A page that is no number, or beyond the last, shows a page rather than an error.
    assert client.get(PEOPLE, {"page": "abc"}).status_code == 200
    assert "Person 54" in page_text(client.get(PEOPLE, {"page": "99"}))


def test_people_list_costs_the_same_queries_for_many_rows(client, council,
                                                         django_assert_max_num_queries):
    for number in range(30):
        person = factories.person(f"Ledamot {number}", council.haninge)
        factories.attend(council.meetings[0], person)

    # Count, the page's rows; the session and permissions before the view.
    with django_assert_max_num_queries(SIGNED_IN_QUERIES + 3):
        assert client.get(PEOPLE).status_code == 200
    with django_assert_max_num_queries(SIGNED_IN_QUERIES + 3):
        assert client.get(PEOPLE, {"namn": "Ledamot"}).status_code == 200


@pytest.mark.parametrize(
    "typed", ["x" * 1000, "Anna\x00", "%", "!!!", "' OR 1=1 --", "\\", "(", "ö" * 201],
)
def test_odd_names_give_a_page_not_an_error(client, council, typed):
    for url in (PEOPLE, ORGANIZATIONS, BODIES):
        response = client.get(url, {"namn": typed, "page": "x"})
        assert response.status_code == 200, (url, typed)


def test_an_over_long_name_is_refused_with_a_message(client, council):
    text = page_text(client.get(PEOPLE, {"namn": "a" * 201}))

    assert "som mest 200 tecken" in text
    assert "Anna Wållberg" not in text


# The organisation list


def test_organisation_list_filters_by_name_and_counts_bodies_and_people(client, council):
    text = page_text(client.get(ORGANIZATIONS, {"namn": "Haninge"}))

    assert "Haninge Kommun 1 1" in text
    assert "Tyresö" not in text
    everything = page_text(client.get(ORGANIZATIONS))
    assert "Tyresö" in everything and "Södertörnskommunerna" in everything


def test_organisation_list_queries_do_not_grow_with_rows(client, django_assert_max_num_queries):
    for number in range(20):
        Organization.objects.create(name=f"Bolag {number}")
    with django_assert_max_num_queries(SIGNED_IN_QUERIES + 3):
        assert client.get(ORGANIZATIONS).status_code == 200


# The body list


def test_body_list_groups_bodies_by_organisation(client, council):
    response = client.get(BODIES)

    text = page_text(response)
    assert text.index("Haninge Organ inom Haninge") < text.index("Tyresö Organ inom Tyresö")
    assert "Kommunstyrelsen 3 1 februari 2024" in text
    assert f'href="{body_url(council.ks)}"' in response.content.decode()
    assert f'href="{body_url(council.other_ks)}"' in response.content.decode()


def test_body_list_filter_finds_a_body_by_its_and_its_organisations_name(client, council):
    response = client.get(BODIES, {"namn": "komunstyrelsen tyreso"})

    content = response.content.decode()
    assert f'href="{body_url(council.other_ks)}"' in content
    assert f'href="{body_url(council.ks)}"' not in content
    assert "Inget organ har ett namn som liknar" in page_text(
        client.get(BODIES, {"namn": "Socialnämnden"}))


def test_body_list_queries_do_not_grow_with_rows(client, council, django_assert_max_num_queries):
    for number in range(20):
        Body.objects.create(organization=council.haninge, name=f"Arbetsgrupp {number}")
    with django_assert_max_num_queries(SIGNED_IN_QUERIES + 3):
        assert client.get(BODIES).status_code == 200


# A body's page


def test_body_page_lists_its_meetings_by_year_newest_first(client, council):
    factories.meeting(dt.date(2024, 5, 1), title="Annat organs möte")

    text = page_text(client.get(body_url(council.ks)))

    assert "Kommunstyrelsen" in text and "Haninge" in text
    assert text.index("2024") < text.index("Budgetmötet") < text.index("2023")
    assert text.index("Höstmötet") < text.index("Vårmötet")
    assert "Annat organs möte" not in text


def test_body_page_shows_its_members_with_role_and_first_and_last_meeting(client, council):
    response = client.get(body_url(council.ks))

    text = page_text(response)
    assert "Anna Wållberg Ordförande 1 mars 2023 1 februari 2024 3" in text
    assert "Jonas Gyllestad Övrig närvarande 1 mars 2023 1 september 2023 2" in text
    assert text.index("Anna Wållberg Ordförande") < text.index("Jonas Gyllestad Övrig")
    assert "Rickard Sundbom" not in text
    person_url = reverse("municipalities:person-detail", args=[council.gyllestad.pk])
    assert f'href="{person_url}"' in response.content.decode()


def test_body_page_of_a_missing_body_is_not_found(client, council):
    assert client.get(reverse("municipalities:body-detail", args=[0])).status_code == 404
    assert client.get("/organ/999999999/").status_code == 404
    assert client.get(body_url(council.ks), {"page": "abc"}).status_code == 200


def test_body_page_costs_the_same_queries_for_many_members(client, council,
                                                          django_assert_max_num_queries):
    for number in range(20):
        factories.attend(council.meetings[1], factories.person(f"Ledamot {number}"))
    with django_assert_max_num_queries(SIGNED_IN_QUERIES + 5):
        assert client.get(body_url(council.ks)).status_code == 200


# Links to bodies elsewhere


def test_meeting_tables_link_the_body(client, council):
    content = client.get(reverse("minutes:meeting-list")).content.decode()

    assert f'<a href="{body_url(council.ks)}">Kommunstyrelsen</a>' in content


def test_person_page_sums_up_meetings_bodies_and_roles(client, council):
    response = client.get(reverse("municipalities:person-detail", args=[council.wallberg.pk]))

    text = page_text(response)
    assert "Antal möten 3" in text
    assert "Första möte 1 mars 2023" in text
    assert "Senaste möte 1 februari 2024" in text
    assert "Kommunstyrelsen (3 möten)" in text
    assert "Roller Ordförande" in text
    assert f'href="{body_url(council.ks)}"' in response.content.decode()


def test_person_page_summary_leaves_out_absences(client, council):
    text = page_text(client.get(
        reverse("municipalities:person-detail", args=[council.gyllestad.pk])))

    assert "Antal möten 2" in text
    assert "Senaste möte 1 september 2023" in text


def test_organisation_page_links_its_bodies(client, council):
    response = client.get(reverse("municipalities:organization-detail", args=[council.haninge.pk]))

    assert f'<a href="{body_url(council.ks)}">Kommunstyrelsen</a> (3 möten)' in (
        " ".join(response.content.decode().split()))


def test_menu_links_people_and_bodies_after_decisions(client):
    response = client.get(PEOPLE)

    assert "Beslut Personer Organ" in page_text(response)
    content = response.content.decode()
    assert '<a href="/personer/" aria-current="page">Personer</a>' in content
    assert '<a href="/organ/">Organ</a>' in content
