"""E-mail alerts of saved searches (search/alerts.py, search/tasks.py): the periodic job
mails new hits once, never what was archived before, and each mail can stop its search
without signing in."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail, signing
from django.test import Client
from django.utils import timezone

from config.roles import OFFICIALS
from search.alerts import alerts_send, unsubscribe_token
from search.feed_tokens import feed_token_for
from search.models import SavedSearch
from search.services import saved_search_create
from search.tasks import search_alerts
from tests.jobs import jobs_run
from tests.search.following import archive_minutes, reader

pytestmark = pytest.mark.django_db

UNSUBSCRIBE = "/bevakningar/avsluta/"


@pytest.fixture(autouse=True)
def no_settling(settings):
    """Meetings archived a moment ago are mailed on the next run (tests of the wait set it)."""
    settings.SEARCH_ALERTS_SETTLE_SECONDS = 0


def follow(query: str, name: str, *, email: str = "eva@example.org") -> SavedSearch:
    user, _ = reader(OFFICIALS, email=email)
    return saved_search_create(user=user, query=query, name=name)[0]


def run_alerts() -> None:
    """The periodic job, queued and run as a worker runs it."""
    search_alerts.defer(timestamp=int(timezone.now().timestamp()))
    assert jobs_run() == 1


def unsubscribe_link(message) -> str:
    found = re.search(r"http://testserver(/bevakningar/avsluta/\?t=\S+)", message.body)
    assert found, message.body
    return found.group(1)


def test_a_newly_archived_meeting_that_matches_is_mailed_with_links():
    saved = follow("q=cykelbana", "Cyklar")
    meeting = archive_minutes("Cykelbana längs Nynäsvägen")
    archive_minutes("Budget för skolan")  # matches nothing followed

    run_alerts()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["eva@example.org"]
    assert message.subject == "Nytt i ”Cyklar”: 1 ärende"
    assert "Nya protokoll i arkivet matchar din bevakning ”Cyklar”:" in message.body
    assert "1. Cykelbana längs Nynäsvägen" in message.body
    assert re.search(rf"http://testserver/moten/{meeting.pk}/\?q=cykelbana#punkt-", message.body)
    assert "http://testserver/search/?q=cykelbana" in message.body
    assert "Budget" not in message.body
    link = unsubscribe_link(message)
    assert message.extra_headers["List-Unsubscribe"] == f"<http://testserver{link}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    saved.refresh_from_db()
    assert saved.alerted_until >= meeting.created_at


def test_an_item_is_mailed_once_and_the_next_mail_has_only_the_new():
    follow("q=cykelbana", "Cyklar")
    archive_minutes("Cykelbana längs Nynäsvägen")
    run_alerts()

    run_alerts()
    assert len(mail.outbox) == 1  # nothing new: no mail

    archive_minutes("Cykelbana vid Handen")
    run_alerts()

    assert len(mail.outbox) == 2
    assert "Handen" in mail.outbox[1].body and "Nynäsvägen" not in mail.outbox[1].body


def test_what_was_archived_before_the_search_was_saved_is_never_mailed():
    archive_minutes("Cykelbana längs Nynäsvägen")
    follow("q=cykelbana", "Cyklar")

    run_alerts()

    assert mail.outbox == []


def test_filters_of_the_saved_search_apply():
    follow("q=cykelbana&year=2019", "Cyklar 2019")
    archive_minutes("Cykelbana längs Nynäsvägen")  # held in 2024

    run_alerts()

    assert mail.outbox == []


def test_a_meeting_archived_a_moment_ago_waits_for_the_next_run(settings):
    settings.SEARCH_ALERTS_SETTLE_SECONDS = 120
    follow("q=cykelbana", "Cyklar")
    archive_minutes("Cykelbana längs Nynäsvägen")

    assert alerts_send() == 0
    assert alerts_send(now=timezone.now() + dt.timedelta(minutes=3)) == 1
    assert len(mail.outbox) == 1


def test_no_mail_to_a_user_without_an_address_or_the_read_permission():
    follow("q=cykelbana", "Utan adress", email="")
    refused = follow("q=cykelbana", "Utan behörighet", email="ove@example.org")
    refused.user.groups.remove(Group.objects.get(name=OFFICIALS))
    archive_minutes("Cykelbana längs Nynäsvägen")

    run_alerts()

    assert mail.outbox == []


def test_each_followed_search_gets_its_own_mail():
    follow("q=cykelbana", "Cyklar")
    follow("q=nynäsvägen", "Vägen", email="ove@example.org")
    archive_minutes("Cykelbana längs Nynäsvägen")

    run_alerts()

    assert sorted(message.to[0] for message in mail.outbox) == [
        "eva@example.org", "ove@example.org"]


def test_the_unsubscribe_link_asks_then_removes_the_search_without_signing_in():
    saved = follow("q=cykelbana", "Cyklar")
    other = SavedSearch.objects.create(user=saved.user, query="q=budget", name="Budget")
    archive_minutes("Cykelbana längs Nynäsvägen")
    run_alerts()
    link = unsubscribe_link(mail.outbox[0])
    visitor = Client(enforce_csrf_checks=True)

    asked = visitor.get(link)
    assert asked.status_code == 200
    question = "Vill du sluta få e-post om nya ärenden för bevakningen ”Cyklar”?"
    assert question in asked.content.decode()
    # A GET (a mail scanner following the link) removes nothing.
    assert SavedSearch.objects.filter(pk=saved.pk).exists()

    done = visitor.post(link)

    assert done.status_code == 200
    assert "Du bevakar inte längre ”Cyklar”." in done.content.decode()
    assert not SavedSearch.objects.filter(pk=saved.pk).exists()
    assert SavedSearch.objects.filter(pk=other.pk).exists()  # the link names one search only
    again = visitor.get(link)
    assert again.status_code == 200 and "bevakas inte längre" in again.content.decode()


def test_a_mail_program_unsubscribes_in_one_click():
    saved = follow("q=cykelbana", "Cyklar")
    archive_minutes("Cykelbana längs Nynäsvägen")
    run_alerts()
    header = mail.outbox[0].extra_headers["List-Unsubscribe"]

    response = Client(enforce_csrf_checks=True).post(
        header.strip("<>").removeprefix("http://testserver"),
        "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert not SavedSearch.objects.filter(pk=saved.pk).exists()


@pytest.mark.parametrize("token", ["", "abc", "1:fake:signature"])
def test_an_unsubscribe_link_that_is_not_ours_removes_nothing(token):
    saved = follow("q=cykelbana", "Cyklar")

    response = Client().post(UNSUBSCRIBE + f"?t={token}")

    assert response.status_code == 404
    assert "Länken leder inte till någon bevakning." in response.content.decode()
    assert SavedSearch.objects.filter(pk=saved.pk).exists()


def test_unsubscribe_tokens_are_single_purpose():
    saved = follow("q=cykelbana", "Cyklar")
    token = unsubscribe_token(saved)
    # Another search's id with this one's signature.
    other_id = signing.b64_encode(f"[{saved.pk + 1},{saved.user_id}]".encode()).decode()
    tampered = other_id + token[token.index(":"):]
    SavedSearch.objects.create(pk=saved.pk + 1, user=saved.user, query="q=x", name="x")

    # Neither a feed token nor a changed unsubscribe token removes the search.
    assert Client().post(UNSUBSCRIBE, QUERY_STRING=f"t={feed_token_for(saved.user)}"
                         ).status_code == 404
    assert Client().post(UNSUBSCRIBE + f"?t={tampered}").status_code == 404
    assert SavedSearch.objects.filter(pk__in=[saved.pk, saved.pk + 1]).count() == 2


def test_a_followed_persons_new_meeting_is_mailed():
    first = archive_minutes("Budget för skolan")
    eva = first.attendances.get().person
    user, client = reader(OFFICIALS, email="ove@example.org")
    client.post("/bevakningar/ny/", {"query": f"person={eva.pk}", "name": ""})
    saved = SavedSearch.objects.get(user=user)
    assert saved.name == eva.full_name

    archive_minutes("Cykelbana längs Nynäsvägen")  # Eva Lind attends this one too
    run_alerts()

    assert [message.to for message in mail.outbox] == [["ove@example.org"]]
    assert "Cykelbana längs Nynäsvägen" in mail.outbox[0].body
    assert "Budget för skolan" not in mail.outbox[0].body
