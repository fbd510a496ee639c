"""The admin as an administrator reads it: Swedish on every page, two people of one name told
apart on the merge and near-duplicate pages, and the start page's way to the duplicates."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
import reversion
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.test import override_settings
from django.urls import reverse
from reversion.models import Version

from config.roles import ADMINISTRATORS
from minutes.tasks import parse_upload
from municipalities.models import Person
from tests import factories
from tests.config.users import SUPERUSER, user_with_role
from tests.municipalities.html_forms import form_fields

pytestmark = pytest.mark.django_db

# English that, seen on an admin page, is a label or a control left untranslated (the data
# the tests create is all Swedish). Whole words, as written.
ENGLISH = [
    "Access attempts", "Access attempt", "Access logs", "Access log", "Access failures",
    "Access failure", "Attempt Time", "Logout Time", "User Agent", "IP Address", "Path",
    "Locked Out", "Form Data", "Meta Data", "Full name", "Username", "Add", "Change",
    "History", "Filter", "Search", "Select", "Delete", "Save", "Recover", "Home", "Log out",
    "View site", "Recent actions", "Can add", "Can change", "Can delete", "Can view",
    "Procrastinate", "Axes", "Task Name", "Summary", "Args", "queue name", "Possible duplicates",
    "Merge", "Meetings", "meetings", "First meeting", "Last meeting", "Organization",
    "Aliases", "Undo", "Status:", "None", "Pk", "Event", "deferred", "todo",
]
ENGLISH_PATTERN = re.compile(r"\b(" + "|".join(re.escape(word) for word in ENGLISH) + r")\b")


class _VisibleText(HTMLParser):
    """The text a reader sees or hears: text outside scripts and styles, the labels of
    buttons, and aria-labels."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style", "template"):
            self._hidden += 1
        if tag == "input" and attrs.get("type") in ("submit", "button"):
            self.parts.append(attrs.get("value") or "")
        if attrs.get("aria-label"):
            self.parts.append(attrs["aria-label"])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def english_on(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    return sorted(set(ENGLISH_PATTERN.findall(visible_text(response.content.decode()))))


@pytest.fixture
def namesakes(db) -> tuple[Person, Person]:
    """Two people named Anna Berg: of Haninge at two meetings in 2018 and 2019, of Huddinge
    at one in 2024."""
    haninge_anna = factories.person("Anna Berg", factories.organization("Haninge"))
    huddinge_anna = factories.person("Anna Berg", factories.organization("Huddinge"))
    factories.attend(factories.meeting(dt.date(2018, 6, 6)), haninge_anna)
    factories.attend(factories.meeting(dt.date(2019, 9, 5)), haninge_anna)
    factories.attend(factories.meeting(dt.date(2024, 3, 14), body="Kommunstyrelsen"),
                     huddinge_anna)
    return haninge_anna, huddinge_anna


@pytest.fixture
def superuser_client(client):
    user = user_with_role(SUPERUSER, username="anna-admin")
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def sign_in_records(db) -> None:
    """A row in each of django-axes' three lists, so their columns and filters show."""
    seen = {"ip_address": "192.0.2.1", "user_agent": "Mozilla/5.0", "http_accept": "*/*",
            "path_info": "/konto/logga-in/"}
    AccessLog.objects.create(username="kalle", **seen)
    AccessAttempt.objects.create(username="kalle", get_data="", post_data="",
                                 failures_since_start=2, **seen)
    AccessFailureLog.objects.create(username="kalle", locked_out=False, **seen)


def admin_pages(person: Person, other: Person, user) -> list[str]:
    log = AccessLog.objects.get(username="kalle")
    attempt = AccessAttempt.objects.get(username="kalle")
    with reversion.create_revision():
        person.save()
    version = Version.objects.get_for_object(person).get()
    person_pages = [
        reverse("admin:municipalities_person_changelist"),
        reverse("admin:municipalities_person_change", args=[person.pk]),
        reverse("admin:municipalities_person_history", args=[person.pk]),
        reverse("admin:municipalities_person_revision", args=[person.pk, version.pk]),
        reverse("admin:municipalities_person_recoverlist"),
        reverse("admin:municipalities_person_near_duplicates"),
        reverse("admin:municipalities_person_merge", args=[person.pk, other.pk]),
        reverse("admin:municipalities_personmerge_changelist"),
    ]
    return [
        reverse("admin:index"),
        *person_pages,
        reverse("admin:auth_user_changelist"),
        reverse("admin:auth_user_change", args=[user.pk]),
        reverse("admin:auth_user_history", args=[user.pk]),
        reverse("admin:axes_accessattempt_changelist"),
        reverse("admin:axes_accesslog_changelist"),
        reverse("admin:axes_accessfailurelog_changelist"),
        reverse("admin:axes_accesslog_change", args=[log.pk]),
        reverse("admin:axes_accessattempt_change", args=[attempt.pk]),
        reverse("admin:procrastinate_procrastinatejob_changelist"),
        reverse("admin:minutes_meeting_changelist"),
    ]


def test_admin_pages_show_no_english_labels(superuser_client, namesakes, sign_in_records):
    pages = admin_pages(*namesakes, superuser_client.user)
    assert pages

    found = {url: english_on(superuser_client, url) for url in pages}

    assert {url: words for url, words in found.items() if words} == {}


def test_an_administrators_admin_shows_no_english_labels(client, namesakes):
    """The same for a member of "Administratör", who sees less than a superuser."""
    user = user_with_role(ADMINISTRATORS)
    client.force_login(user)
    person, other = namesakes
    pages = [
        reverse("admin:index"),
        reverse("admin:municipalities_person_changelist"),
        reverse("admin:municipalities_person_change", args=[person.pk]),
        reverse("admin:municipalities_person_history", args=[person.pk]),
        reverse("admin:municipalities_person_near_duplicates"),
        reverse("admin:municipalities_person_merge", args=[person.pk, other.pk]),
        reverse("admin:auth_user_changelist"),
        reverse("admin:auth_user_change", args=[user.pk]),
    ]

    found = {url: english_on(client, url) for url in pages}

    assert {url: words for url, words in found.items() if words} == {}


def test_a_queued_job_reads_in_swedish(superuser_client):
    """The task queue's list and a job's page: procrastinate's own admin is all English."""
    job_id = parse_upload.defer(source_id=999_999)
    pages = [
        reverse("admin:procrastinate_procrastinatejob_changelist"),
        reverse("admin:procrastinate_procrastinatejob_change", args=[job_id]),
    ]

    found = {url: english_on(superuser_client, url) for url in pages}
    listed = visible_text(superuser_client.get(pages[0]).content.decode())

    assert {url: words for url, words in found.items() if words} == {}
    assert "väntar" in listed
    assert "Köat" in listed
    assert "Händelser: Köat" in visible_text(superuser_client.get(pages[1]).content.decode())


def test_the_walk_would_see_english_were_it_there(superuser_client):
    """The check above reads visible text: English in a label is caught, in a script not."""
    html = (
        '<label>Full name</label><script>var Search = 1;</script>'
        '<input type="submit" value="Save">'
    )
    assert sorted(set(ENGLISH_PATTERN.findall(visible_text(html)))) == ["Full name", "Save"]


def test_the_walk_finds_axes_names_without_the_archive_catalogue(superuser_client):
    """django-axes ships no Swedish: without locale/ its lists are named in English."""
    with override_settings(LOCALE_PATHS=[]):
        found = english_on(superuser_client, reverse("admin:index"))

    assert {"Access attempts", "Access logs", "Access failures"} <= set(found)


def test_axes_lists_are_named_in_swedish_on_the_start_page(superuser_client):
    html = visible_text(superuser_client.get(reverse("admin:index")).content.decode())

    for name in ("Inloggningsskydd", "Inloggningsförsök", "Inloggningar",
                 "Misslyckade inloggningar", "Jobbkö"):
        assert name in html


def test_history_names_a_changed_name_in_swedish(superuser_client, namesakes):
    person = namesakes[0]
    url = reverse("admin:municipalities_person_change", args=[person.pk])
    data = form_fields(superuser_client.get(url).content.decode(), "person_form")
    data["full_name"] = ["Anna Bergh"]

    assert superuser_client.post(url, data).status_code == 302
    history = superuser_client.get(reverse("admin:municipalities_person_history", args=[person.pk]))

    text = visible_text(history.content.decode())
    assert "Ändrade Fullständigt namn." in text
    assert "Full name" not in text


def test_user_admin_names_permissions_in_swedish(superuser_client):
    user = superuser_client.user
    page = superuser_client.get(reverse("admin:auth_user_change", args=[user.pk]))

    text = visible_text(page.content.decode())
    assert "Kommuner | person | Kan ändra person" in text
    assert "Can change person" not in text


def test_start_page_links_the_possible_duplicates(client):
    client.force_login(user_with_role(ADMINISTRATORS))

    page = client.get(reverse("admin:index")).content.decode()

    duplicates = reverse("admin:municipalities_person_near_duplicates")
    assert f'<a href="{duplicates}">Möjliga dubbletter</a>' in page


def _row_of(html: str, person: Person) -> str:
    """The visible text of the table row that links to the person's page."""
    href = reverse("admin:municipalities_person_change", args=[person.pk])
    rows = [row for row in re.findall(r"<tr>.*?</tr>", html, re.S) if href in row]
    assert rows, f"no row for {person.pk}"
    return visible_text(rows[0])


def test_merge_page_tells_two_people_of_one_name_apart(superuser_client, namesakes):
    haninge_anna, huddinge_anna = namesakes
    page = superuser_client.get(
        reverse("admin:municipalities_person_merge", args=[haninge_anna.pk, huddinge_anna.pk])
    ).content.decode()
    table = re.search(r'<table id="merge-people">.*?</table>', page, re.S).group(0)

    haninge = _row_of(table, haninge_anna)
    huddinge = _row_of(table, huddinge_anna)
    assert f"Anna Berg {haninge_anna.pk} Haninge 2 6 juni 2018 5 september 2019" in haninge
    assert f"Anna Berg {huddinge_anna.pk} Huddinge 1 14 mars 2024 14 mars 2024" in huddinge


def test_near_duplicates_tell_two_people_of_one_name_apart(superuser_client, namesakes):
    haninge_anna, huddinge_anna = namesakes
    page = superuser_client.get(
        reverse("admin:municipalities_person_near_duplicates")
    ).content.decode()

    row = _row_of(page, haninge_anna)
    assert (
        f"Anna Berg Haninge · 2 möten · 6 juni 2018–5 september 2019 · id {haninge_anna.pk}"
        in row
    )
    assert f"Anna Berg Huddinge · 1 möte · 14 mars 2024 · id {huddinge_anna.pk}" in row
