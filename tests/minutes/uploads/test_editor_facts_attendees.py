"""A secretary corrects the reading of an upload in its preview, the editor: the meeting's
facts and the attendees (corrected, removed, added, split, merged, which person each is),
marks warnings as checked, and confirms what the page shows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from minutes.editor_forms import attendees_state
from minutes.models import Meeting, SourceDocument
from municipalities.models import Person
from municipalities.services import organization_get_or_create
from tests import factories
from tests.minutes.uploads.conftest import archive_counts
from tests.minutes.uploads.test_upload_flow import attendee_row

pytestmark = pytest.mark.django_db

MINUTES = """Protokoll Ledningsgruppen

Tid 2024-05-02 kl 09.00-10.00
Plats Stadshuset

Deltagare
Eva Lind, Haninge kommun
Lise-Lott Larsson, Kolessar Vinnova
Kaffe Kaka, Fikarummet
Per Ek, Region Stockholm

1. Budget
Vi pratade om budgeten.

Beslut
Att godkänna budgeten.

2. Övrigt
Inget.
"""


@pytest.fixture
def pending(uploaded) -> SourceDocument:
    source = uploaded(("protokoll.txt", MINUTES.encode()), body="Ledningsgruppen")
    assert source.status == SourceDocument.Status.PENDING, source.error
    return source


def names(source: SourceDocument) -> list[str]:
    source.refresh_from_db()
    return [a["name"] for a in (source.draft or source.parsed)["attendees"]]


def row_of(source: SourceDocument, name: str) -> int:
    found = names(source)
    assert name in found, found
    return found.index(name)


def state(source: SourceDocument) -> str:
    source.refresh_from_db()
    return attendees_state((source.draft or source.parsed)["attendees"])


def url(name: str, source: SourceDocument) -> str:
    return reverse(f"minutes:{name}", args=[source.pk])


def attendee_post(client, source, row, **changes):
    values = {"name": "", "affiliation": "", "status": "present", "role": "", "items": "",
              "person": "", "state": state(source), "row": "" if row is None else row}
    if row is not None:
        attendee = (source.draft or source.parsed)["attendees"][row]
        values.update(name=attendee["name"], affiliation=attendee["affiliation"] or "")
    values.update(changes)
    return client.post(url("import-attendee", source), values)


def confirm(client, source: SourceDocument, **changes):
    facts = {"title": "Ledningsgruppens möte", "date": "2024-05-02", "start_time": "09:00",
             "end_time": "10:00", "place": "Stadshuset", "body": "Ledningsgruppen"}
    facts.update(changes)
    return client.post(url("import-confirm", source), facts)


def test_corrected_name_and_organisation_is_the_stored_attendee_and_person(
    secretary_client, pending
):
    row = row_of(pending, "Lise-Lott Larsson")
    page = secretary_client.get(f"{url('import-attendee', pending)}?rad={row}")
    assert page.status_code == 200
    assert 'value="Kolessar Vinnova"' in page.content.decode()

    response = attendee_post(secretary_client, pending, row,
                             name="Lise-Lott Larsson Kolessar", affiliation="Vinnova")
    assert response.status_code == 302
    preview = secretary_client.get(url("import-detail", pending)).content.decode()
    assert attendee_row(preview, "Lise-Lott Larsson Kolessar").startswith("Vinnova")

    response = confirm(secretary_client, pending)
    meeting = Meeting.objects.get(source=pending)
    assert response["Location"] == reverse("minutes:meeting-detail", args=[meeting.pk])
    page = secretary_client.get(response["Location"]).content.decode()
    assert "Lise-Lott Larsson Kolessar" in page
    person = Person.objects.get(full_name="Lise-Lott Larsson Kolessar")
    assert person.organization.name == "Vinnova"
    assert not Person.objects.filter(full_name="Lise-Lott Larsson").exists()
    assert meeting.attendances.filter(person=person, affiliation_as_written="Vinnova").exists()


def test_junk_attendee_is_removed_after_asking_and_not_stored(secretary_client, pending):
    row = row_of(pending, "Kaffe Kaka")
    asked = secretary_client.get(f"{url('import-attendee-remove', pending)}?rad={row}")
    assert asked.status_code == 200
    assert "Ta bort Kaffe Kaka" in asked.content.decode()
    assert "Kaffe Kaka" in names(pending)  # asking changes nothing

    posted = {"state": state(pending), "row": row}
    response = secretary_client.post(url("import-attendee-remove", pending), posted)
    assert response.status_code == 302
    assert "Kaffe Kaka" not in names(pending)
    # The same form again (a double click) removes nobody else.
    again = secretary_client.post(url("import-attendee-remove", pending), posted, follow=True)
    assert "ändrades under tiden" in again.content.decode()
    assert len(names(pending)) == 3

    confirm(secretary_client, pending)
    meeting = Meeting.objects.get(source=pending)
    written = set(meeting.attendances.values_list("name_as_written", flat=True))
    assert written == {"Eva Lind", "Lise-Lott Larsson", "Per Ek"}


def test_attendee_added_with_role_and_paragraphs_is_stored(secretary_client, pending):
    response = attendee_post(secretary_client, pending, None, name="Nils Nord",
                             affiliation="Haninge kommun", role="secretary", items="2")
    assert response.status_code == 302
    assert names(pending)[-1] == "Nils Nord"

    confirm(secretary_client, pending)
    attendance = Meeting.objects.get(source=pending).attendances.get(name_as_written="Nils Nord")
    assert (attendance.role, attendance.items) == ("secretary", [2])


def test_bad_paragraphs_are_refused_with_a_message_and_change_nothing(
    secretary_client, pending
):
    before = names(pending)
    response = attendee_post(secretary_client, pending, 0, items="tre")
    assert response.status_code == 400
    assert 'href="#id_items"' in response.content.decode()
    assert names(pending) == before


def test_one_row_of_two_people_is_split_into_two_attendees(secretary_client, pending):
    row = row_of(pending, "Per Ek")
    response = secretary_client.post(url("import-attendee-split", pending), {
        "first_name": "Per Ek", "first_affiliation": "Region Stockholm",
        "second_name": "Anna Ek", "second_affiliation": "Region Stockholm",
        "state": state(pending), "row": row,
    })
    assert response.status_code == 302
    assert names(pending)[row:row + 2] == ["Per Ek", "Anna Ek"]

    confirm(secretary_client, pending)
    meeting = Meeting.objects.get(source=pending)
    assert meeting.attendances.filter(name_as_written="Anna Ek").exists()
    assert meeting.attendances.filter(name_as_written="Per Ek").exists()


def test_two_rows_of_one_person_are_merged(secretary_client, pending):
    keep, merge = row_of(pending, "Eva Lind"), row_of(pending, "Kaffe Kaka")
    response = secretary_client.post(url("import-attendee-merge", pending), {
        "keep": keep, "merge": merge, "state": state(pending),
    })
    assert response.status_code == 302
    assert names(pending) == ["Eva Lind", "Lise-Lott Larsson", "Per Ek"]

    same = secretary_client.post(url("import-attendee-merge", pending), {
        "keep": 0, "merge": 0, "state": state(pending)})
    assert same.status_code == 400
    assert "två olika deltagare" in same.content.decode()


def test_new_person_is_made_even_when_a_similar_one_exists(secretary_client, pending):
    organization = organization_get_or_create(name="Region Stockholm")
    known = factories.person("Per Ek", organization)
    row = row_of(pending, "Per Ek")
    page = secretary_client.get(f"{url('import-attendee', pending)}?rad={row}").content.decode()
    assert f'value="{known.pk}"' in page

    attendee_post(secretary_client, pending, row, person="new")
    confirm(secretary_client, pending)
    stored = Meeting.objects.get(source=pending).attendances.get(name_as_written="Per Ek")
    assert stored.person != known
    assert Person.objects.filter(full_name="Per Ek").count() == 2


def test_chosen_known_person_is_the_stored_person(secretary_client, pending):
    known = factories.person("Eva Lindh", organization_get_or_create(name="Haninge kommun"))
    row = row_of(pending, "Eva Lind")
    page = secretary_client.get(f"{url('import-attendee', pending)}?rad={row}").content.decode()
    assert f'value="{known.pk}"' in page  # offered as similar

    attendee_post(secretary_client, pending, row, person=str(known.pk))
    preview = secretary_client.get(url("import-detail", pending)).content.decode()
    assert "Vald person:" in preview
    confirm(secretary_client, pending)
    stored = Meeting.objects.get(source=pending).attendances.get(name_as_written="Eva Lind")
    assert stored.person == known


def test_facts_are_saved_into_the_draft_and_shown(secretary_client, pending):
    response = secretary_client.post(url("import-facts", pending), {
        "title": "Extra möte", "date": "2024-05-03", "start_time": "13:00", "end_time": "",
        "place": "Rådhuset", "body": "Krisledningen"})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert (pending.draft["title"], pending.draft["start"]) == ("Extra möte", "2024-05-03T13:00")
    page = secretary_client.get(url("import-detail", pending)).content.decode()
    assert 'value="Rådhuset"' in page
    assert 'value="Krisledningen"' in page


def test_date_out_of_range_is_refused_with_a_message_and_nothing_changes(
    secretary_client, pending
):
    counts = archive_counts()
    response = secretary_client.post(url("import-facts", pending), {
        "title": "", "date": "1066-10-14", "start_time": "", "end_time": "", "place": "",
        "body": ""})
    assert response.status_code == 400
    assert 'href="#id_date"' in response.content.decode()
    pending.refresh_from_db()
    assert pending.draft is None
    assert archive_counts() == counts


def test_editing_after_confirm_or_discard_is_refused_with_a_message(
    secretary_client, pending, uploaded
):
    row_state = state(pending)
    confirm(secretary_client, pending)
    response = secretary_client.post(url("import-attendee-remove", pending),
                                     {"state": row_state, "row": 0})
    assert response.status_code == 409
    assert "väntar inte på bekräftelse" in response.content.decode()
    assert Meeting.objects.get(source=pending).attendances.count() == 4

    other = uploaded(("annat.txt", MINUTES.replace("Budget", "Skolan").encode()))
    secretary_client.post(url("import-cancel", other))
    response = secretary_client.post(url("import-facts", other), {"title": "Nytt"},
                                     follow=True)
    assert "väntar inte på bekräftelse" in response.content.decode()
    other.refresh_from_db()
    assert other.draft is None


def test_second_confirm_gives_the_same_meeting(secretary_client, pending):
    first = confirm(secretary_client, pending)
    second = confirm(secretary_client, pending)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Meeting.objects.filter(source=pending).count() == 1


def test_a_warning_is_shown_by_the_facts_and_marked_checked(secretary_client, uploaded):
    source = uploaded(("utan-datum.txt", MINUTES.replace(
        "Tid 2024-05-02 kl 09.00-10.00\n", "").encode()))
    assert source.status == SourceDocument.Status.PENDING, source.error
    index = next(i for i, w in enumerate(source.warnings) if w["code"] == "date")
    page = secretary_client.get(url("import-detail", source)).content.decode()
    assert f'id="warning-{index}"' in page
    assert "Markera som kontrollerad" in page

    response = secretary_client.post(url("import-warning-check", source), {"warning": index})
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.checked_warnings == [index]
    page = secretary_client.get(url("import-detail", source)).content.decode()
    assert "is-checked" in page

    refused = secretary_client.post(url("import-warning-check", source), {"warning": 999},
                                    follow=True)
    assert "Det finns ingen sådan varning" in refused.content.decode()


def test_a_row_that_is_not_there_is_not_found_and_a_stale_form_changes_nothing(
    secretary_client, pending
):
    for rad in ("abc", "99", "-1", ""):
        page = secretary_client.get(f"{url('import-attendee-split', pending)}?rad={rad}")
        assert page.status_code == 404, rad
    stale = attendee_post(secretary_client, pending, 0, name="Eva Lindqvist", state="0" * 16)
    assert stale.status_code == 302
    assert "Eva Lind" in names(pending)
    assert "Eva Lindqvist" not in names(pending)


def test_a_corrected_secretary_stays_the_secretary(secretary_client, uploaded):
    text = MINUTES.replace("Per Ek, Region Stockholm\n",
                           "Per Ek, Region Stockholm\n\nSekreterare: Lise-Lott Larsson\n")
    source = uploaded(("sekreterare.txt", text.encode()))
    assert source.parsed["secretary"] == "Lise-Lott Larsson"
    row = row_of(source, "Lise-Lott Larsson")
    attendee_post(secretary_client, source, row, name="Lise-Lott Larsson Kolessar",
                  affiliation="Vinnova")
    confirm(secretary_client, source)
    meeting = Meeting.objects.get(source=source)
    assert meeting.secretary.full_name == "Lise-Lott Larsson Kolessar"
