"""The project's foundations: database, language, deployment settings, migrations."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.utils import get_random_secret_key
from django.db import connection

PROD_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.prod",
    "DJANGO_ALLOWED_HOSTS": "example.org",
}


@pytest.mark.django_db
def test_database_is_postgresql_15_or_newer():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        (version,) = cursor.fetchone()
    assert int(version) >= 150000


@pytest.mark.django_db
def test_home_page_is_served_in_swedish(client):
    # A browser asking for English still gets Swedish: the archive has one language.
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert "Här kan du läsa" in html, "no Swedish: is the catalogue compiled? (make messages)"
    assert "Here you can read" not in html
    assert 'action="/search/"' in html


@pytest.mark.django_db
def test_stylesheet_linked_from_the_page_is_served(client):
    html = client.get("/").content.decode()
    assert 'href="/static/css/site.css"' in html

    response = client.get("/static/css/site.css")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")


def test_production_settings_pass_the_deployment_checks(run_manage):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        # OCR off: this asks about the deployment settings, not about this machine's
        # packages (minutes.W001 warns where OCR is missing;
        # tests/minutes/uploads/test_ocr_setup.py).
        env={**PROD_ENV, "DJANGO_SECRET_KEY": get_random_secret_key(), "MINUTES_OCR": "never"},
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key(run_manage):
    result = run_manage("check", env=PROD_ENV)

    assert result.returncode != 0
    assert "Set the environment variable DJANGO_SECRET_KEY." in result.stderr


@pytest.mark.django_db
def test_models_have_no_missing_migrations():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit:
        pytest.fail(f"models changed without a migration:\n{out.getvalue()}")
