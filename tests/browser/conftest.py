"""The browser tests: Debian's Chromium, driven by Playwright, reading the archive served live.

The tests here share one live server holding both seed meetings, ingested as a user's would be.
They only read, so the seeds are ingested once for this folder, committed for the server's
thread to see, and removed again after its last test. That keeps the folder well under a
minute: pytest-django's own `live_server` makes every test transactional, which empties the
database after each, so each would ingest again.
Playwright's own browser download never runs: `make browser` installs Debian's Chromium.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from axes.models import AccessLog
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import IntegrityError, connections
from django.db.models import ProtectedError
from django.test import Client
from django.test.utils import modify_settings, override_settings
from django.urls import reverse
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from pytest_django.live_server_helper import LiveServer
from reversion.models import Revision

from config.roles import OFFICIALS
from minutes.models import Meeting
from minutes.services import minutes_ingest
from municipalities.models import Person
from tests.config.users import user_with_role
from tests.samples import seed
from tests.workers import Worker

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Headless as root, with no GPU, and without the background calls a closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Swedish as a reader here has it: Chromium takes the format of its date fields ("åååå-mm-dd",
# not "mm/dd/yyyy") from the language it runs in: LANGUAGE on Linux, which ignores --lang (and
# Debian needs the package chromium-l10n). Every context gets the locale and time zone.
BROWSER_LANGUAGE = "sv"
LOCALE = "sv-SE"
TIMEZONE = "Europe/Stockholm"
# Fail within seconds, not Playwright's default half minute: every page here is local.
TIMEOUT_MS = 10_000
SERVER_HOST = "localhost"
PROJECT_APPS = ("minutes", "municipalities", "decisions")

T = TypeVar("T")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (scripts/need-chromium.sh)")
    # Playwright's sync API keeps an event loop on this thread, and Django refuses ORM calls
    # where a loop runs. The tests' own ORM calls (ingest, clean-up) are plain synchronous code.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, f"--lang={LOCALE}"],
                headless=True, env={**os.environ, "LANGUAGE": BROWSER_LANGUAGE},
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def project_rows() -> dict[type, set[object]]:
    return {
        model: set(model._default_manager.values_list("pk", flat=True))
        for app in PROJECT_APPS
        for model in apps.get_app_config(app).get_models()
    }


def remove_rows_added_since(before: dict[type, set[object]]) -> None:
    """Delete every project row not in `before`: in rounds, as protected keys need."""
    for _ in range(len(before)):
        pending = False
        for model, pks in before.items():
            added = model._default_manager.exclude(pk__in=pks)
            if not added.exists():
                continue
            try:
                added.delete()
            except (ProtectedError, IntegrityError):
                pending = True  # another model's rows still point here: next round
        if not pending:
            break
    assert project_rows() == before, "the browser tests' rows were not all removed"


@pytest.fixture(scope="package")
def archive_media(tmp_path_factory) -> Path:
    """Where the live archive keeps originals (and its worker reads them)."""
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="package")
def archive(django_db_setup, django_db_blocker, archive_media) -> Iterator[dict[str, Meeting]]:
    """Both seed meetings, ingested and committed for the live server; removed afterwards.

    The tests themselves are marked `django_db`, which lets the server's thread read while they
    run; their own transaction, rolled back after each, cannot undo what is committed here.
    """
    media = archive_media
    with override_settings(MEDIA_ROOT=str(media)):
        with django_db_blocker.unblock():
            before = project_rows()
            # Ingest records a revision; left behind, its versions would list the removed
            # meetings as deleted and recoverable in later tests' admin.
            revisions = set(Revision.objects.values_list("pk", flat=True))
            meetings = {}
            try:
                for number in ("000", "001"):
                    path = seed(number)
                    meetings[number] = minutes_ingest(
                        data=path.read_bytes(), filename=path.name, body_name="Ledningsgruppen"
                    ).meeting
            except BaseException:
                remove_rows_added_since(before)
                Revision.objects.exclude(pk__in=revisions).delete()
                raise
        try:
            yield meetings
        finally:
            with django_db_blocker.unblock():
                remove_rows_added_since(before)
                Revision.objects.exclude(pk__in=revisions).delete()


@pytest.fixture(scope="package")
def archive_urls(archive, django_db_blocker) -> dict[str, str]:
    """Paths of one page of each kind, by name."""
    meeting = archive["000"]
    with django_db_blocker.unblock():
        anna = Person.objects.get(full_name="Anna Söderström")
    return {
        "home": reverse("home"),
        "meetings": reverse("minutes:meeting-list"),
        "meeting": reverse("minutes:meeting-detail", args=[meeting.pk]),
        "person": reverse("municipalities:person-detail", args=[anna.pk]),
        "organization": reverse(
            "municipalities:organization-detail", args=[meeting.organization_id]
        ),
    }


@pytest.fixture(scope="package")
def archive_server(archive) -> Iterator[str]:
    """The live server's base URL. Not pytest-django's `live_server`, which would make every
    test transactional and so empty the database around each one."""
    with modify_settings(ALLOWED_HOSTS={"append": SERVER_HOST}):
        server = LiveServer(SERVER_HOST)
        try:
            yield server.url
        finally:
            server.stop()


@pytest.fixture(scope="package")
def queue_worker(archive, archive_media, django_db_blocker) -> Iterator[Worker]:
    """A real worker of the task queue reading what the live archive's uploads queue."""
    with django_db_blocker.unblock():
        worker = Worker(archive_media)
    try:
        yield worker
    finally:
        with django_db_blocker.unblock():
            worker.stop()


@pytest.fixture
def blank_page(browser: Browser) -> Iterator[Page]:
    """A fresh tab with no server behind it, for content a test sets itself."""
    context = browser.new_context(locale=LOCALE, timezone_id=TIMEZONE)
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def new_context(browser: Browser, archive_server: str) -> BrowserContext:
    context = browser.new_context(
        base_url=archive_server,
        locale=LOCALE,
        timezone_id=TIMEZONE,
        viewport={"width": 1280, "height": 800},
    )
    context.set_default_timeout(TIMEOUT_MS)
    return context


def committed(work: Callable[[], T]) -> T:
    """Run `work` on a connection of its own, in autocommit, so the live server sees its rows.

    A test marked `django_db` runs in a transaction that the server's thread cannot see and
    that is rolled back afterwards; Django keeps one connection per thread, so a short-lived
    thread writes outside it.
    """
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as error:  # handed to the test's thread below
            outcome["error"] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


@pytest.fixture
def uploads_removed(archive, django_db_blocker) -> Iterator[None]:
    """Whatever a test archives through the live server (uploads, their meetings and
    people, the revisions) is removed afterwards."""
    with django_db_blocker.unblock():
        before = committed(project_rows)
        revisions = committed(lambda: set(Revision.objects.values_list("pk", flat=True)))
    yield
    with django_db_blocker.unblock():
        committed(lambda: remove_rows_added_since(before))
        committed(lambda: Revision.objects.exclude(pk__in=revisions).delete())


@pytest.fixture
def signed_in_page(
    browser: Browser, archive_server: str, django_db_blocker
) -> Iterator[Callable[[str], Page]]:
    """`signed_in_page("Sekreterare")`: a fresh tab on the live archive, signed in as a new
    user of that role ("Sekreterare", "Tjänsteperson", "Administratör" or "superuser").

    The user and its session are committed for the live server and deleted afterwards, with
    the tabs. Each call gives another user in another browser context.
    """
    usernames: list[str] = []
    session_keys: list[str] = []
    contexts: list[BrowserContext] = []

    def sign_in(role: str) -> tuple[str, str]:
        user = user_with_role(role)
        client = Client()
        client.force_login(user)
        return user.get_username(), client.cookies[settings.SESSION_COOKIE_NAME].value

    def open_page(role: str) -> Page:
        with django_db_blocker.unblock():
            username, session_key = committed(lambda: sign_in(role))
        usernames.append(username)
        session_keys.append(session_key)
        context = new_context(browser, archive_server)
        contexts.append(context)
        context.add_cookies([{
            "name": settings.SESSION_COOKIE_NAME,
            "value": session_key,
            "url": archive_server,
            "httpOnly": True,
            "sameSite": "Lax",
        }])
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()

    def remove_users() -> None:
        Session.objects.filter(session_key__in=session_keys).delete()
        AccessLog.objects.filter(username__in=usernames).delete()
        get_user_model().objects.filter(username__in=usernames).delete()

    with django_db_blocker.unblock():
        committed(remove_users)


@pytest.fixture
def anonymous_page(browser: Browser, archive_server: str) -> Iterator[Page]:
    """A fresh tab on the live archive, not signed in: for the sign-in page itself."""
    context = new_context(browser, archive_server)
    yield context.new_page()
    context.close()


@pytest.fixture
def page(signed_in_page) -> Page:
    """A fresh tab on the live archive, signed in as an official (Tjänsteperson):
    `page.goto("/moten/")` opens the meeting list."""
    return signed_in_page(OFFICIALS)
