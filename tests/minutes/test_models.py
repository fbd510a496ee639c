"""The archive's data model: loaded organisations, name resolution, database constraints, admin."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from decisions.models import Decision
from minutes.models import AgendaItem, Attendance, Meeting, SourceDocument
from municipalities.models import Organization, Person
from municipalities.services import organization_get_or_create
from tests import factories

SODERTORN = {
    "Botkyrka": "0127",
    "Haninge": "0136",
    "Huddinge": "0126",
    "Nykvarn": "0140",
    "Nynäshamn": "0192",
    "Salem": "0128",
    "Södertälje": "0181",
    "Tyresö": "0138",
}


def make_source(sha: str = "a" * 64) -> SourceDocument:
    return factories.source_document(sha256=sha, size=123)


def make_meeting(sha: str = "a" * 64) -> Meeting:
    return factories.meeting(
        dt.date(2025, 3, 13),
        title="Ledningsgruppens möte",
        place="Haninge kommunhus",
        organization=factories.organization(),
        source=make_source(sha),
    )


@pytest.mark.django_db
def test_migrations_load_the_sodertorn_municipalities_with_their_codes():
    municipalities = Organization.objects.filter(kind=Organization.Kind.MUNICIPALITY)

    assert {org.name: org.code for org in municipalities} == SODERTORN
    cooperation = Organization.objects.get(name="Södertörnskommunerna")
    assert cooperation.kind == Organization.Kind.COOPERATION
    assert cooperation.code is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Haninge", "Haninge"),
        ("Haninge kommun", "Haninge"),
        ("HANINGE KOMMUN", "Haninge"),
        ("Nykvarns kommun", "Nykvarn"),
        ("Nykvarn", "Nykvarn"),
        ("Södertälje  kommun", "Södertälje"),
        ("Södertörnskommunerna", "Södertörnskommunerna"),
    ],
)
def test_name_forms_resolve_to_one_organisation(written, expected):
    assert Organization.objects.resolve(written) == Organization.objects.get(name=expected)


@pytest.mark.django_db
def test_unknown_name_resolves_to_nothing():
    assert Organization.objects.resolve("Trafikverket") is None
    assert Organization.objects.resolve("") is None


@pytest.mark.django_db
def test_organisation_is_found_by_its_alias():
    org = Organization.objects.create(name="Storsthlm", aliases=["Storstockholm"])

    assert Organization.objects.resolve("Storstockholm") == org


@pytest.mark.django_db
def test_organization_get_or_create_creates_an_agency_once():
    first = organization_get_or_create(name="Trafikverket")
    second = organization_get_or_create(name="Trafikverket")

    assert first == second
    assert first.kind == Organization.Kind.AGENCY
    assert Organization.objects.filter(name="Trafikverket").count() == 1


@pytest.mark.django_db
def test_organization_get_or_create_finds_a_loaded_municipality_by_another_form():
    before = Organization.objects.count()

    assert organization_get_or_create(name="Huddinge kommun").name == "Huddinge"
    assert Organization.objects.count() == before


@pytest.mark.django_db
def test_new_municipality_is_stored_under_its_canonical_name_with_its_code():
    org = organization_get_or_create(name="Stockholms stad")

    assert (org.name, org.kind, org.code) == ("Stockholm", "municipality", "0180")
    assert organization_get_or_create(name="Stockholm") == org


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Region Stockholm", "region"),
        ("Havs- och vattenmyndigheten", "agency"),
        ("Stockholm Exergi AB", "company"),
        ("Södertörns brandförsvarsförbund", "cooperation"),
        ("Norrortskommunerna", "cooperation"),
        ("Röda korset", "other"),
    ],
)
def test_organization_get_or_create_guesses_the_kind(name, kind):
    assert organization_get_or_create(name=name).kind == kind


@pytest.mark.django_db
def test_person_normalised_name_folds_case_and_spacing_but_keeps_diacritics():
    person = Person.objects.create(full_name="  Anna   Söderström ")

    assert person.normalized_name == "anna söderström"


@pytest.mark.django_db
def test_database_rejects_a_second_document_with_the_same_checksum():
    make_source("b" * 64)

    with pytest.raises(IntegrityError), transaction.atomic():
        make_source("b" * 64)


@pytest.mark.django_db
def test_database_rejects_a_duplicate_item_number_in_one_meeting():
    meeting = make_meeting()
    AgendaItem.objects.create(meeting=meeting, number="1", title="Mötets öppnande", order=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.create(meeting=meeting, number="1", title="Igen", order=2)


@pytest.mark.django_db
def test_same_item_number_is_allowed_in_another_meeting():
    AgendaItem.objects.create(meeting=make_meeting("c" * 64), number="1", order=1)
    AgendaItem.objects.create(meeting=make_meeting("d" * 64), number="1", order=1)

    assert AgendaItem.objects.filter(number="1").count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [("status", "sleeping"), ("role", "king")],
)
def test_database_rejects_an_invalid_attendance_status_or_role(field, value):
    meeting = make_meeting()
    values = {"status": Attendance.Status.PRESENT, "role": "", field: value}

    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(
            meeting=meeting,
            person=Person.objects.create(full_name="Rickard Sundbom"),
            name_as_written="Rickard Sundbom",
            **values,
        )


@pytest.mark.django_db
def test_database_rejects_a_person_twice_on_one_meeting():
    meeting = make_meeting()
    person = Person.objects.create(full_name="Rickard Sundbom")
    Attendance.objects.create(meeting=meeting, person=person, status="present")

    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(meeting=meeting, person=person, status="absent")


@pytest.mark.django_db
def test_meetings_newest_first_and_held_between():
    older = make_meeting("e" * 64)
    newer = make_meeting("f" * 64)
    newer.start_date = dt.date(2025, 4, 10)
    newer.save()

    assert list(Meeting.objects.newest_first()) == [newer, older]
    assert list(Meeting.objects.held_between(dt.date(2025, 3, 1), dt.date(2025, 3, 31))) == [
        older
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name",
    [
        "admin:minutes_meeting_changelist",
        "admin:municipalities_person_changelist",
        "admin:municipalities_organization_changelist",
        "admin:minutes_sourcedocument_changelist",
        "admin:minutes_attendance_changelist",
        "admin:minutes_agendaitem_changelist",
        "admin:decisions_decision_changelist",
    ],
)
def test_admin_changelists_answer_for_a_superuser(admin_client, url_name):
    meeting = make_meeting()
    person = Person.objects.create(
        full_name="Anna Söderström", organization=Organization.objects.get(name="Haninge")
    )
    Attendance.objects.create(meeting=meeting, person=person, status="present", role="chair")
    item = AgendaItem.objects.create(meeting=meeting, number="1", title="Öppnande", order=1)
    Decision.objects.create(item=item, text="Att Anna kallar till nästa möte.", order=1)

    response = admin_client.get(reverse(url_name))

    assert response.status_code == 200


@pytest.mark.django_db
def test_admin_meeting_page_shows_its_attendances_and_items(admin_client):
    meeting = make_meeting()
    person = Person.objects.create(full_name="Anna Söderström")
    Attendance.objects.create(
        meeting=meeting, person=person, name_as_written="Anna Söderström", status="present"
    )
    AgendaItem.objects.create(meeting=meeting, number="7", title="Trafikfrågor", order=1)

    response = admin_client.get(reverse("admin:minutes_meeting_change", args=[meeting.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Anna Söderström" in html
    assert "Trafikfrågor" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name", ["admin:minutes_meeting_changelist", "admin:municipalities_person_changelist"]
)
def test_admin_changelists_run_a_fixed_number_of_queries(admin_client, url_name):
    def queries_for_page() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(reverse(url_name)).status_code == 200
        return len(queries)

    haninge = Organization.objects.get(name="Haninge")
    make_meeting("1" * 64)
    Person.objects.create(full_name="Anna Söderström", organization=haninge)
    with_one = queries_for_page()
    for n in range(2, 5):
        make_meeting(str(n) * 64)
        Person.objects.create(full_name=f"Person {n}", organization=haninge)

    assert queries_for_page() == with_one


@pytest.mark.django_db
def test_admin_offers_no_way_to_delete_an_original(admin_client):
    source = make_source()
    listing = admin_client.get("/admin/minutes/sourcedocument/")
    assert listing.status_code == 200
    assert source.original_name in listing.content.decode()
    assert 'value="delete_selected"' not in listing.content.decode()
    delete_url = f"/admin/minutes/sourcedocument/{source.pk}/delete/"
    deleting = admin_client.post(delete_url, {"post": "yes"})
    assert deleting.status_code == 403
    assert SourceDocument.objects.filter(pk=source.pk).exists()
