"""Five wrong passwords lock a user name out from that address for a while, not for good."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.test import Client

from config.roles import OFFICIALS
from tests.config.users import user_with_role

pytestmark = pytest.mark.django_db

SIGN_IN = "/konto/logga-in/"
PASSWORD = "rätt-häst-batteri-häftklammer"


def sign_in(client: Client, password: str):
    return client.post(SIGN_IN, {"username": "karin", "password": password})


@pytest.fixture
def official():
    return user_with_role(OFFICIALS, username="karin", password=PASSWORD)


def test_five_wrong_passwords_lock_out_the_right_one_until_the_cool_off_ends(official):
    client = Client()
    for _ in range(4):
        assert sign_in(client, "fel").status_code == 200  # the form again, with its error

    fifth = sign_in(client, "fel")
    right = sign_in(client, PASSWORD)

    assert fifth.status_code == 429
    assert right.status_code == 429
    html = right.content.decode()
    assert "<h1>För många inloggningsförsök</h1>" in html
    assert "stängd i 15 minuter" in html
    assert "Försök igen efter kl. " in html
    assert "_auth_user_id" not in client.session

    # A quarter of an hour and a minute later (the clock moved back in the database instead).
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))
    after = sign_in(client, PASSWORD)

    assert after.status_code == 302
    assert client.session["_auth_user_id"] == str(official.pk)


def test_lockout_is_for_the_user_name_not_for_everyone_at_the_address(official):
    client = Client()
    for _ in range(5):
        sign_in(client, "fel")
    user_with_role(OFFICIALS, username="olle", password=PASSWORD)

    other = client.post(SIGN_IN, {"username": "olle", "password": PASSWORD})

    assert other.status_code == 302


def test_a_right_password_resets_the_count_of_wrong_ones(official):
    client = Client()
    for _ in range(4):
        sign_in(client, "fel")
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()

    for _ in range(4):
        assert sign_in(client, "fel").status_code == 200

    assert sign_in(client, PASSWORD).status_code == 302


def test_lockout_page_shows_when_the_cool_off_is_shorter(official, settings):
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=1)
    client = Client()
    for _ in range(5):
        sign_in(client, "fel")

    html = sign_in(client, PASSWORD).content.decode()

    assert "stängd i 1 minut." in html
