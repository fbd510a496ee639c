"""What `make run` does before serving: load the samples, create a local administrator."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from minutes.models import AgendaItem, Attendance, Meeting

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "minutes"


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_samples_load_once_however_often_make_run_is_started(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assert sorted(p.suffix for p in SAMPLES.iterdir()) == [".txt", ".txt"]
    _run("ingest", str(SAMPLES), "--body", "Ledningsgruppen")
    counts = (Meeting.objects.count(), Attendance.objects.count(), AgendaItem.objects.count())
    assert counts == (2, 39, 17)
    _run("ingest", str(SAMPLES), "--body", "Ledningsgruppen")
    assert (Meeting.objects.count(), Attendance.objects.count(),
            AgendaItem.objects.count()) == counts
    assert set(Meeting.objects.values_list("body__name", flat=True)) == {"Ledningsgruppen"}


@pytest.mark.django_db
def test_local_admin_is_created_once_with_a_password_that_works(anonymous_client):
    first = _run("create_local_admin")
    assert "http://127.0.0.1:8000/konto/logga-in/" in first
    password = re.search(r"lösenordet (\S+) \(", first).group(1)
    signed_in = anonymous_client.post(
        "/konto/logga-in/", {"username": "admin", "password": password}
    )
    assert signed_in.status_code == 302, "the printed password does not sign in"
    assert get_user_model().objects.get(username="admin").is_superuser
    second = _run("create_local_admin")
    assert password not in second
    assert "changepassword admin" in second
    assert get_user_model().objects.filter(username="admin").count() == 1
