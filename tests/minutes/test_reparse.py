"""Reparse: the current parser over archived originals, replacing what parsing made, atomically."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError

from decisions.models import Decision
from minutes import services
from minutes.models import AgendaItem, Attendance, Meeting, SourceDocument
from minutes.services import IngestError, minutes_reparse
from municipalities.models import Person
from parsing import PARSER_VERSION, ParseError
from tests.minutes.test_ingest import ingest, row_counts, seed

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("media_root")]


def snapshot(meeting: Meeting) -> dict[str, object]:
    """Everything a reparse may replace, with primary keys, to tell old rows from new."""
    return {
        "items": list(meeting.items.values_list("pk", "number", "title")),
        "attendances": list(meeting.attendances.values_list("pk", "person_id", "status")),
        "decisions": list(
            Decision.objects.filter(item__meeting=meeting).values_list("pk", "text")
        ),
        "rows": row_counts(),
    }


def people_as_written(meeting: Meeting) -> set[tuple[str, int]]:
    return set(meeting.attendances.values_list("name_as_written", "person_id"))


def test_reparse_of_an_unchanged_document_gives_identical_rows():
    ingest(seed("000"))
    meeting = ingest(seed("001"), body_name="Ledningsgruppen").meeting
    before = row_counts()
    people = people_as_written(meeting)
    assert people

    again = minutes_reparse(source=meeting.source)

    assert again.pk == meeting.pk
    assert row_counts() == before
    assert people_as_written(again) == people
    assert again.body.name == "Ledningsgruppen"
    assert again.attendances.count() == 19
    assert again.items.count() == 8
    assert again.secretary.full_name == "Anna Söderström"
    assert [p.full_name for p in again.adjusters.all()] == ["Stefan Hollmark"]


def test_reparse_replaces_what_the_parser_made_and_records_the_parser_version():
    meeting = ingest(seed("000")).meeting
    expected = snapshot(meeting)
    source = meeting.source
    source.parser_version = "0.1"
    source.save()
    Meeting.objects.filter(pk=meeting.pk).update(title="Fel rubrik", place="")
    meeting.items.order_by("order").last().delete()

    minutes_reparse(source=source)

    meeting.refresh_from_db()
    source.refresh_from_db()
    assert source.parser_version == PARSER_VERSION
    assert meeting.title != "Fel rubrik" and meeting.place
    assert meeting.items.count() == 9
    assert row_counts() == expected["rows"]
    # New rows: the old items were replaced, not kept.
    old_item_pks = {pk for pk, _number, _title in expected["items"]}
    assert not old_item_pks & set(meeting.items.values_list("pk", flat=True))


def test_reparse_finds_a_renamed_person_again_instead_of_creating_a_duplicate():
    meeting = ingest(seed("001")).meeting
    anna = Person.objects.get(full_name="Anna Söderström")
    anna.full_name = "Anna Söderström Lind"
    anna.aliases = ["Anna Söderström"]
    anna.save()
    people = Person.objects.count()

    minutes_reparse(source=meeting.source)

    assert Person.objects.count() == people
    assert not Person.objects.filter(full_name="Anna Söderström").exists()
    assert meeting.attendances.get(name_as_written="Anna Söderström").person == anna
    meeting.refresh_from_db()
    assert meeting.secretary == anna


def test_reparse_keeps_a_merge_made_by_an_administrator():
    meeting = ingest(seed("001")).meeting
    duplicate = Person.objects.get(full_name="Stefan Hollmark")
    kept = Person.objects.create(full_name="Stefan Holmark", aliases=["Stefan Hollmark"])
    # The administrator's merge: everything moves to the kept person, the other goes.
    Attendance.objects.filter(person=duplicate).update(person=kept)
    meeting.adjusters.set([kept])
    for decision in duplicate.assigned_decisions.all():
        decision.assigned.add(kept)
    duplicate.delete()
    people = Person.objects.count()

    minutes_reparse(source=meeting.source)

    assert Person.objects.count() == people
    assert not Person.objects.filter(full_name="Stefan Hollmark").exists()
    assert meeting.attendances.get(name_as_written="Stefan Hollmark").person == kept
    assert list(meeting.adjusters.all()) == [kept]


def test_failure_in_the_middle_of_a_reparse_leaves_the_old_rows(monkeypatch):
    meeting = ingest(seed("000")).meeting
    before = snapshot(meeting)
    assert before["items"] and before["attendances"] and before["decisions"]

    def broken(**kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(services, "_agenda_create", broken)
    with pytest.raises(IngestError):
        minutes_reparse(source=meeting.source)

    assert snapshot(meeting) == before


def test_reparse_that_cannot_parse_changes_nothing(monkeypatch):
    meeting = ingest(seed("000")).meeting
    before = snapshot(meeting)

    def unreadable(data, filename=None, **limits):
        raise ParseError("unreadable", "the parsing process failed")

    monkeypatch.setattr(services, "parse_isolated", unreadable)
    with pytest.raises(IngestError, match="Filen kunde inte läsas"):
        minutes_reparse(source=meeting.source)

    assert snapshot(meeting) == before
    assert SourceDocument.objects.get().parser_version == PARSER_VERSION


def test_reparse_of_a_missing_original_is_an_error_and_changes_nothing():
    meeting = ingest(seed("000")).meeting
    before = snapshot(meeting)
    meeting.source.file.delete(save=False)

    with pytest.raises(IngestError, match="kan inte öppnas"):
        minutes_reparse(source=meeting.source)

    assert snapshot(meeting) == before


def test_reparse_command_without_paths_parses_every_imported_original():
    first = ingest(seed("000")).meeting
    second = ingest(seed("001")).meeting
    before = row_counts()
    out = StringIO()

    call_command("ingest", "--reparse", stdout=out)

    assert f"OK {first.source.original_name}: 20 deltagare, 9 punkter" in out.getvalue()
    assert f"OK {second.source.original_name}: 19 deltagare, 8 punkter" in out.getvalue()
    assert "2 tolkade på nytt, 0 misslyckades." in out.getvalue()
    assert row_counts() == before


def test_reparse_command_with_a_path_parses_only_that_original(monkeypatch):
    ingest(seed("000"))
    ingest(seed("001"))
    parsed: list[str] = []
    real_reparse = services.minutes_reparse

    def counting(*, source):
        parsed.append(source.original_name)
        return real_reparse(source=source)

    monkeypatch.setattr("minutes.management.commands.ingest.minutes_reparse", counting)
    out = StringIO()

    call_command("ingest", "--reparse", str(seed("001")), stdout=out)

    assert parsed == [seed("001").name]
    assert f"OK {seed('001')}: 19 deltagare, 8 punkter" in out.getvalue()
    assert "1 tolkade på nytt, 0 misslyckades." in out.getvalue()


def test_reparse_command_reports_a_file_not_in_the_archive_and_exits_1(tmp_path):
    ingest(seed("000"))
    stranger = tmp_path / "annat.txt"
    stranger.write_text("Inget protokoll", encoding="utf-8")
    out, err = StringIO(), StringIO()

    with pytest.raises(SystemExit) as exit_info:
        call_command("ingest", "--reparse", str(stranger), stdout=out, stderr=err)

    assert exit_info.value.code == 1
    assert f"FEL {stranger}: Filen finns inte i arkivet." in err.getvalue()
    assert "0 tolkade på nytt, 1 misslyckades." in out.getvalue()


def test_reparse_command_dry_run_stores_nothing():
    meeting = ingest(seed("000")).meeting
    Meeting.objects.filter(pk=meeting.pk).update(title="Fel rubrik")
    out = StringIO()

    call_command("ingest", "--reparse", "--dry-run", stdout=out)

    assert "OK" in out.getvalue() and "20 deltagare" in out.getvalue()
    assert "Provkörning, inget sparat: 1 läsbara, 0 misslyckades." in out.getvalue()
    assert Meeting.objects.get().title == "Fel rubrik"


def test_reparse_command_with_an_empty_archive_says_so():
    out = StringIO()
    call_command("ingest", "--reparse", stdout=out)
    assert "inga importerade protokoll" in out.getvalue()
    assert AgendaItem.objects.count() == 0


def test_reparse_with_body_is_a_command_error():
    with pytest.raises(CommandError, match="--body"):
        call_command("ingest", "--reparse", "--body", "Ledningsgruppen")
