"""An administrator merges two people in the admin, sees the kept one with the other's name as
an alias, then undoes the merge and finds both again with their meetings. The merge
confirmation and undo pages pass axe-core's WCAG 2.1 AA checks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from reversion.models import Revision

from config.roles import ADMINISTRATORS
from minutes.models import Attendance
from municipalities.models import Person, PersonMerge
from municipalities.services import person_merge_undo
from tests.browser.conftest import committed, project_rows, remove_rows_added_since
from tests.browser.helpers import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture
def duplicate(archive, django_db_blocker) -> Iterator[tuple[Person, Person]]:
    """(Helena Sundberg of the 2019 seed, "Helena Sandberg": the same woman misread at the
    2018 meeting). Committed for the live server; afterwards, a merge left standing is undone
    and every row and revision the journey added is removed."""

    def create() -> tuple[Person, Person]:
        sundberg = Person.objects.get(full_name="Helena Sundberg")
        sandberg = Person.objects.create(
            full_name="Helena Sandberg", organization=sundberg.organization
        )
        Attendance.objects.create(
            meeting=archive["000"],
            person=sandberg,
            name_as_written="Helena Sandberg",
            affiliation_as_written="Trafikverket",
            organization=sundberg.organization,
            status=Attendance.Status.OTHER,
            order=99,
        )
        return sundberg, sandberg

    def undo_what_stands() -> None:
        for record in PersonMerge.objects.exclude(pk__in=before[PersonMerge]).filter(
            undone_at__isnull=True
        ):
            person_merge_undo(merge_record=record, user=None)

    with django_db_blocker.unblock():
        before = committed(project_rows)
        revisions = committed(lambda: set(Revision.objects.values_list("pk", flat=True)))
        people = committed(create)
    yield people
    with django_db_blocker.unblock():
        committed(undo_what_stands)
        committed(lambda: remove_rows_added_since(before))
        committed(lambda: Revision.objects.exclude(pk__in=revisions).delete())


def meetings_listed(page: Page, person: Person) -> list[str]:
    """The meeting links in the attendance table of the person's public page (the table
    links each meeting's body too)."""
    page.goto(reverse("municipalities:person-detail", args=[person.pk]))
    table = page.locator("section[aria-labelledby='attendances-heading'] tbody")
    rows = table.locator("tr a[href^='/moten/']")
    return sorted(rows.evaluate_all("(links) => links.map((a) => a.getAttribute('href'))"))


def meeting_url(meeting) -> str:
    return reverse("minutes:meeting-detail", args=[meeting.pk])


def test_administrator_merges_two_people_and_undoes_it(signed_in_page, archive, duplicate):
    sundberg, sandberg = duplicate
    page = signed_in_page(ADMINISTRATORS)
    m2018, m2019 = meeting_url(archive["000"]), meeting_url(archive["001"])
    assert meetings_listed(page, sundberg) == [m2019]
    assert meetings_listed(page, sandberg) == [m2018]

    # From the list of possible duplicates to the confirmation page.
    page.goto(reverse("admin:municipalities_person_changelist"))
    page.get_by_role("link", name="Möjliga dubbletter").click()
    page.get_by_role("link", name="Sammanfoga Helena Sundberg och Helena Sandberg").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Sammanfoga Helena Sandberg med Helena Sundberg"
    )
    expect(page.locator("#merge-attendances")).to_contain_text("Ledningsgruppen 2018-06-06")
    expect(page.locator("#merge-aliases")).to_contain_text("Helena Sandberg (ny)")
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)

    page.get_by_role("button", name="Sammanfoga Helena Sandberg med Helena Sundberg").click()

    merged = page.get_by_text("Helena Sandberg har sammanfogats med Helena Sundberg.")
    expect(merged).to_be_visible()
    expect(page.get_by_label("Alias:")).to_have_value("Helena Sandberg")
    assert meetings_listed(page, sundberg) == sorted([m2018, m2019])
    gone = page.goto(reverse("municipalities:person-detail", args=[sandberg.pk]))
    assert gone is not None and gone.status == 404

    # Undone from the list of merges.
    page.goto(reverse("admin:municipalities_personmerge_changelist"))
    page.get_by_role(
        "link", name="Ångra sammanfogningen av Helena Sandberg med Helena Sundberg"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Ångra sammanfogningen av Helena Sandberg med Helena Sundberg"
    )
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)
    page.get_by_role("button", name="Ångra sammanfogningen").click()

    expect(page.get_by_text("är två personer igen")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Helena Sandberg")).to_contain_text("Ångrad")
    page.get_by_role("link", name="Helena Sandberg", exact=True).first.click()
    expect(page.get_by_label("Fullständigt namn:")).to_have_value("Helena Sandberg")
    assert meetings_listed(page, sandberg) == [m2018]
    assert meetings_listed(page, sundberg) == [m2019]
