"""`make run` (config.settings.dev, DEBUG on) answers a 404 with the Swedish page a reader
sees in production, not Django's debug page listing every URL pattern, unless
DJANGO_DEBUG_404=true asks for it."""

from __future__ import annotations

import runpy

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

SWEDISH_404 = "<h1>Sidan finns inte</h1>"
# Django's debug 404 page, which lists the URL patterns it tried.
DEBUG_PAGE = "Using the URLconf defined in"


def dev_middleware(monkeypatch, **env: str) -> list[str]:
    """MIDDLEWARE as config.settings.dev sets it with these environment variables."""
    for name in ("DJANGO_DEBUG", "DJANGO_DEBUG_404"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_module("config.settings.dev")["MIDDLEWARE"]


@pytest.mark.parametrize(
    ("who", "path"),
    [("Tjänsteperson", "/finns-inte/"), ("Tjänsteperson", "/moten/999999/"),
     ("superuser", "/admin/finns-inte/")],
    ids=["unknown address", "missing meeting", "unknown admin address"],
)
def test_dev_404_is_the_swedish_page_without_the_url_patterns(
    signed_in_client, monkeypatch, who, path
):
    client = signed_in_client(who)
    with override_settings(DEBUG=True, MIDDLEWARE=dev_middleware(monkeypatch)):
        response = client.get(path)

    assert response.status_code == 404
    content = response.content.decode()
    assert SWEDISH_404 in content
    assert DEBUG_PAGE not in content and "Raised by" not in content
    assert "moten/&lt;int:pk&gt;" not in content


def test_dev_404_keeps_the_redirect_to_the_address_with_a_slash(client, monkeypatch):
    with override_settings(DEBUG=True, MIDDLEWARE=dev_middleware(monkeypatch)):
        response = client.get("/search")

    assert response.status_code == 301 and response["Location"] == "/search/"


def test_django_debug_404_true_shows_the_url_patterns(client, monkeypatch):
    middleware = dev_middleware(monkeypatch, DJANGO_DEBUG_404="true")
    with override_settings(DEBUG=True, MIDDLEWARE=middleware):
        response = client.get("/finns-inte/")

    assert response.status_code == 404
    assert DEBUG_PAGE in response.content.decode()
