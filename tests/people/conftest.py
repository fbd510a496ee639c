"""Fixtures of the people tests: two Helenas who are one, in three small meetings."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Permission, User

from decisions.models import Decision
from minutes.models import AgendaItem, Attendance, Meeting, SourceDocument
from minutes.services import body_for_name
from municipalities.models import Organization, Person
from municipalities.services import organization_get_or_create


def make_meeting(title: str, day: dt.date, *, text: str = "") -> Meeting:
    sha = hashlib.sha256(title.encode()).hexdigest()
    source = SourceDocument.objects.create(
        file=f"originals/{sha[:2]}/{sha}.txt",
        sha256=sha,
        original_name=f"{title}.txt",
        content_type="text/plain",
        size=len(text) or 1,
        extracted_text=text,
        status=SourceDocument.Status.IMPORTED,
    )
    return Meeting.objects.create(
        body=body_for_name("Ledningsgruppen", organization=None),
        title=title,
        start_date=day,
        organization=Organization.objects.get(name="Södertörnskommunerna"),
        source=source,
    )


def attend(meeting: Meeting, person: Person, status: str = Attendance.Status.PRESENT, **kw):
    return Attendance.objects.create(
        meeting=meeting,
        person=person,
        name_as_written=kw.pop("name_as_written", person.full_name),
        affiliation_as_written=kw.pop("affiliation_as_written", "Trafikverket"),
        organization=person.organization,
        status=status,
        order=meeting.attendances.count(),
        **kw,
    )


@dataclass
class Helenas:
    """Sundberg (kept) and Sandberg (the misspelling), and where each appears.

    January: both attended (a conflict). February: only Sandberg, who was also secretary
    and adjuster, and is assigned two decisions (one with Sundberg). March: only Sundberg.
    """

    sundberg: Person
    sandberg: Person
    january: Meeting
    february: Meeting
    march: Meeting
    decision: Decision
    shared_decision: Decision


@pytest.fixture
def helenas(db) -> Helenas:
    trafikverket = organization_get_or_create(name="Trafikverket")
    sundberg = Person.objects.create(
        full_name="Helena Sundberg", organization=trafikverket, aliases=["H. Sundberg"]
    )
    sandberg = Person.objects.create(
        full_name="Helena Sandberg",
        organization=trafikverket,
        aliases=["H. Sandberg", "helena  sundberg", "H. Sundberg"],
    )
    january = make_meeting("Januarimötet", dt.date(2019, 1, 10))
    february = make_meeting(
        "Februarimötet",
        dt.date(2019, 2, 14),
        text="Närvarande: Helena Sandberg, Trafikverket. Sekreterare H. Sandberg.",
    )
    march = make_meeting("Marsmötet", dt.date(2019, 3, 14))
    attend(january, sundberg, Attendance.Status.PRESENT)
    attend(january, sandberg, Attendance.Status.OTHER, items=[2, 3])
    attend(february, sandberg, Attendance.Status.OTHER, role=Attendance.Role.SECRETARY)
    attend(march, sundberg)
    february.secretary = sandberg
    february.save()
    february.adjusters.add(sandberg)
    item = AgendaItem.objects.create(
        meeting=february, number="4", title="Tvärförbindelse Södertörn", text="", order=1
    )
    decision = Decision.objects.create(item=item, text="Trafikverket återkommer.", order=1)
    decision.assigned.add(sandberg)
    shared = Decision.objects.create(item=item, text="Gemensam genomgång.", order=2)
    shared.assigned.add(sandberg, sundberg)
    return Helenas(sundberg, sandberg, january, february, march, decision, shared)


def staff_with(*codenames: str, username: str = "staff") -> User:
    """A user let into the admin (who may correct meetings) with these person permissions."""
    user = User.objects.create_user(username, password="x", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="minutes", codename="change_meeting"),
        *Permission.objects.filter(
            content_type__app_label="municipalities", codename__in=codenames
        ),
    )
    return user
