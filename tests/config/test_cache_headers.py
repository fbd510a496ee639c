"""What browsers and proxies may keep: nothing a signed-in user saw; /favicon.ico for everyone.

Issue 12, point 9. Every URL of the access matrix is asked by signed-in users of each kind,
whatever status it answers with, plus the exports the matrix reaches only through a query.
"""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from config.cache_headers import cache_directives
from config.roles import OFFICIALS, SECRETARIES
from tests.config import test_url_matrix as matrix
from tests.config.users import SUPERUSER, user_with_role

pytestmark = pytest.mark.django_db

objects = matrix.objects  # the matrix's meeting, person, organisation and failed upload
SIGNED_IN = (OFFICIALS, SECRETARIES, SUPERUSER)
# The same for everyone, so any cache may keep it.
SHARED = {"favicon"}
EXPORTS = [
    "/search/?q=protokoll&format=json",
    "/search/?q=protokoll&format=csv",
    "/decisions/?format=csv",
    "/finns-inte/",  # the 404 page
]
ICO_MAGIC = b"\x00\x00\x01\x00"


def signed_in(role: str) -> Client:
    client = Client()
    client.force_login(user_with_role(role))
    return client


def assert_not_kept(response, what: str) -> None:
    assert {"private", "no-store"} <= cache_directives(response), (
        what, response.status_code, response.get("Cache-Control"))


ROWS = [row for row in matrix.ROWS if row.name not in SHARED]


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_every_response_to_a_signed_in_user_is_private_and_not_stored(row, objects):
    assert ROWS
    url = matrix.url_of(row, objects)

    for role in SIGNED_IN:
        client = signed_in(role)
        for public_read in (False, True):
            with override_settings(ARCHIVE_PUBLIC_READ=public_read):
                assert_not_kept(client.get(url), (role, url, public_read))


@pytest.mark.parametrize("url", EXPORTS)
def test_exports_and_error_pages_to_a_signed_in_user_are_private_and_not_stored(url, objects):
    response = signed_in(OFFICIALS).get(url)

    assert response.status_code in (200, 404)
    assert_not_kept(response, url)


def test_originals_downloaded_by_a_signed_in_user_are_private_and_not_stored(objects):
    meeting = objects["meeting"]
    response = signed_in(OFFICIALS).get(reverse("minutes:meeting-original", args=[meeting.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert_not_kept(response, "original")


@pytest.mark.parametrize("public_read", [False, True])
def test_anonymous_answers_may_be_stored_but_are_asked_for_again(public_read, objects):
    meeting_list = reverse("minutes:meeting-list")
    with override_settings(ARCHIVE_PUBLIC_READ=public_read):
        response = Client().get(meeting_list)

    assert response.status_code == (200 if public_read else 302)
    assert "no-cache" in cache_directives(response)
    assert "public" not in cache_directives(response)


@pytest.mark.parametrize("client_of", [lambda: Client(), lambda: signed_in(OFFICIALS)],
                         ids=["anonymous", "signed in"])
def test_the_favicon_is_an_icon_anyone_may_fetch_and_keep(client_of):
    response = client_of().get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content.startswith(ICO_MAGIC)
    assert {"public", "max-age"} <= cache_directives(response)
    assert "no-store" not in cache_directives(response)


def test_pages_link_their_icon_and_static_files_keep_their_own_caching():
    client = signed_in(OFFICIALS)
    page = client.get(reverse("home")).content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page

    icon = client.get("/static/favicon.svg")

    assert icon.status_code == 200
    assert icon["Content-Type"].startswith("image/svg+xml")
    assert "no-store" not in cache_directives(icon)
