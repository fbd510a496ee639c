"""An administrator corrects what the parser read of a vote or a reservation in the admin:
on the agenda item's page (its votes' counts, its reservations, jäv and notes) and on the
vote's own page (who voted how). The correction is kept in the history."""

from __future__ import annotations

import pytest
from django.urls import reverse
from reversion.models import Version

from decisions.models import Ballot, Statement, Vote
from tests.decisions.protokoll import VOTE_CASE, namnd_meeting
from tests.municipalities.html_forms import form_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, admin_user):
    client.force_login(admin_user)
    return client


def _save(client, url: str, form_id: str, changes: dict[str, str]):
    page = client.get(url)
    assert page.status_code == 200
    data = form_fields(page.content.decode(), form_id)
    for name, value in changes.items():
        assert name in data, f"no field {name}"
        data[name] = [value]
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]


def test_a_ballot_read_wrong_is_corrected_on_the_votes_page(signed_in):
    namnd_meeting()
    vote = Vote.objects.get(item__case_number=VOTE_CASE)
    ballot = vote.ballots.order_by("order").first()
    other = "no" if ballot.choice == "yes" else "yes"
    url = reverse("admin:decisions_vote_change", args=[vote.pk])

    _save(signed_in, url, "vote_form", {"ballots-0-choice": other})

    assert Ballot.objects.get(pk=ballot.pk).choice == other
    assert Version.objects.get_for_object(Ballot.objects.get(pk=ballot.pk)).exists()


def test_a_reservation_and_a_vote_count_are_corrected_on_the_items_page(signed_in):
    namnd_meeting()
    vote = Vote.objects.get(item__case_number=VOTE_CASE)
    item = vote.item
    statement = item.statements.order_by("order").first()
    url = reverse("admin:minutes_agendaitem_change", args=[item.pk])
    page = signed_in.get(url).content.decode()
    assert statement.name_as_written in page
    fields = form_fields(page, "agendaitem_form")
    row = next(i for i in range(10) if fields.get(f"statements-{i}-id") == [str(statement.pk)])

    _save(signed_in, url, "agendaitem_form", {
        "votes-0-yes": str(vote.yes + 1),
        f"statements-{row}-text": "Till förmån för eget yrkande.",
    })

    assert Vote.objects.get(pk=vote.pk).yes == vote.yes + 1
    assert Statement.objects.get(pk=statement.pk).text == "Till förmån för eget yrkande."
