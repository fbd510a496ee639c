"""E-mail settings per environment: SMTP from the environment in production, the console in
development (the alerts of followed searches, search/alerts.py). Tests keep e-mails in
memory whatever the settings say (pytest-django)."""

from __future__ import annotations

import json

from django.core.management.utils import get_random_secret_key

from tests.test_skeleton import PROD_ENV

SHOW = (
    "import json; from django.conf import settings as s; print(json.dumps({k: getattr(s, k) "
    "for k in ('EMAIL_BACKEND', 'EMAIL_HOST', 'EMAIL_PORT', 'EMAIL_HOST_USER', "
    "'EMAIL_HOST_PASSWORD', 'EMAIL_USE_TLS', 'DEFAULT_FROM_EMAIL', 'SITE_URL')}))"
)


def production_settings(run_manage, **env: str) -> dict:
    result = run_manage("shell", "-c", SHOW, env={
        **PROD_ENV, "DJANGO_SECRET_KEY": get_random_secret_key(), "MINUTES_OCR": "never", **env,
    })
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_sends_through_the_smtp_server_the_environment_names(run_manage):
    found = production_settings(
        run_manage, EMAIL_HOST="smtp.haninge.se", EMAIL_PORT="587", EMAIL_HOST_USER="arkivet",
        EMAIL_HOST_PASSWORD="hemligt", EMAIL_USE_TLS="true",
        DEFAULT_FROM_EMAIL="protokoll@haninge.se", SITE_URL="https://protokoll.haninge.se",
    )

    assert found == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.haninge.se", "EMAIL_PORT": 587, "EMAIL_HOST_USER": "arkivet",
        "EMAIL_HOST_PASSWORD": "hemligt", "EMAIL_USE_TLS": True,
        "DEFAULT_FROM_EMAIL": "protokoll@haninge.se", "SITE_URL": "https://protokoll.haninge.se",
    }


def test_production_links_and_sender_default_to_the_first_allowed_host(run_manage):
    found = production_settings(run_manage, DJANGO_ALLOWED_HOSTS="arkiv.example.org,example.org")

    assert found["SITE_URL"] == "https://arkiv.example.org"
    assert found["DEFAULT_FROM_EMAIL"] == "arkivet@arkiv.example.org"
    assert (found["EMAIL_HOST"], found["EMAIL_PORT"], found["EMAIL_USE_TLS"]) == (
        "localhost", 25, False)


def test_production_with_a_wildcard_host_asks_for_the_site_address(run_manage):
    result = run_manage("check", env={**PROD_ENV, "DJANGO_ALLOWED_HOSTS": "*",
                                      "DJANGO_SECRET_KEY": get_random_secret_key()})

    assert result.returncode != 0
    assert "Set the environment variable SITE_URL." in result.stderr


def test_development_prints_e_mails_instead_of_sending_them(run_manage):
    result = run_manage("shell", "-c", SHOW,
                        env={"DJANGO_SETTINGS_MODULE": "config.settings.dev"})

    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
