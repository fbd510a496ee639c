"""Fixtures of the people tests: two Helenas who are one, in three small meetings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Permission, User

from decisions.models import Decision
from minutes.models import Attendance, Meeting, SourceDocument
from municipalities.models import Person
from municipalities.services import organization_get_or_create
from tests import factories


def make_meeting(title: str, day: dt.date, *, text: str = "") -> Meeting:
    source = factories.source_document(
        title.encode(), name=f"{title}.txt", extracted_text=text,
        status=SourceDocument.Status.IMPORTED,
    )
    return factories.meeting(day, title=title, organization=factories.organization(),
                             source=source)


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
    factories.attend(january, sundberg, Attendance.Status.PRESENT)
    factories.attend(january, sandberg, Attendance.Status.OTHER, items=[2, 3])
    factories.attend(february, sandberg, Attendance.Status.OTHER,
                     role=Attendance.Role.SECRETARY)
    factories.attend(march, sundberg)
    february.secretary = sandberg
    february.save()
    february.adjusters.add(sandberg)
    item = factories.agenda_item(february, 4, "Tvärförbindelse Södertörn")
    decision = factories.decision(item, "Trafikverket återkommer.", assigned=[sandberg])
    shared = factories.decision(item, "Gemensam genomgång.", assigned=[sandberg, sundberg])
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
