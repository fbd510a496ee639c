"""Every URL of the archive answers each kind of user as the roles say: 200, 302, 403 or 405.

Deny by default here too: every URL pattern of the root resolver needs a row below, so a page
added without deciding who may open it fails `test_every_url_pattern_has_a_row`. The admin is
tested by a representative set of its pages rather than each of its patterns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from config.roles import ADMINISTRATORS, OFFICIALS, SECRETARIES
from minutes.models import SourceDocument
from tests import factories
from tests.config.users import NO_GROUP, SUPERUSER, user_with_role

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
WHO = (ANONYMOUS, NO_GROUP, OFFICIALS, SECRETARIES, ADMINISTRATORS, SUPERUSER)
SIGN_IN = "/konto/logga-in/"


def expect(anonymous: int, no_group: int, officials: int, others: int) -> dict[str, int]:
    """Statuses by kind of user; secretaries, administrators and superusers answer alike."""
    return {
        ANONYMOUS: anonymous,
        NO_GROUP: no_group,
        OFFICIALS: officials,
        SECRETARIES: others,
        ADMINISTRATORS: others,
        SUPERUSER: others,
    }


READERS = expect(302, 403, 200, 200)
ANYONE = expect(200, 200, 200, 200)
SECRETARIES_ONLY = expect(302, 403, 403, 200)
# POST-only views asked with GET: refused as above, else 405 Method Not Allowed.
SECRETARIES_ONLY_POST = expect(302, 403, 403, 405)
NOBODY_BY_GET = expect(405, 405, 405, 405)
# The OCR version of an original the fixture has none of: refused as above, else 404.
READERS_NOT_FOUND = expect(302, 403, 404, 404)
ANYONE_NOT_FOUND = expect(404, 404, 404, 404)
SECRETARIES_ONLY_NOT_FOUND = expect(302, 403, 403, 404)
# The preview editor's pages of an upload that awaits no confirmation (the failed one):
# refused as above, else 409 with a page that says why.
SECRETARIES_ONLY_CONFLICT = expect(302, 403, 403, 409)
# What a user follows (/bevakningar/): anyone signed in who may read; with reading open to
# anyone, signed in still (a followed search is someone's). Its forms are POST only.
FOLLOWERS = expect(302, 403, 200, 200)
FOLLOWERS_PUBLIC = expect(302, 200, 200, 200)
FOLLOWERS_POST = expect(302, 403, 405, 405)
FOLLOWERS_POST_PUBLIC = expect(302, 405, 405, 405)


# The case number of the fixture meeting's one item: spaces and a slash, as they come.
CASE_NUMBER = "KS 2025/17"


@dataclass(frozen=True)
class Row:
    name: str  # the URL name, namespaced
    private: dict[str, int]  # with ARCHIVE_PUBLIC_READ false
    public: dict[str, int]  # with ARCHIVE_PUBLIC_READ true
    pk_of: str | None = None  # which object of the `objects` fixture the URL takes
    arg: str | None = None  # or the text it takes (a case number)
    page: int | None = None  # a page number the URL takes after the object's pk


ROWS = [
    Row("home", READERS, ANYONE),
    Row("minutes:meeting-list", READERS, ANYONE),
    Row("minutes:meeting-detail", READERS, ANYONE, "meeting"),
    Row("minutes:meeting-original", READERS, ANYONE, "meeting"),
    Row("minutes:meeting-original-ocr", READERS_NOT_FOUND, ANYONE_NOT_FOUND, "meeting"),
    Row("minutes:meeting-reread", SECRETARIES_ONLY, SECRETARIES_ONLY, "meeting"),
    Row("minutes:meeting-reread-start", SECRETARIES_ONLY_POST, SECRETARIES_ONLY_POST, "meeting"),
    Row("minutes:meeting-reread-apply", SECRETARIES_ONLY_POST, SECRETARIES_ONLY_POST, "meeting"),
    Row("minutes:meeting-reread-cancel", SECRETARIES_ONLY_POST, SECRETARIES_ONLY_POST,
        "meeting"),
    Row("search:search", READERS, ANYONE),
    Row("search:search-feed", READERS, ANYONE),
    Row("decisions:case-detail", READERS, ANYONE, arg=CASE_NUMBER),
    Row("municipalities:person-detail", READERS, ANYONE, "person"),
    Row("municipalities:organization-detail", READERS, ANYONE, "organization"),
    Row("municipalities:person-list", READERS, ANYONE),
    Row("municipalities:organization-list", READERS, ANYONE),
    Row("municipalities:body-list", READERS, ANYONE),
    Row("municipalities:body-detail", READERS, ANYONE, "body"),
    Row("search:register", READERS, ANYONE),
    Row("search:register-feed", READERS, ANYONE),
    Row("search:follow-list", FOLLOWERS, FOLLOWERS_PUBLIC),
    Row("search:follow-save", FOLLOWERS_POST, FOLLOWERS_POST_PUBLIC),
    Row("search:follow-remove", FOLLOWERS_POST, FOLLOWERS_POST_PUBLIC, "meeting"),
    Row("search:feed-token-renew", FOLLOWERS_POST, FOLLOWERS_POST_PUBLIC),
    # The unsubscribe link of an alert e-mail opens without sign-in; without its token, 404.
    Row("search:follow-unsubscribe", ANYONE_NOT_FOUND, ANYONE_NOT_FOUND),
    Row("minutes:upload", SECRETARIES_ONLY, SECRETARIES_ONLY),
    Row("minutes:import-list", SECRETARIES_ONLY, SECRETARIES_ONLY),
    Row("minutes:import-detail", SECRETARIES_ONLY, SECRETARIES_ONLY, "source"),
    Row("minutes:import-original", SECRETARIES_ONLY, SECRETARIES_ONLY, "source"),
    Row("minutes:import-original-ocr", SECRETARIES_ONLY_NOT_FOUND, SECRETARIES_ONLY_NOT_FOUND,
        "source"),
    # The failed upload has no page images: refused as above, else 404.
    Row("minutes:import-page", SECRETARIES_ONLY_NOT_FOUND, SECRETARIES_ONLY_NOT_FOUND, "source",
        page=1),
    Row("minutes:import-confirm", SECRETARIES_ONLY_POST, SECRETARIES_ONLY_POST, "source"),
    Row("minutes:import-cancel", SECRETARIES_ONLY_POST, SECRETARIES_ONLY_POST, "source"),
    Row("minutes:import-reparse", SECRETARIES_ONLY_POST, SECRETARIES_ONLY_POST, "source"),
    Row("minutes:import-facts", SECRETARIES_ONLY_POST, SECRETARIES_ONLY_POST, "source"),
    Row("minutes:import-attendee", SECRETARIES_ONLY_CONFLICT, SECRETARIES_ONLY_CONFLICT,
        "source"),
    Row("minutes:import-attendee-remove", SECRETARIES_ONLY_CONFLICT, SECRETARIES_ONLY_CONFLICT,
        "source"),
    Row("minutes:import-attendee-split", SECRETARIES_ONLY_CONFLICT, SECRETARIES_ONLY_CONFLICT,
        "source"),
    Row("minutes:import-attendee-merge", SECRETARIES_ONLY_CONFLICT, SECRETARIES_ONLY_CONFLICT,
        "source"),
    Row("minutes:import-warning-check", SECRETARIES_ONLY_POST, SECRETARIES_ONLY_POST,
        "source"),
    # The agenda items' editor: a page (or the form to add or remove an item), else POST only.
    *[Row(f"minutes:import-item{name}", SECRETARIES_ONLY_CONFLICT, SECRETARIES_ONLY_CONFLICT,
          "source") for name in ("", "-add", "-remove")],
    *[Row(f"minutes:import-item-{name}", SECRETARIES_ONLY_POST, SECRETARIES_ONLY_POST,
          "source")
      for name in ("paragraph", "decision", "decision-remove", "decision-text", "votes",
                   "votes-remove", "reservation", "reservation-remove")],
    Row("accounts:login", ANYONE, ANYONE),
    Row("accounts:logout", NOBODY_BY_GET, NOBODY_BY_GET),
    Row("robots", ANYONE, ANYONE),
    Row("favicon", ANYONE, ANYONE),
    # The admin: administrators, secretaries (who correct minutes there) and superusers.
    Row("admin:index", SECRETARIES_ONLY, SECRETARIES_ONLY),
    Row("admin:municipalities_person_changelist", SECRETARIES_ONLY, SECRETARIES_ONLY),
    Row("admin:municipalities_person_change", SECRETARIES_ONLY, SECRETARIES_ONLY, "person"),
    Row("admin:minutes_sourcedocument_changelist", SECRETARIES_ONLY, SECRETARIES_ONLY),
]
ADMIN_NAMESPACE = "admin"


def url_names(resolver: URLResolver, namespaces: tuple[str, ...] = ()) -> set[str]:
    """Every pattern's namespaced name, recursively; the admin site as one entry, "admin"."""
    found = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == ADMIN_NAMESPACE:
                found.add(ADMIN_NAMESPACE)
                continue
            inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            found |= url_names(pattern, inner)
        else:
            assert isinstance(pattern, URLPattern)
            assert pattern.name, f"the URL pattern {pattern.pattern} has no name"
            found.add(":".join((*namespaces, pattern.name)))
    return found


def row_names() -> set[str]:
    return {
        ADMIN_NAMESPACE if row.name.startswith(f"{ADMIN_NAMESPACE}:") else row.name
        for row in ROWS
    }


def test_every_url_pattern_has_a_row():
    patterns = url_names(get_resolver())
    assert len(patterns) > 10

    assert patterns - row_names() == set(), "URLs nobody decided access for: add rows"
    assert row_names() - patterns == set(), "rows for URLs that no longer exist"


@pytest.fixture
def objects(media_root) -> dict[str, object]:
    """One meeting with its original, a person, an organisation and an upload that failed."""
    haninge = factories.organization("Haninge")
    meeting = factories.meeting(
        dt.date(2025, 3, 13),
        title="Ledningsgruppens möte",
        organization=haninge,
        source=factories.source_document(
            b"Protokoll", stored=True, status=SourceDocument.Status.IMPORTED),
    )
    factories.agenda_item(meeting, 9, "Budget", case_number=CASE_NUMBER, order=9)
    failed = factories.source_document(
        "Oläsligt".encode(), stored=True, status=SourceDocument.Status.FAILED,
        error="Filen gick inte att läsa.",
    )
    return {
        "meeting": meeting,
        "person": factories.person("Anna Söderström", haninge),
        "organization": haninge,
        "body": meeting.body,
        "source": failed,
    }


def clients() -> dict[str, Client]:
    signed_in = {}
    for who in WHO:
        signed_in[who] = Client()
        if who != ANONYMOUS:
            signed_in[who].force_login(user_with_role(who))
    return signed_in


def url_of(row: Row, objects: dict[str, object]) -> str:
    if row.arg is not None:
        return reverse(row.name, args=[row.arg])
    args = [objects[row.pk_of].pk] if row.pk_of else []
    if row.page is not None:
        args.append(row.page)
    return reverse(row.name, args=args)


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_url_answers_each_kind_of_user_as_the_roles_say(row, objects):
    url = url_of(row, objects)
    by_who = clients()
    for public_read, expected in ((False, row.private), (True, row.public)):
        with override_settings(ARCHIVE_PUBLIC_READ=public_read):
            answers = {who: by_who[who].get(url) for who in WHO}

        statuses = {who: response.status_code for who, response in answers.items()}
        assert statuses == expected, f"GET {url} with ARCHIVE_PUBLIC_READ={public_read}"
        for who, response in answers.items():
            if response.status_code == 302:
                # The only redirect in the table: to sign in, and back here afterwards.
                assert response["Location"].startswith(f"{SIGN_IN}?next="), (who, url)


POST_ONLY = [row for row in ROWS if row.private is SECRETARIES_ONLY_POST]


@pytest.mark.parametrize("row", POST_ONLY, ids=[row.name for row in POST_ONLY])
@pytest.mark.parametrize("public_read", [False, True])
def test_post_only_upload_actions_refuse_everyone_but_secretaries(row, objects, public_read):
    assert POST_ONLY, "no POST-only rows"
    url = url_of(row, objects)
    by_who = clients()
    source = objects["source"]

    with override_settings(ARCHIVE_PUBLIC_READ=public_read):
        statuses = {
            who: by_who[who].post(url, {"body": "Ledningsgruppen"}).status_code
            for who in (ANONYMOUS, NO_GROUP, OFFICIALS)
        }

    assert statuses == {ANONYMOUS: 302, NO_GROUP: 403, OFFICIALS: 403}
    source.refresh_from_db()
    assert source.status == SourceDocument.Status.FAILED, "a refused request changed the upload"
