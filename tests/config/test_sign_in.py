"""Signing in and out, the menu each role sees, and the pages that refuse."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from config.roles import ADMINISTRATORS, OFFICIALS, SECRETARIES
from tests.config.users import NO_GROUP, SUPERUSER, user_with_role

pytestmark = pytest.mark.django_db

SIGN_IN = "/konto/logga-in/"
SIGN_OUT = "/konto/logga-ut/"
PASSWORD = "rätt-häst-batteri-häftklammer"


@pytest.fixture
def official():
    return user_with_role(OFFICIALS, username="karin", password=PASSWORD)


def test_sign_in_page_is_swedish_with_labelled_fields_for_password_managers(anonymous_client):
    response = anonymous_client.get(SIGN_IN)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Logga in</h1>" in html
    assert re.search(r'<label for="id_username">Användarnamn:?</label>', html), html
    assert re.search(r'<label for="id_password">Lösenord:?</label>', html)
    assert re.search(r'<input[^>]*name="username"[^>]*autocomplete="username"', html)
    assert re.search(r'<input[^>]*name="password"[^>]*autocomplete="current-password"', html)
    assert "csrfmiddlewaretoken" in html


def test_a_page_sends_an_anonymous_visitor_to_sign_in_and_back(anonymous_client, official):
    asked = anonymous_client.get("/moten/?page=1")
    assert asked.status_code == 302
    assert asked["Location"] == f"{SIGN_IN}?next=/moten/%3Fpage%3D1"

    form = anonymous_client.get(asked["Location"]).content.decode()
    assert '<input type="hidden" name="next" value="/moten/?page=1">' in form

    signed_in = anonymous_client.post(
        SIGN_IN, {"username": "karin", "password": PASSWORD, "next": "/moten/?page=1"}
    )

    assert signed_in.status_code == 302
    assert signed_in["Location"] == "/moten/?page=1"
    assert anonymous_client.get("/moten/").status_code == 200


def test_sign_in_without_next_goes_to_the_start_page(anonymous_client, official):
    response = anonymous_client.post(SIGN_IN, {"username": "karin", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_sign_in_never_sends_on_to_another_site(anonymous_client, official):
    response = anonymous_client.post(
        SIGN_IN, {"username": "karin", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("home")


def test_wrong_password_shows_a_swedish_error_summary(anonymous_client, official):
    response = anonymous_client.post(SIGN_IN, {"username": "karin", "password": "fel"})

    assert response.status_code == 200
    html = response.content.decode()
    assert '<div class="error-summary" role="alert"' in html
    assert "Du kunde inte loggas in" in html
    assert "korrekt användarnamn och lösenord" in html
    assert "<title>Fel: Logga in" in html
    assert "_auth_user_id" not in anonymous_client.session


def test_signed_in_header_names_the_user_and_signs_out_by_post(anonymous_client, official):
    anonymous_client.force_login(official)
    html = anonymous_client.get("/").content.decode()
    assert "Inloggad som karin" in html
    assert re.search(rf'<form method="post" action="{SIGN_OUT}"[^>]*>\s*<input type="hidden" '
                     r'name="csrfmiddlewaretoken"', html)

    assert anonymous_client.get(SIGN_OUT).status_code == 405
    assert anonymous_client.get("/").status_code == 200, "a GET must not sign anyone out"
    response = anonymous_client.post(SIGN_OUT, follow=True)

    assert response.redirect_chain == [(SIGN_IN, 302)]
    assert "Du är utloggad." in response.content.decode()
    assert anonymous_client.get("/").status_code == 302


MENU = {"Ladda upp": "/upload/", "Importer": "/importer/", "Administration": "/admin/"}


@pytest.mark.parametrize(
    ("role", "links"),
    [
        (OFFICIALS, set()),
        (SECRETARIES, set(MENU)),
        (ADMINISTRATORS, set(MENU)),
        (SUPERUSER, set(MENU)),
    ],
)
def test_menu_offers_upload_and_admin_only_to_those_who_may(role, links):
    client = Client()
    client.force_login(user_with_role(role))

    nav = re.search(r"<nav.*?</nav>", client.get("/").content.decode(), re.S).group(0)

    shown = {text for text, href in MENU.items() if f'<a href="{href}">{text}</a>' in nav}
    assert shown == links
    assert '<a href="/search/">Sök</a>' in nav


def test_signed_in_user_without_a_role_sees_the_swedish_403_page():
    client = Client()
    client.force_login(user_with_role(NO_GROUP, username="utan-roll"))

    response = client.get("/moten/")

    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Åtkomst nekad</h1>" in html
    assert "Du är inloggad som utan-roll" in html
    assert 'href="/moten/"' not in html, "the menu offers pages the user may not read"


def test_unknown_address_shows_the_swedish_404_page(client):
    response = client.get("/finns-inte/")

    assert response.status_code == 404
    assert "<h1>Sidan finns inte</h1>" in response.content.decode()


def test_official_is_refused_by_the_admin_without_a_redirect_loop(client):
    response = client.get("/admin/")

    assert response.status_code == 403
    assert "<h1>Åtkomst nekad</h1>" in response.content.decode()


def test_the_admins_own_login_sends_to_the_one_sign_in_page(anonymous_client):
    response = anonymous_client.get("/admin/login/?next=/admin/minutes/meeting/")
    assert response.status_code == 302
    assert response["Location"] == f"{SIGN_IN}?next=/admin/minutes/meeting/"

    outside = anonymous_client.get("/admin/login/?next=https://evil.example/")
    assert outside["Location"] == f"{SIGN_IN}?next=/admin/"


def test_secretary_signs_in_and_reaches_the_admin(anonymous_client):
    user_with_role(SECRETARIES, username="sara", password=PASSWORD)
    anonymous_client.post(SIGN_IN, {"username": "sara", "password": PASSWORD})

    response = anonymous_client.get("/admin/")

    assert response.status_code == 200
    assert "Administration av protokollarkivet" in response.content.decode()


def test_robots_txt_keeps_search_engines_out_unless_the_archive_is_public(
    anonymous_client, settings
):
    closed = anonymous_client.get("/robots.txt")
    assert closed.status_code == 200
    assert closed.content.decode().splitlines() == ["User-agent: *", "Disallow: /"]

    settings.ARCHIVE_PUBLIC_READ = True
    opened = anonymous_client.get("/robots.txt").content.decode().splitlines()
    assert "Disallow: /" not in opened
    assert "Disallow: /admin/" in opened


def test_public_read_opens_reading_but_not_uploading_to_anyone(anonymous_client, settings):
    settings.ARCHIVE_PUBLIC_READ = True

    home = anonymous_client.get("/")

    assert home.status_code == 200
    html = home.content.decode()
    assert 'href="/search/"' in html
    assert f'href="{SIGN_IN}?next=/"' in html, "no way to sign in from a public page"
    assert anonymous_client.get("/upload/").status_code == 302
