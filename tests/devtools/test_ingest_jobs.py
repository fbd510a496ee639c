"""`ingest --jobs N`: worker processes store what one process stores, each document once."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from decisions.models import Decision
from devtools.bench import SyntheticMeeting, minutes_text, synthetic_meeting
from minutes.models import AgendaItem, Attendance, Meeting, SourceDocument
from municipalities.models import Person

pytestmark = pytest.mark.django_db(transaction=True)
SEED = 77


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def write_meetings(folder: Path, indexes: range) -> dict[str, SyntheticMeeting]:
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for index in indexes:
        meeting = synthetic_meeting(SEED, index)
        (folder / f"{index:06d}.txt").write_text(minutes_text(meeting), encoding="utf-8")
        written[f"{index:06d}.txt"] = meeting
    return written


def stored() -> dict[str, dict]:
    """Each stored meeting's rows, by the name of the file it came from."""
    result = {}
    for meeting in Meeting.objects.select_related("source", "secretary"):
        result[meeting.source.original_name] = {
            "start": meeting.start_date.isoformat(),
            "place": meeting.place,
            "secretary": meeting.secretary.full_name,
            "adjusters": sorted(p.full_name for p in meeting.adjusters.all()),
            "attendances": [
                (a.name_as_written, a.person.full_name, a.affiliation_as_written, a.status, a.role)
                for a in meeting.attendances.select_related("person").order_by("order")
            ],
            "items": list(meeting.items.order_by("order").values_list("number", "title")),
            "decisions": [
                (d.item.number, d.text, sorted(p.full_name for p in d.assigned.all()))
                for d in Decision.objects.filter(item__meeting=meeting)
                .select_related("item").order_by("item__order", "order")
            ],
        }
    return result


def expected(meetings: dict[str, SyntheticMeeting]) -> dict[str, dict]:
    """What the generator says each file holds, in the form of `stored`."""
    result = {}
    for name, meeting in meetings.items():
        attendees = {a.name for a in meeting.attendees}
        result[name] = {
            "start": meeting.start.date().isoformat(),
            "place": meeting.place,
            "secretary": meeting.secretary,
            "adjusters": sorted(meeting.adjusters),
            "attendances": [(a.name, a.name, a.affiliation, a.status, a.role or "")
                            for a in meeting.attendees],
            "items": [(i.number, i.title) for i in meeting.items],
            "decisions": [
                (i.number, " ".join(d.split()), sorted(n for n in attendees if n in d))
                for i in meeting.items for d in i.decisions
            ],
        }
    return result


def ingest(*args: str) -> tuple[str, str, int]:
    out, err = StringIO(), StringIO()
    try:
        call_command("ingest", *args, stdout=out, stderr=err)
    except SystemExit as exit_info:
        return out.getvalue(), err.getvalue(), exit_info.code
    return out.getvalue(), err.getvalue(), 0


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_jobs_store_what_the_generator_wrote(tmp_path, jobs):
    meetings = write_meetings(tmp_path / "in", range(10))

    out, err, status = ingest(str(tmp_path / "in"), "--jobs", jobs)

    assert (status, err) == (0, "")
    assert stored() == expected(meetings)
    assert any(decision[2] for row in stored().values() for decision in row["decisions"])
    # The report keeps the order of the files, whichever worker finished first.
    reported = [line.split(":")[0].removeprefix("OK ") for line in out.splitlines()[:-1]]
    assert reported == [str(tmp_path / "in" / name) for name in sorted(meetings)]
    assert out.splitlines()[-1] == "10 sparade, 0 fanns redan, 0 misslyckades."


def test_two_jobs_store_the_same_rows_as_one(tmp_path):
    write_meetings(tmp_path / "in", range(8))
    ingest(str(tmp_path / "in"), "--jobs", "1")
    one_job = stored()
    people = Person.objects.count()
    for model in (Decision, AgendaItem, Attendance, Meeting, SourceDocument, Person):
        model.objects.all().delete()

    ingest(str(tmp_path / "in"), "--jobs", "2")

    assert stored() == one_job
    assert Person.objects.count() == people


def test_same_bytes_twice_in_one_batch_are_stored_once(tmp_path):
    folder = tmp_path / "in"
    write_meetings(folder, range(3))
    (folder / "000000-kopia.txt").write_bytes((folder / "000000.txt").read_bytes())
    (folder / "000001-kopia.txt").write_bytes((folder / "000001.txt").read_bytes())

    out, _err, status = ingest(str(folder), "--jobs", "2")

    assert status == 0
    # In file order the copy comes first ("-" sorts before "."): the original is the repeat.
    assert f"FINNS REDAN {folder / '000000.txt'}" in out
    assert f"FINNS REDAN {folder / '000001.txt'}" in out
    assert "3 sparade, 2 fanns redan, 0 misslyckades." in out
    assert Meeting.objects.count() == SourceDocument.objects.count() == 3


def test_document_that_times_out_fails_alone(tmp_path, settings):
    settings.MINUTES_PARSE_TIMEOUT = 2
    folder = tmp_path / "in"
    write_meetings(folder, range(4))
    slow = folder / "000002-lang.txt"
    slow.write_bytes((folder / "000000.txt").read_bytes() * 600)

    out, err, status = ingest(str(folder), "--jobs", "2")

    assert status == 1
    assert err == (f"FEL {slow}: Det tog för lång tid att läsa filen, så läsningen "
                   "avbröts.\n")
    assert "4 sparade, 0 fanns redan, 1 misslyckades." in out
    assert Meeting.objects.count() == 4
    assert not SourceDocument.objects.filter(original_name=slow.name).exists()


def test_reparse_with_jobs_parses_every_original_again(tmp_path):
    write_meetings(tmp_path / "in", range(5))
    ingest(str(tmp_path / "in"))
    before = stored()

    out, err, status = ingest("--reparse", "--jobs", "2")

    assert (status, err) == (0, "")
    assert "5 tolkade på nytt, 0 misslyckades." in out
    assert stored() == before


def test_negative_jobs_is_a_command_error(tmp_path):
    write_meetings(tmp_path / "in", range(1))
    with pytest.raises(CommandError, match="--jobs"):
        call_command("ingest", str(tmp_path / "in"), "--jobs", "-1")
