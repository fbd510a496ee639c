"""What the upload preview says of each attendee is what confirming stores: a known person is
the person the attendance goes to (found by name and organisation, or by an alias), and a new
person is created, never an archived one taken instead."""

from __future__ import annotations

import pytest
from django.urls import reverse

from minutes.models import Meeting
from municipalities.models import Organization, Person
from tests import factories
from tests.minutes.uploads.documents import seed_document
from tests.minutes.uploads.test_upload_flow import confirm, source_of, upload

pytestmark = pytest.mark.django_db


def preview_rows(page: str) -> dict[str, str]:
    """The HTML of each attendee's row in the preview, by the name shown."""
    rows = {}
    for part in page.split('<th scope="row">')[1:]:
        head, rest = part.split("</th>", 1)
        name = head.split("<", 1)[0]  # the name, before the row's links
        rows[name.strip()] = rest[:rest.index("</tr>")]
    return rows


def known_person_shown(row: str) -> int | None:
    """The id of the person a row calls known, or None when it says the person is new."""
    if "Känd person:" not in row:
        return None
    link = row.split('href="', 1)[1].split('"', 1)[0]
    [person] = [p for p in Person.objects.all()
                if reverse("municipalities:person-detail", args=[p.pk]) == link]
    return person.pk


@pytest.fixture
def archived_people() -> dict[str, Person]:
    """People the seed's minutes name, archived before they are uploaded."""
    return {
        # The same name and organisation.
        "meeri": factories.person("Meeri Wasberg", factories.organization("Haninge")),
        # Spelt differently, with the minutes' spelling as an alias.
        "daniel": factories.person("Daniel Dronjac", factories.organization("Huddinge"),
                                   aliases=["Daniel Dronjak"]),
        # The name, but of no organisation, while the minutes write one the archive does not
        # hold yet ("Södertörnsmodellen"): confirming creates that organisation and a person.
        "susanne": factories.person("Susanne Pollak"),
    }


def test_each_person_the_preview_calls_known_is_the_one_confirming_stores(
    secretary_client, archived_people
):
    assert not Organization.objects.filter(name="Södertörnsmodellen").exists()
    before = set(Person.objects.values_list("pk", flat=True))
    name, data = seed_document("000", "txt")
    source = source_of(upload(secretary_client, name, data))

    page = secretary_client.get(reverse("minutes:import-detail", args=[source.pk]))
    shown = {name: known_person_shown(row) for name, row in preview_rows(page.content.decode())
             .items()}
    confirm(secretary_client, source, date="2018-06-06")
    meeting = Meeting.objects.get(source=source)
    stored = dict(meeting.attendances.values_list("name_as_written", "person_id"))

    assert len(shown) == 20 and set(shown) == set(stored)
    assert shown["Meeri Wasberg"] == archived_people["meeri"].pk
    assert shown["Daniel Dronjak"] == archived_people["daniel"].pk
    assert shown["Susanne Pollak"] is None
    for attendee, person in shown.items():
        if person is None:
            assert stored[attendee] not in before, f"{attendee} was new in the preview"
        else:
            assert stored[attendee] == person, f"{attendee} is not whom the preview showed"
    susanne = Person.objects.get(pk=stored["Susanne Pollak"])
    assert susanne.organization.name == "Södertörnsmodellen"


def test_the_preview_suggests_a_similar_person_it_does_not_take(
    secretary_client, archived_people
):
    name, data = seed_document("000", "txt")
    source = source_of(upload(secretary_client, name, data))

    page = secretary_client.get(reverse("minutes:import-detail", args=[source.pk]))
    row = preview_rows(page.content.decode())["Susanne Pollak"]

    assert "Ny person, möjligen samma som" in row
    assert reverse("municipalities:person-detail", args=[archived_people["susanne"].pk]) in row
