"""Headers and settings that protect sign-in: CSP, cookies, CSRF, and the error pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management.utils import get_random_secret_key
from django.template import loader
from django.test import Client

REPO_ROOT = Path(__file__).resolve().parents[2]
SIGN_IN = "/konto/logga-in/"
POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
# A <script> without src, or an on...= attribute in any tag: what the policy would block.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)


def policy_of(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    directives = (part.strip().split(None, 1) for part in header.split(";") if part.strip())
    return {name: value for name, value in directives}


@pytest.mark.django_db
@pytest.mark.parametrize("path", [SIGN_IN, "/", "/search/?q=budget", "/finns-inte/"])
def test_pages_carry_the_content_security_policy(client, path):
    response = client.get(path)

    assert policy_of(response) == POLICY


def inline_scripts(html: str) -> list[str]:
    return INLINE_SCRIPT.findall(html) + EVENT_HANDLER.findall(html)


def test_the_inline_script_check_finds_what_it_looks_for():
    assert inline_scripts('<script>alert(1)</script><button onclick="x()">') != []
    assert inline_scripts('<script src="/static/a.js"></script><p class="once">') == []


def test_no_template_has_inline_script_or_event_handlers():
    templates = sorted((REPO_ROOT / "templates").rglob("*.html"))
    templates += sorted(REPO_ROOT.glob("*/templates/**/*.html"))
    assert len(templates) > 10

    found = {
        str(path.relative_to(REPO_ROOT)): inline_scripts(path.read_text(encoding="utf-8"))
        for path in templates
    }

    assert {name: hits for name, hits in found.items() if hits} == {}


@pytest.mark.django_db
def test_a_form_sent_without_its_csrf_token_gets_the_swedish_explanation():
    response = Client(enforce_csrf_checks=True).post(SIGN_IN, {"username": "a", "password": "b"})

    assert response.status_code == 403
    assert "<h1>Formuläret hade gått ut</h1>" in response.content.decode()


def test_the_500_page_renders_without_a_request_or_context_processors():
    html = loader.get_template("500.html").render()

    assert '<html lang="sv">' in html
    assert "<h1>Något gick fel</h1>" in html


@pytest.mark.django_db
def test_a_failing_page_shows_the_swedish_500_page(settings, signed_in_client):
    settings.ROOT_URLCONF = "tests.config.error_urls"
    client = signed_in_client("Tjänsteperson")
    client.raise_request_exception = False

    response = client.get("/fel/")

    assert response.status_code == 500
    assert "Något gick fel" in response.content.decode()


PRINT_COOKIE_SETTINGS = (
    "from django.conf import settings as s; "
    "print(s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_SECURE, "
    "s.SESSION_COOKIE_AGE, s.ARCHIVE_PUBLIC_READ)"
)


def test_production_sends_sign_in_cookies_only_over_https_and_closed_to_scripts(run_manage):
    result = run_manage(
        "shell", "--no-imports", "-c", PRINT_COOKIE_SETTINGS,
        env={
            "DJANGO_SETTINGS_MODULE": "config.settings.prod",
            "DJANGO_SECRET_KEY": get_random_secret_key(),
            "DJANGO_ALLOWED_HOSTS": "archive.example.org",
            "ARCHIVE_PUBLIC_READ": "",
        },
    )

    assert result.returncode == 0, result.stderr
    secure, http_only, csrf_secure, age, public_read = result.stdout.split()
    assert (secure, http_only, csrf_secure, public_read) == ("True", "True", "True", "False")
    assert 60 * 60 <= int(age) <= 60 * 60 * 12, "a session should last about a working day"


def test_public_read_is_switched_on_from_the_environment(run_manage):
    result = run_manage(
        "shell", "--no-imports", "-c",
        "from django.conf import settings; print(settings.ARCHIVE_PUBLIC_READ)",
        env={"DJANGO_SETTINGS_MODULE": "config.settings.dev", "ARCHIVE_PUBLIC_READ": "true"},
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
