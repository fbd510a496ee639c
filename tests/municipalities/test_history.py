"""History of the archive's records in the admin: recorded on change, reverted, recovered.

Reverting or recovering in the admin saves through the change form, so search is brought up
to date as a correction by hand brings it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from reversion.models import Version

from minutes.models import AgendaItem, Meeting
from search.index import search_index_refresh
from search.results import search_items
from tests import factories
from tests.municipalities.conftest import make_meeting
from tests.municipalities.html_forms import form_fields

pytestmark = pytest.mark.django_db


def found(words: str) -> set[int]:
    return set(search_items(AgendaItem.objects.all(), words).queryset.values_list("pk", flat=True))


@pytest.fixture
def meeting() -> Meeting:
    meeting = make_meeting("Ledningsgruppens möte", dt.date(2019, 9, 5))
    item = factories.agenda_item(meeting, 3, "Tvärförbindelse Södertörn")
    factories.decision(item, "Trafikverket återkommer med en tidplan.")
    search_index_refresh(meeting_ids=[meeting.pk])
    return meeting


@pytest.fixture
def signed_in(client, admin_user):
    client.force_login(admin_user)
    return client


def save(client, url: str, form_id: str, **changes: str):
    """Submit the form on the page at `url` as shown, with `changes` typed in."""
    page = client.get(url)
    assert page.status_code == 200
    data = form_fields(page.content.decode(), form_id)
    for name, value in changes.items():
        assert name in data, f"no field {name}"
        data[name] = [value]
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return response


def test_reverting_a_meeting_brings_back_the_item_title_and_its_search(signed_in, meeting):
    item = meeting.items.get()
    change = reverse("admin:minutes_meeting_change", args=[meeting.pk])
    save(signed_in, change, "meeting_form", **{"items-0-title": "Cykelstråk Haninge"})
    assert found("cykelstråk") == {item.pk}
    assert found("tvärförbindelse") == set()

    archived = Version.objects.get_for_object(meeting).last()  # the state as archived
    assert archived.revision.comment == (
        "Som arkiverad, före första ändringen i administrationen"
    )
    revert = reverse("admin:minutes_meeting_revision", args=[meeting.pk, archived.pk])
    save(signed_in, revert, "meeting_form")

    item.refresh_from_db()
    assert item.title == "Tvärförbindelse Södertörn"
    assert found("tvärförbindelse") == {item.pk}
    assert found("cykelstråk") == set()


def test_reverting_an_item_brings_back_its_decision_and_its_search(signed_in, meeting):
    item = meeting.items.get()
    change = reverse("admin:minutes_agendaitem_change", args=[item.pk])
    save(signed_in, change, "agendaitem_form", **{"decisions-0-text": "Ärendet bordläggs."})
    assert found("bordläggs") == {item.pk}

    archived = Version.objects.get_for_object(item).last()
    revert = reverse("admin:minutes_agendaitem_revision", args=[item.pk, archived.pk])
    save(signed_in, revert, "agendaitem_form")

    assert item.decisions.get().text == "Trafikverket återkommer med en tidplan."
    assert found("tidplan") == {item.pk}
    assert found("bordläggs") == set()


def test_a_deleted_meeting_is_recovered_with_its_items_and_their_search(signed_in, meeting):
    item = meeting.items.get()
    delete = reverse("admin:minutes_meeting_delete", args=[meeting.pk])
    signed_in.post(delete, {"post": "yes"})
    assert not Meeting.objects.filter(pk=meeting.pk).exists()
    assert found("tvärförbindelse") == set()

    recover_list = signed_in.get(reverse("admin:minutes_meeting_recoverlist"))
    [version] = recover_list.context["deleted"]
    assert version.revision.comment == "Före borttagning"
    save(signed_in, reverse("admin:minutes_meeting_recover", args=[version.pk]), "meeting_form")

    assert Meeting.objects.filter(pk=meeting.pk).exists()
    assert AgendaItem.objects.get(pk=item.pk).decisions.count() == 1
    assert found("tvärförbindelse") == {item.pk}


def test_history_page_lists_who_changed_what(signed_in, meeting, admin_user):
    change = reverse("admin:minutes_meeting_change", args=[meeting.pk])
    save(signed_in, change, "meeting_form", place="Haninge kommunhus")

    history = signed_in.get(reverse("admin:minutes_meeting_history", args=[meeting.pk]))

    rows = [
        (action["revision"].user, action["revision"].get_comment())
        for action in history.context["action_list"]
    ]
    # Newest first: the change, then the state as archived that it can be reverted to.
    assert rows == [
        (admin_user, "Ändrade Plats."),
        (admin_user, "Som arkiverad, före första ändringen i administrationen"),
    ]
    assert "Ändrade Plats." in history.content.decode()
