"""Ingest: documents in, meetings, people and decisions out; nothing half-stored."""

from __future__ import annotations

import hashlib
import threading
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection

from decisions.models import Decision
from minutes import services
from minutes.models import AgendaItem, Attendance, Meeting, SourceDocument
from minutes.services import IngestError, minutes_ingest
from municipalities.models import Person
from parsing import parse_bytes
from tests.samples import seed, seed_expected

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("media_root")]


def ingest(path: Path, **kwargs) -> services.IngestResult:
    return minutes_ingest(data=path.read_bytes(), filename=path.name, **kwargs)


def row_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (SourceDocument, Meeting, Attendance, AgendaItem, Decision, Person)
    }


def stored_files(media_root: Path) -> list[Path]:
    return [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []


@pytest.mark.parametrize(("number", "attendances", "items"), [("000", 20, 9), ("001", 19, 8)])
def test_ingest_seed_stores_attendees_items_and_decisions(number, attendances, items):
    path = seed(number)
    parsed = parse_bytes(path.read_bytes(), path.name)

    result = ingest(path, body_name="Ledningsgruppen")

    assert result.created and not result.duplicate
    meeting = result.meeting
    assert meeting.attendances.count() == attendances
    assert meeting.items.count() == items
    expected_decisions = sum(len(item.decisions) for item in parsed.items)
    assert expected_decisions > 0
    assert Decision.objects.filter(item__meeting=meeting).count() == expected_decisions
    assert meeting.body.name == "Ledningsgruppen"
    assert meeting.start_date is not None
    assert meeting.source.status == SourceDocument.Status.IMPORTED
    assert meeting.source.extracted_text


def test_reingest_same_file_creates_no_duplicates():
    path = seed("000")
    first = ingest(path)
    before = row_counts()

    again = ingest(path)

    assert again.duplicate and not again.created
    assert again.meeting == first.meeting
    assert row_counts() == before


def test_person_in_both_seeds_is_one_person_with_two_attendances():
    ingest(seed("000"))
    ingest(seed("001"))

    anna = Person.objects.get(full_name="Anna Söderström")
    assert anna.attendances.count() == 2


def test_decision_naming_an_attendee_by_first_name_is_assigned_to_them():
    meeting = ingest(seed("001")).meeting
    rickard = meeting.attendances.get(name_as_written="Rickard Sundbom")
    assert rickard.status == Attendance.Status.ABSENT

    decisions = Decision.objects.filter(
        item__meeting=meeting, text__startswith="Att Rickard kontaktar"
    )
    assert decisions.count() == 2
    for decision in decisions:
        assert list(decision.assigned.all()) == [rickard.person]
    # Marcel Moritz is named but did not attend: nobody is assigned.
    invite = Decision.objects.filter(item__meeting=meeting, text__contains="Marcel Moritz")
    assert invite.exists()
    assert not Person.objects.filter(assigned_decisions__in=invite).exists()


LATER_MEETING = """Tid 2019-10-10 kl 09.00-11.00

Deltagare
Leif Eriksson Botkyrka kommun

1. Trafik
Beslut
Att Rickard bjuder in Trafikverket.
"""


@pytest.mark.parametrize(("later_body", "assigned"), [("Ledningsgruppen", True),
                                                      ("Ekonomichefer", False)])
def test_decision_naming_someone_from_the_bodys_recent_lists_is_assigned(later_body, assigned):
    ingest(seed("001"), body_name="Ledningsgruppen")
    later = minutes_ingest(data=LATER_MEETING.encode(), filename="later.txt",
                           body_name=later_body).meeting
    decision = Decision.objects.get(item__meeting=later)
    names = [p.full_name for p in decision.assigned.all()]
    assert names == (["Rickard Sundbom"] if assigned else [])


def test_secretary_and_adjusters_are_the_attendees():
    meeting = ingest(seed("001")).meeting
    assert meeting.secretary.full_name == "Anna Söderström"
    assert meeting.secretary.attendances.filter(meeting=meeting).exists()
    assert [p.full_name for p in meeting.adjusters.all()] == ["Stefan Hollmark"]


def test_stored_original_has_the_same_bytes_and_checksum():
    path = seed("000")
    source = ingest(path).source
    source.refresh_from_db()

    with source.file.open("rb") as stored:
        content = stored.read()
    assert content == path.read_bytes()
    assert hashlib.sha256(content).hexdigest() == source.sha256
    assert source.file.name.startswith(f"originals/{source.sha256[:2]}/{source.sha256}")


def test_unreadable_file_raises_ingest_error_and_stores_nothing(tmp_path, media_root):
    empty = tmp_path / "tom.txt"
    empty.write_bytes(b"")
    with pytest.raises(IngestError, match="Filen är tom"):
        ingest(empty)
    assert SourceDocument.objects.count() == 0
    assert stored_files(media_root) == []


def test_failure_while_storing_leaves_no_rows_and_no_file(monkeypatch, media_root):
    def broken(**kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(services, "_agenda_create", broken)
    with pytest.raises(IngestError):
        ingest(seed("000"))

    assert all(count == 0 for name, count in row_counts().items() if name != "Person")
    assert Person.objects.count() == 0
    assert stored_files(media_root) == []


def test_same_file_ingested_twice_at_once_gives_one_meeting():
    path = seed("001")
    results: list[services.IngestResult] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            results.append(ingest(path))
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(r.duplicate for r in results) == [False, True]
    assert Meeting.objects.count() == 1
    assert SourceDocument.objects.count() == 1


def test_batch_with_a_bad_file_stores_the_good_one_and_exits_1(tmp_path, media_root):
    good = tmp_path / "in" / seed("000").name
    good.parent.mkdir()
    good.write_bytes(seed("000").read_bytes())
    bad = tmp_path / "in" / "tom.txt"
    bad.write_bytes(b"")
    out, err = StringIO(), StringIO()

    with pytest.raises(SystemExit) as exit_info:
        call_command("ingest", str(tmp_path / "in"), stdout=out, stderr=err)

    assert exit_info.value.code == 1
    assert "FEL" in err.getvalue() and "tom.txt" in err.getvalue()
    assert "Filen är tom." in err.getvalue()
    assert f"OK {good}: 20 deltagare, 9 punkter" in out.getvalue()
    assert "1 sparade, 0 fanns redan, 1 misslyckades." in out.getvalue()
    assert Meeting.objects.count() == 1
    assert SourceDocument.objects.get().original_name == good.name
    assert len(stored_files(media_root)) == 1


def test_ingest_command_reports_an_archived_file_as_already_there(tmp_path):
    path = seed("001")
    call_command("ingest", str(path), stdout=StringIO())
    out = StringIO()

    call_command("ingest", str(path.parent / "*.txt"), stdout=out)

    assert f"FINNS REDAN {path}" in out.getvalue()
    assert "1 sparade, 1 fanns redan, 0 misslyckades." in out.getvalue()
    assert Meeting.objects.count() == 2


def test_dry_run_stores_nothing(media_root):
    out = StringIO()
    call_command("ingest", str(seed("000")), "--dry-run", stdout=out)

    assert "OK" in out.getvalue() and "20 deltagare" in out.getvalue()
    assert all(count == 0 for count in row_counts().values())
    assert stored_files(media_root) == []


def test_path_that_matches_nothing_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="saknas"):
        call_command("ingest", str(tmp_path / "saknas" / "*.pdf"))


def test_failed_upload_of_the_same_bytes_is_reused_not_replaced(media_root):
    path = seed("001")
    data = path.read_bytes()
    failed = SourceDocument(
        sha256=hashlib.sha256(data).hexdigest(),
        original_name="uppladdad.txt",
        content_type="text/plain",
        size=len(data),
        status=SourceDocument.Status.FAILED,
        error="Tolkningen avbröts.",
    )
    failed.file.save("uppladdad.txt", ContentFile(data), save=False)
    failed.save()
    first_added_at = failed.added_at

    result = ingest(path)

    assert result.created and result.meeting is not None
    source = SourceDocument.objects.get()
    assert source.pk == failed.pk == result.source.pk
    assert source.file.name == failed.file.name
    assert source.original_name == "uppladdad.txt"
    assert source.added_at == first_added_at
    assert source.status == SourceDocument.Status.IMPORTED
    assert source.error == ""
    assert source.extracted_text
    assert Meeting.objects.get().source == source
    assert len(stored_files(media_root)) == 1


def test_failed_upload_without_its_file_gets_the_file_written(media_root):
    path = seed("000")
    data = path.read_bytes()
    pending = SourceDocument.objects.create(
        sha256=hashlib.sha256(data).hexdigest(), original_name=path.name, size=len(data)
    )

    result = ingest(path)

    assert result.source.pk == pending.pk
    with result.source.file.open("rb") as stored:
        assert stored.read() == data


class Terminal(StringIO):
    def isatty(self) -> bool:
        return True


def two_seeds_folder(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    copies = []
    for number in ("000", "001"):
        copy = folder / seed(number).name
        copy.write_bytes(seed(number).read_bytes())
        copies.append(copy)
    return copies[0], copies[1]


def test_ingest_output_off_a_terminal_is_plain_lines(tmp_path):
    first, second = two_seeds_folder(tmp_path)
    out = StringIO()

    call_command("ingest", str(first.parent), stdout=out)

    assert out.getvalue() == (
        f"OK {first}: 20 deltagare, 9 punkter\n"
        f"OK {second}: 19 deltagare, 8 punkter\n"
        "2 sparade, 0 fanns redan, 0 misslyckades.\n"
    )


def test_ingest_on_a_terminal_shows_one_updating_progress_line(tmp_path):
    first, second = two_seeds_folder(tmp_path)
    out = Terminal()

    call_command("ingest", str(first.parent), stdout=out)

    text = out.getvalue()
    assert f"\r[1/2] {first.name}" in text
    assert f"\r[2/2] {second.name}" in text
    assert text.index("[1/2]") < text.index(f"OK {first}") < text.index("[2/2]")
    # Each result stays on a line of its own; the progress line is cleared before it.
    assert f"\x1b[KOK {first}: 20 deltagare, 9 punkter\n" in text
    assert f"\x1b[KOK {second}: 19 deltagare, 8 punkter\n" in text
    assert text.endswith("8 punkter\n2 sparade, 0 fanns redan, 0 misslyckades.\n")


def test_terminal_progress_is_silent_at_verbosity_0(tmp_path):
    first, _second = two_seeds_folder(tmp_path)
    out = Terminal()

    call_command("ingest", str(first.parent), verbosity=0, stdout=out)

    assert out.getvalue() == ""
    assert Meeting.objects.count() == 2


def test_ingest_without_paths_is_a_command_error():
    with pytest.raises(CommandError, match="--reparse"):
        call_command("ingest")


@pytest.mark.parametrize("number", ["000", "001"])
def test_stored_decisions_are_those_of_expected(number):
    expected = seed_expected(number)
    meeting = ingest(seed(number)).meeting
    stored = {
        (d.item.number, d.text, d.heading or None)
        for d in Decision.objects.filter(item__meeting=meeting).select_related("item")
    }
    wanted = {(i["number"], d["text"], d.get("heading")) for i in expected["items"]
              for d in i["decisions"]}
    required = {(i["number"], d["text"], d.get("heading")) for i in expected["items"]
                for d in i["decisions"] if not d.get("optional")}
    assert required
    assert required <= stored <= wanted
