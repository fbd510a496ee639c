"""Ingest and re-parsing find the people the minutes name as the upload preview does (the one
resolver, municipalities.services): by name and organisation, else by an alias, else a new
person."""

from __future__ import annotations

import pytest

from minutes.services import minutes_ingest, minutes_reparse, preview_attendees
from municipalities.models import Person
from parsing import parse_bytes
from tests import factories
from tests.samples import seed

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def test_an_alias_written_in_the_minutes_is_the_aliased_person_in_preview_ingest_and_reparse():
    daniel = factories.person("Daniel Dronjac", factories.organization("Huddinge"),
                              aliases=["Daniel Dronjak"])
    path = seed("000")
    parsed = parse_bytes(path.read_bytes(), path.name)

    [previewed] = [a for a in preview_attendees(parsed) if a.name == "Daniel Dronjak"]
    result = minutes_ingest(data=path.read_bytes(), filename=path.name)
    stored = result.meeting.attendances.get(name_as_written="Daniel Dronjak")
    meeting = minutes_reparse(source=result.source)

    assert (previewed.match, previewed.person) == ("matched", daniel)
    assert stored.person == daniel
    assert meeting.attendances.get(name_as_written="Daniel Dronjak").person == daniel
    assert not Person.objects.filter(normalized_name="daniel dronjak").exists()


def test_ingest_creates_each_new_person_once_with_the_organisation_written():
    path = seed("000")

    result = minutes_ingest(data=path.read_bytes(), filename=path.name)

    attendance = result.meeting.attendances.select_related("person").get(
        name_as_written="Bob Wållberg")
    assert attendance.person.organization.name == "Nykvarn"
    assert attendance.organization == attendance.person.organization
    assert Person.objects.filter(normalized_name="bob wållberg").count() == 1
    # Read again, the same names go to the same people: nobody new.
    people = Person.objects.count()
    minutes_reparse(source=result.source)
    assert Person.objects.count() == people
