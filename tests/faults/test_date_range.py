"""Dates no meeting can have (issue 12): year 1 once took the archive down for everyone.

Every way in (the parser, the upload preview, the admin, ingest) leaves such a date empty or
refuses it in Swedish, and the database refuses it too, so no page ever meets one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import io
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from decisions.models import Decision
from minutes.models import AgendaItem, Meeting, SourceDocument
from minutes.services import IngestError, meeting_create, minutes_ingest
from parsing import parse_bytes
from parsing.daterange import latest_meeting_date
from tests.faults.conftest import SAMPLES
from tests.jobs import jobs_run
from tests.municipalities.html_forms import form_fields

pytestmark = pytest.mark.django_db

SAMPLE = SAMPLES / "ledningsgruppen-2018-06-06.txt"
OUT_OF_RANGE = "ligger utanför de datum ett möte kan ha"


def refused_in_swedish() -> str:
    return f"Ett mötes datum måste ligga mellan 1800-01-01 och {latest()}."


def latest() -> str:
    return latest_meeting_date(timezone.localdate()).isoformat()


def dated(tid: str, room: str = "") -> bytes:
    """The sample minutes with their "Tid" line replaced (and a room, for a checksum of
    their own)."""
    text = SAMPLE.read_text(encoding="utf-8")
    assert re.search(r"^Tid .*$", text, flags=re.M)
    text = re.sub(r"^Tid .*$", f"Tid {tid}", text, count=1, flags=re.M)
    return re.sub(r"^(Plats .*?)\s*$", rf"\1{room}", text, count=1, flags=re.M).encode()


@pytest.fixture(autouse=True)
def _media(media_root) -> Path:
    return media_root


@pytest.fixture
def secretary(signed_in_client):
    return signed_in_client("Sekreterare")


@pytest.fixture
def superuser(signed_in_client):
    return signed_in_client("superuser")


def upload(client, data: bytes) -> SourceDocument:
    """Uploaded, and read by the queue's worker (tests/jobs.py)."""
    response = client.post("/upload/", {"file": SimpleUploadedFile("p.txt", data), "body": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse("minutes:import-list")
    jobs_run()
    return SourceDocument.objects.get(sha256=hashlib.sha256(data).hexdigest())


def read_again(client, source: SourceDocument):
    """'Läs igen', and the queue's worker reading it: the answer to the POST."""
    response = client.post(reverse("minutes:import-reparse", args=[source.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("minutes:import-detail", args=[source.pk])
    jobs_run()
    return response


def confirm(client, source: SourceDocument, **facts: str):
    data = {"title": "", "date": "", "start_time": "", "end_date": "", "end_time": "",
            "place": "", "body": "", **facts}
    return client.post(reverse("minutes:import-confirm", args=[source.pk]), data)


def date_input(page: str, name: str) -> str:
    found = re.search(rf'<input[^>]*name="{name}"[^>]*>', page)
    assert found, f"no {name} field"
    return found.group(0)


# --- the upload and its preview ----------------------------------------------------------


@pytest.mark.parametrize("tid", ["0001-01-01 kl 13.00-15.30", "5 maj 0100", "0999-12-31"])
def test_an_upload_dated_before_year_1000_gives_a_preview_with_the_date_left_empty(
    secretary, tid
):
    source = upload(secretary, dated(tid))
    assert source.status == SourceDocument.Status.PENDING

    preview = secretary.get(reverse("minutes:import-detail", args=[source.pk]))

    assert preview.status_code == 200
    page = preview.content.decode()
    assert OUT_OF_RANGE in page
    assert "value=" not in date_input(page, "date")
    again = read_again(secretary, source)
    assert secretary.get(again["Location"]).status_code == 200
    source.refresh_from_db()
    assert source.status == SourceDocument.Status.PENDING
    response = confirm(secretary, source, date="2018-06-06")
    meeting = Meeting.objects.get(source=source)
    assert response["Location"] == reverse("minutes:meeting-detail", args=[meeting.pk])
    assert secretary.get(response["Location"]).status_code == 200


def test_a_pending_upload_stored_with_year_1_opens_and_reads_again(secretary):
    source = upload(secretary, dated("6 juni 2018 kl 13.00"))
    # As the parser before this fix stored it: strftime's unpadded year.
    source.parsed = {**source.parsed, "start": "1-01-01T13:00", "end": "1-01-01T15:30"}
    source.parser_version = "1.1.0"
    source.save(update_fields=["parsed", "parser_version"])

    preview = secretary.get(reverse("minutes:import-detail", args=[source.pk]))

    assert preview.status_code == 200
    assert "value=" not in date_input(preview.content.decode(), "date")
    again = read_again(secretary, source)
    page = secretary.get(again["Location"]).content.decode()
    assert 'value="2018-06-06"' in date_input(page, "date")


@pytest.mark.parametrize(
    "facts",
    [
        {"date": "0001-01-01"},
        {"date": "0001-01-01", "start_time": "00:00"},
        {"date": "9999-12-31", "start_time": "23:00"},
        {"date": "1799-12-31"},
        {"date": "2018-06-06", "end_date": "9999-12-31", "end_time": "10:00"},
    ],
)
def test_the_preview_refuses_a_date_no_meeting_can_have_and_stores_nothing(secretary, facts):
    source = upload(secretary, dated("6 juni 2018"))

    response = confirm(secretary, source, **facts)

    assert response.status_code == 400
    assert refused_in_swedish() in response.content.decode()
    assert not Meeting.objects.exists()
    source.refresh_from_db()
    assert source.status == SourceDocument.Status.PENDING


def test_the_preview_takes_the_first_and_last_dates_of_the_range(secretary):
    first = upload(secretary, dated("6 juni 2018"))
    last = upload(secretary, dated("6 juni 2018", room=", rum 2"))

    assert confirm(secretary, first, date="1800-01-01", start_time="00:00").status_code == 302
    assert confirm(secretary, last, date=latest(), start_time="23:59").status_code == 302
    assert sorted(Meeting.objects.values_list("start_date", flat=True)) == [
        dt.date(1800, 1, 1), dt.date.fromisoformat(latest())]


# --- the admin -------------------------------------------------------------------------


def admin_edit(client, meeting: Meeting, **changes: str):
    url = reverse("admin:minutes_meeting_change", args=[meeting.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = form_fields(page.content.decode(), "meeting_form")
    data.update({name: [value] for name, value in changes.items()})
    return client.post(url, data)


@pytest.mark.parametrize(
    "changes",
    [
        {"start_date": "0001-01-01"},
        {"start_0": "0001-01-01", "start_1": "00:00"},
        {"end_0": "9999-12-31", "end_1": "23:00"},
        {"start_date": "2200-01-01"},
    ],
)
def test_the_admin_refuses_a_date_no_meeting_can_have_in_swedish(superuser, changes):
    meeting = minutes_ingest(data=dated("6 juni 2018 kl 13.00"), filename="p.txt").meeting

    response = admin_edit(superuser, meeting, **changes)

    assert response.status_code == 200
    assert refused_in_swedish() in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.start_date == dt.date(2018, 6, 6)
    assert superuser.get(reverse("admin:minutes_meeting_changelist")).status_code == 200


# --- ingest ----------------------------------------------------------------------------


def test_ingest_of_minutes_dated_year_1_stores_the_meeting_undated_with_a_swedish_warning(
    tmp_path, client
):
    path = tmp_path / "protokoll.txt"
    path.write_bytes(dated("0001-01-01 kl 13.00-15.30"))

    out, err = io.StringIO(), io.StringIO()
    call_command("ingest", str(path), stdout=out, stderr=err)

    assert f"VARNING {path}: Datumet ”0001-01-01” {OUT_OF_RANGE}" in err.getvalue()
    assert "1 sparade, 0 fanns redan, 0 misslyckades." in out.getvalue()
    meeting = Meeting.objects.get()
    assert (meeting.start_date, meeting.start, meeting.end) == (None, None, None)
    page = client.get(reverse("minutes:meeting-detail", args=[meeting.pk]))
    assert page.status_code == 200
    assert OUT_OF_RANGE in page.content.decode()


@pytest.mark.parametrize(
    "facts",
    [
        {"start_date": dt.date(1, 1, 1)},
        {"start_date": dt.date(2018, 6, 6), "start": dt.datetime(1, 1, 1, 12, tzinfo=dt.UTC)},
        {"start_date": dt.date(2018, 6, 6), "end": dt.datetime(9999, 12, 31, tzinfo=dt.UTC)},
    ],
)
def test_meeting_create_refuses_a_callers_date_no_meeting_can_have(facts):
    source = SourceDocument.objects.create(
        sha256="a" * 64, original_name="p.txt", size=1, status=SourceDocument.Status.IMPORTED)
    parsed = parse_bytes(dated("6 juni 2018"), "p.txt")

    refused = pytest.raises(IngestError, match=re.escape(refused_in_swedish()))
    with refused, transaction.atomic():
        meeting_create(source=source, parsed=parsed, body_name=None, facts=facts)

    assert not Meeting.objects.exists()


# --- the database ----------------------------------------------------------------------


def stored_meeting() -> Meeting:
    return minutes_ingest(data=dated("6 juni 2018 kl 13.00"), filename="p.txt").meeting


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE minutes_meeting SET start = '0001-01-01 00:00+01'",
        "UPDATE minutes_meeting SET start_date = '0001-01-01'",
        "UPDATE minutes_meeting SET \"end\" = '2200-01-01 00:00+00'",
        "UPDATE minutes_meeting SET start_date = '1799-12-31'",
    ],
)
def test_the_database_refuses_a_date_outside_its_bounds_from_raw_sql(sql):
    stored_meeting()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert Meeting.objects.get().start_date == dt.date(2018, 6, 6)


@pytest.mark.parametrize(
    "values",
    [
        {"start": dt.datetime(1, 1, 2, tzinfo=dt.UTC)},
        {"start_date": dt.date(1, 1, 1)},
        {"end": dt.datetime(9999, 12, 31, tzinfo=dt.UTC)},
    ],
)
def test_the_database_refuses_an_orm_update_to_year_1(values):
    stored_meeting()
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.update(**values)


def test_the_database_takes_midnight_1800_in_stockholm():
    meeting = stored_meeting()
    # Stockholm's local mean time in 1800 was 1:12 ahead of UTC: still 1799 there.
    first = dt.datetime(1800, 1, 1, tzinfo=ZoneInfo("Europe/Stockholm"))
    assert first.astimezone(dt.UTC).year == 1799
    Meeting.objects.filter(pk=meeting.pk).update(start_date=first.date(), start=first)
    assert Meeting.objects.get().start == first


def test_the_migration_empties_dates_stored_before_the_range_was_enforced():
    """Applied to a database that already holds a broken meeting, 0007 empties its date
    (and the copies on its items and decisions) instead of failing on the constraint."""
    meeting = stored_meeting()
    step = importlib.import_module("minutes.migrations.0007_meeting_date_range")
    constraints = Meeting._meta.constraints
    assert constraints
    with connection.schema_editor() as editor:
        # The ingest's deferred foreign key checks must not be pending when the table changes.
        editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for constraint in constraints:
            editor.remove_constraint(Meeting, constraint)
        editor.execute(
            "UPDATE minutes_meeting SET start = '0001-01-01 12:00+01', "
            "\"end\" = '0001-01-01 14:00+01', start_date = '0001-01-01'"
        )
        assert AgendaItem.objects.filter(meeting_date__year=1).exists()
        editor.execute(step.EMPTY_OUT_OF_RANGE)
        for constraint in constraints:
            editor.add_constraint(Meeting, constraint)

    stored = Meeting.objects.get(pk=meeting.pk)
    assert (stored.start_date, stored.start, stored.end) == (None, None, None)
    assert not AgendaItem.objects.filter(meeting_date__isnull=False).exists()
    assert not Decision.objects.filter(meeting_start__isnull=False).exists()
