"""A municipal protokoll writes its members with their party and its officials with their
title: they are stored as people of the municipality, never as organisations "S" or
"nämndsekreterare"."""

from __future__ import annotations

import pytest

from minutes.models import Attendance
from minutes.services import minutes_ingest, preview_attendees
from municipalities.models import Organization, Person
from parsing import parse_text
from tests.decisions.protokoll import namnd_meeting, namnd_text

pytestmark = pytest.mark.django_db


def test_members_and_officials_belong_to_the_municipality_with_party_and_title_kept():
    meeting = namnd_meeting()

    assert meeting.organization.kind == Organization.Kind.MUNICIPALITY
    municipality = meeting.organization.name  # "Lekeberg", as the archive names it
    rows = {
        a.name_as_written: (a.affiliation_as_written, a.organization.name, a.person.organization)
        for a in Attendance.objects.filter(meeting=meeting).select_related(
            "organization", "person__organization")
    }
    assert rows["Olle Berg"] == ("S", municipality, meeting.organization)
    assert rows["Tove Rask"] == ("nämndsekreterare", municipality, meeting.organization)
    names = set(Organization.objects.values_list("name", flat=True))
    assert not names & {"S", "M", "SD", "KD", "C", "L", "V", "förvaltningschef",
                        "nämndsekreterare", "bygglovshandläggare"}


def test_the_same_member_in_the_next_protokoll_is_the_same_person():
    namnd_meeting()
    again = namnd_text().replace("2025-03-11", "2025-04-08").replace("2025-03-13", "2025-04-10")
    minutes_ingest(data=again.encode(), filename="mbn-2025-04-08.txt")

    assert Person.objects.filter(full_name="Olle Berg").count() == 1
    assert Attendance.objects.filter(person__full_name="Olle Berg").count() == 2


def test_an_organisation_named_in_a_protokoll_stays_that_organisation():
    text = namnd_text().replace("Tove Rask, nämndsekreterare", "Tove Rask, Region Örebro län")
    assert "Region Örebro län" in text
    meeting = minutes_ingest(data=text.encode(), filename="mbn-region.txt").meeting

    tove = Attendance.objects.select_related("organization").get(
        meeting=meeting, name_as_written="Tove Rask")
    assert tove.organization.name == "Region Örebro län"


def test_the_preview_shows_a_known_member_as_known():
    meeting = namnd_meeting()
    olle = Attendance.objects.get(meeting=meeting, name_as_written="Olle Berg").person

    previews = {p.name: p for p in preview_attendees(parse_text(namnd_text()))}

    assert previews["Olle Berg"].match == "matched"
    assert previews["Olle Berg"].person == olle
