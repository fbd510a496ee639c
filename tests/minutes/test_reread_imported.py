"""'Läs om' on an imported meeting: the original is read again in the task queue, the page
shows what the new reading changes, and applying it keeps every hand correction unless the
secretary chooses the new reading."""

from __future__ import annotations

import dataclasses
import re

import pytest
from django.urls import reverse
from reversion.models import Version

from config.roles import OFFICIALS, SECRETARIES
from decisions.models import Decision
from minutes.models import AgendaItem, Meeting, SourceDocument
from minutes.services import IngestError
from parsing import PARSER_VERSION, parse_bytes, to_dict
from tests.jobs import jobs_queued, jobs_run
from tests.minutes.uploads.documents import seed_document

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

NEW_VERSION = "99.0"


@pytest.fixture
def secretary_client(signed_in_client):
    return signed_in_client(SECRETARIES)


@pytest.fixture
def imported(secretary_client) -> Meeting:
    """Seed 000 uploaded as a text file, read by the worker and confirmed as read."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    name, data = seed_document("000", "txt")
    response = secretary_client.post(
        "/upload/", {"file": SimpleUploadedFile(name, data), "body": "Ledningsgruppen"}
    )
    assert response.status_code == 302
    jobs_run()
    source = SourceDocument.objects.get(original_name=name)
    assert source.status == SourceDocument.Status.PENDING, source.error
    parsed = source.parsed
    date, _t, start_time = parsed["start"].partition("T")
    end_time = (parsed["end"] or "").partition("T")[2]
    facts = {"title": parsed["title"] or "", "date": date, "start_time": start_time,
             "end_time": end_time, "place": parsed["place"] or "", "body": "Ledningsgruppen"}
    response = secretary_client.post(reverse("minutes:import-confirm", args=[source.pk]), facts)
    assert response.status_code == 302
    return Meeting.objects.get(source=source)


@pytest.fixture
def new_parser(monkeypatch):
    """The worker's parser replaced by `new_parser(change)`: the real reading of the file,
    then `change(parsed) -> parsed`, under a newer parser version."""

    def install(change):
        def parse(*, data: bytes, filename: str):
            return change(parse_bytes(data, filename))

        monkeypatch.setattr("minutes.tasks.minutes_parse", parse)
        monkeypatch.setattr("minutes.rereads.PARSER_VERSION", NEW_VERSION)

    return install


def retitled(titles: dict[int, str]):
    """A change of the new reading: the items at these places get these titles."""

    def change(parsed):
        items = tuple(
            dataclasses.replace(item, title=titles[at]) if at in titles else item
            for at, item in enumerate(parsed.items)
        )
        return dataclasses.replace(parsed, items=items)

    return change


def items_by_order(meeting: Meeting) -> list[AgendaItem]:
    return list(AgendaItem.objects.filter(meeting=meeting).order_by("order"))


def correct_title(meeting: Meeting, at: int, title: str) -> None:
    """As the admin saves an agenda item's new title."""
    item = items_by_order(meeting)[at]
    item.title = title
    item.save(update_fields=["title"])


def read_again(client, meeting: Meeting):
    """Press "Läs om" and let the worker read the original."""
    response = client.post(reverse("minutes:meeting-reread-start", args=[meeting.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("minutes:meeting-reread", args=[meeting.pk])
    jobs_run()
    return client.get(response["Location"])


def token_of(page: str) -> str:
    found = re.search(r'name="token" value="([0-9a-f]{64})"', page)
    assert found, "the page offers no new reading to apply"
    return found.group(1)


def apply(client, meeting: Meeting, page: str, take=()):
    return client.post(
        reverse("minutes:meeting-reread-apply", args=[meeting.pk]),
        {"token": token_of(page), "take": list(take)},
    )


def test_read_again_keeps_corrections_takes_uncorrected_fields_and_the_chosen_ones(
    secretary_client, imported, new_parser
):
    meeting = imported
    titles = [item.title for item in items_by_order(meeting)]
    assert len(titles) == 9
    correct_title(meeting, 0, "Rättad rubrik noll")
    correct_title(meeting, 2, "Rättad rubrik två")
    people = dict(meeting.attendances.values_list("name_as_written", "person_id"))
    assert people
    new_parser(retitled({0: "Ny rubrik noll", 1: "Ny rubrik ett", 2: "Ny rubrik två"}))

    queued = secretary_client.post(reverse("minutes:meeting-reread-start", args=[meeting.pk]))
    assert jobs_queued() == [("minutes.reparse_imported", {"source_id": meeting.source_id})]
    waiting = secretary_client.get(queued["Location"]).content.decode()
    assert "läses om" in waiting
    assert reverse("minutes:meeting-reread", args=[meeting.pk]) in waiting  # reload link
    assert items_by_order(meeting)[1].title == titles[1]  # nothing changes yet
    jobs_run()
    page = secretary_client.get(queued["Location"]).content.decode()

    for shown in ("Rättad rubrik noll", "Ny rubrik noll", "Ny rubrik ett", "Rättad rubrik två",
                  "Ny rubrik två", titles[1]):
        assert shown in page
    # A checkbox for each correction, none for the uncorrected title.
    assert re.findall(r'name="take" value="([^"]+)"', page) == ["item-0-title", "item-2-title"]
    assert "Rättat för hand" in page

    response = apply(secretary_client, meeting, page, take=["item-2-title"])

    assert response.status_code == 302
    assert response["Location"] == reverse("minutes:meeting-detail", args=[meeting.pk])
    items = items_by_order(meeting)
    assert [item.title for item in items[:3]] == [
        "Rättad rubrik noll", "Ny rubrik ett", "Ny rubrik två"]
    assert [item.title for item in items[3:]] == titles[3:]
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    assert dict(meeting.attendances.values_list("name_as_written", "person_id")) == people
    source = SourceDocument.objects.get(pk=meeting.source_id)
    assert source.reparsed is None
    assert source.parser_version == NEW_VERSION
    assert [item["title"] for item in source.parsed["items"][:3]] == [
        "Ny rubrik noll", "Ny rubrik ett", "Ny rubrik två"]
    version = Version.objects.get_for_object(items[1]).first()
    assert "1 handrättelse behölls" in version.revision.comment
    # The search index knows the new titles.
    found = secretary_client.get(reverse("search:search"), {"q": "rubrik ett"})
    assert "Ny rubrik ett" in found.content.decode()


def test_applying_twice_or_a_stale_reading_is_refused_and_changes_nothing(
    secretary_client, imported, new_parser
):
    meeting = imported
    new_parser(retitled({1: "Ny rubrik ett"}))
    page = read_again(secretary_client, meeting).content.decode()
    # The record changes after the page was shown (an edit in the admin, in another tab).
    correct_title(meeting, 1, "Rättad i en annan flik")

    stale = apply(secretary_client, meeting, page)

    assert stale["Location"] == reverse("minutes:meeting-reread", args=[meeting.pk])
    shown = secretary_client.get(stale["Location"]).content.decode()
    assert "Ingenting ändrades" in shown
    assert items_by_order(meeting)[1].title == "Rättad i en annan flik"
    assert SourceDocument.objects.get(pk=meeting.source_id).reparsed is not None

    page = secretary_client.get(stale["Location"]).content.decode()
    assert apply(secretary_client, meeting, page, take=["item-1-title"]).status_code == 302
    assert items_by_order(meeting)[1].title == "Ny rubrik ett"
    items = [(item.pk, item.title) for item in items_by_order(meeting)]

    again = apply(secretary_client, meeting, page, take=["item-1-title"])

    assert again["Location"] == reverse("minutes:meeting-reread", args=[meeting.pk])
    assert "redan tillämpad eller avbruten" in secretary_client.get(
        again["Location"]).content.decode()
    assert [(item.pk, item.title) for item in items_by_order(meeting)] == items


def test_a_corrected_attendance_is_kept_and_an_uncorrected_one_follows_the_new_reading(
    secretary_client, imported, new_parser
):
    meeting = imported
    attendances = list(meeting.attendances.order_by("order"))
    corrected, uncorrected = attendances[0], attendances[1]
    corrected.status = "absent"
    corrected.save(update_fields=["status"])

    def change(parsed):
        attendees = list(parsed.attendees)
        for at in (0, 1):
            attendees[at] = dataclasses.replace(attendees[at], role="adjuster")
        return dataclasses.replace(parsed, attendees=tuple(attendees))

    new_parser(change)
    page = read_again(secretary_client, meeting).content.decode()
    assert re.findall(r'name="take" value="([^"]+)"', page) == ["attendee-0"]
    assert corrected.name_as_written in page and uncorrected.name_as_written in page

    apply(secretary_client, meeting, page)

    kept = meeting.attendances.get(name_as_written=corrected.name_as_written)
    assert (kept.status, kept.role, kept.person_id) == (
        "absent", corrected.role, corrected.person_id)
    taken = meeting.attendances.get(name_as_written=uncorrected.name_as_written)
    assert (taken.status, taken.role, taken.person_id) == (
        uncorrected.status, "adjuster", uncorrected.person_id)


def test_decisions_come_from_the_new_reading_unless_corrected(
    secretary_client, imported, new_parser
):
    meeting = imported
    with_decisions = [item for item in items_by_order(meeting) if item.decisions.exists()]
    assert len(with_decisions) >= 2
    first, second = with_decisions[:2]
    corrected = first.decisions.order_by("order").first()
    corrected.text = "Beslutet som det rättades."
    corrected.save(update_fields=["text"])
    orders = {item.order for item in (first, second)}

    def change(parsed):
        items = tuple(
            dataclasses.replace(item, decisions=(dataclasses.replace(
                item.decisions[0], text=f"Nytt beslut {at}"),)) if at in orders else item
            for at, item in enumerate(parsed.items)
        )
        return dataclasses.replace(parsed, items=items)

    new_parser(change)
    page = read_again(secretary_client, meeting).content.decode()
    assert f"item-{first.order}-decisions" in page
    assert "Nytt beslut" in page

    apply(secretary_client, meeting, page)

    texts = {
        item.order: list(Decision.objects.filter(item=item).values_list("text", flat=True))
        for item in items_by_order(meeting) if item.order in orders
    }
    assert texts[first.order][0] == "Beslutet som det rättades."
    assert texts[second.order] == [f"Nytt beslut {second.order}"]


def test_the_same_parser_changes_nothing_and_keeps_the_corrections(secretary_client, imported):
    meeting = imported
    correct_title(meeting, 0, "Rättad rubrik")
    before = [(item.pk, item.title) for item in items_by_order(meeting)]

    page = read_again(secretary_client, meeting).content.decode()

    assert "ändrar ingenting i mötet" in page
    apply(secretary_client, meeting, page)
    assert [item.title for item in items_by_order(meeting)] == [title for _pk, title in before]
    source = SourceDocument.objects.get(pk=meeting.source_id)
    assert (source.reparsed, source.parser_version) == (None, PARSER_VERSION)


def test_a_failed_reading_is_shown_with_why_and_cancel_drops_it(
    secretary_client, imported, monkeypatch
):
    meeting = imported

    def fails(*, data: bytes, filename: str):
        raise IngestError("Filen gick inte att läsa den här gången.")

    monkeypatch.setattr("minutes.tasks.minutes_parse", fails)
    page = read_again(secretary_client, meeting).content.decode()

    assert "Filen gick inte att läsa den här gången." in page
    assert SourceDocument.objects.get(pk=meeting.source_id).reparsed["state"] == "failed"
    response = secretary_client.post(
        reverse("minutes:meeting-reread-cancel", args=[meeting.pk]))
    assert response["Location"] == reverse("minutes:meeting-detail", args=[meeting.pk])
    assert SourceDocument.objects.get(pk=meeting.source_id).reparsed is None


def test_cancel_while_queued_leaves_the_worker_nothing_to_keep(secretary_client, imported):
    meeting = imported
    secretary_client.post(reverse("minutes:meeting-reread-start", args=[meeting.pk]))
    secretary_client.post(reverse("minutes:meeting-reread-cancel", args=[meeting.pk]))

    jobs_run()

    assert SourceDocument.objects.get(pk=meeting.source_id).reparsed is None


def test_only_secretaries_see_and_use_read_again(secretary_client, signed_in_client, imported):
    meeting = imported
    official = signed_in_client(OFFICIALS)
    start = reverse("minutes:meeting-reread-start", args=[meeting.pk])
    detail = reverse("minutes:meeting-detail", args=[meeting.pk])

    assert start in secretary_client.get(detail).content.decode()
    assert start not in official.get(detail).content.decode()
    assert official.post(start).status_code == 403
    assert official.get(reverse("minutes:meeting-reread", args=[meeting.pk])).status_code == 403
    assert jobs_queued("minutes.reparse_imported") == []
    assert SourceDocument.objects.get(pk=meeting.source_id).reparsed is None


def test_a_new_reading_is_refused_for_an_original_whose_file_is_gone(
    secretary_client, imported
):
    meeting = imported
    SourceDocument.objects.filter(pk=meeting.source_id).update(file="")

    response = secretary_client.post(
        reverse("minutes:meeting-reread-start", args=[meeting.pk]), follow=True)

    assert "saknas" in response.content.decode()
    assert jobs_queued("minutes.reparse_imported") == []


def test_the_reading_of_the_record_matches_the_reading_it_was_made_from(imported):
    """With no correction, the record compares equal to the reading it was made from, so a
    new reading's changes are all taken and none is mistaken for a correction."""
    from minutes.reading import meeting_reading, reading_canonical

    source = SourceDocument.objects.get(pk=imported.source_id)
    record = reading_canonical(meeting_reading(imported))
    old = reading_canonical(source.parsed)

    assert record["items"] and record["attendees"]
    for key in ("title", "start", "end", "place", "organization", "secretary", "adjusters",
                "attendees"):
        assert record[key] == old[key], key
    for stored, read in zip(record["items"], old["items"], strict=True):
        assert {k: v for k, v in stored.items() if k != "all_votes"} == {
            k: v for k, v in read.items() if k != "all_votes"}


def test_reparse_imported_task_is_registered_with_the_original_lock(imported, secretary_client):
    from procrastinate.contrib.django.models import ProcrastinateJob

    secretary_client.post(reverse("minutes:meeting-reread-start", args=[imported.pk]))
    secretary_client.post(reverse("minutes:meeting-reread-start", args=[imported.pk]))

    jobs = ProcrastinateJob.objects.filter(task_name="minutes.reparse_imported", status="todo")
    assert [job.lock for job in jobs] == [f"source-{imported.source_id}"]


def test_to_dict_is_what_the_worker_keeps(imported, new_parser, secretary_client):
    new_parser(lambda parsed: parsed)
    read_again(secretary_client, imported)

    kept = SourceDocument.objects.get(pk=imported.source_id).reparsed
    name, data = seed_document("000", "txt")
    assert kept["reading"] == to_dict(parse_bytes(data, name), parser_version=NEW_VERSION)


def test_unknown_or_uncorrected_keys_in_take_are_ignored(secretary_client, imported, new_parser):
    meeting = imported
    correct_title(meeting, 0, "Rättad rubrik")
    new_parser(retitled({0: "Ny rubrik noll", 1: "Ny rubrik ett"}))
    page = read_again(secretary_client, meeting).content.decode()

    response = apply(secretary_client, meeting, page,
                     take=["item-1-title", "meeting-title", "item-99-text", "x\x00", "å" * 500])

    assert response.status_code == 302
    assert [item.title for item in items_by_order(meeting)[:2]] == [
        "Rättad rubrik", "Ny rubrik ett"]


def test_a_result_with_two_items_of_one_number_is_refused_and_changes_nothing(
    secretary_client, imported, new_parser
):
    meeting = imported
    first = items_by_order(meeting)[0]
    first.number = "10"
    first.save(update_fields=["number"])

    def change(parsed):
        items = list(parsed.items)
        items[1] = dataclasses.replace(items[1], number="10")
        return dataclasses.replace(parsed, items=tuple(items))

    new_parser(change)
    page = read_again(secretary_client, meeting).content.decode()
    before = [(item.pk, item.number, item.title) for item in items_by_order(meeting)]

    response = apply(secretary_client, meeting, page)

    assert response["Location"] == reverse("minutes:meeting-reread", args=[meeting.pk])
    assert "samma nummer" in secretary_client.get(response["Location"]).content.decode()
    assert [(item.pk, item.number, item.title) for item in items_by_order(meeting)] == before
    assert SourceDocument.objects.get(pk=meeting.source_id).reparsed["state"] == "done"


def reading(*, items=(), attendees=()) -> dict:
    return {
        "title": "Möte", "start": "2024-05-02T09:00", "end": None, "place": "",
        "organization": None, "secretary": None, "adjusters": [],
        "attendees": [{"name": name, "affiliation": None, "status": "present"}
                      for name in attendees],
        "items": [{"number": number, "title": title, "text": ""} for number, title in items],
    }


def test_items_and_attendees_added_or_removed_by_hand_stay_so_unless_chosen():
    from minutes.reread_compare import reading_compare

    old = reading(items=[("1", "Ett"), ("2", "Två")], attendees=["Eva Lind", "Per Ek"])
    # By hand: item 2 removed, Per Ek removed, Ann Berg added.
    record = reading(items=[("1", "Ett")], attendees=["Eva Lind", "Ann Berg"])
    # The new reading finds item 4 and Bo Ström, and reads item 2 and Per Ek otherwise.
    new = reading(items=[("1", "Ett"), ("2", "Två, rättad"), ("4", "Fyra")],
                  attendees=["Eva Lind", "Per Ek", "Bo Ström"])
    new["attendees"][1]["status"] = "absent"

    comparison = reading_compare(record=record, old=old, new=new)

    kept = comparison.merged()
    assert [item["number"] for item in kept["items"]] == ["1", "4"]
    assert [a["name"] for a in kept["attendees"]] == ["Eva Lind", "Ann Berg", "Bo Ström"]
    corrections = {change.key: change.label for change in comparison.corrections}
    assert set(corrections) == {"item-1-whole", "attendee-2"}
    assert corrections["attendee-2"] == "Per Ek"
    # Ann Berg, whom no reading lists, is kept without a question.
    assert "Ann Berg" not in {change.label for change in comparison.changes}
    taken = comparison.merged(take=set(corrections))
    assert [item["number"] for item in taken["items"]] == ["1", "2", "4"]
    assert taken["items"][1]["title"] == "Två, rättad"
    assert [(a["name"], a["status"]) for a in taken["attendees"]] == [
        ("Eva Lind", "present"), ("Ann Berg", "present"), ("Per Ek", "absent"),
        ("Bo Ström", "present")]
