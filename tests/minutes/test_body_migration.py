"""The migrations that move meeting bodies to the municipalities app and give each its
organisation keep every row and every meeting's body, splitting a body whose meetings
belong to several organisations."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from minutes.models import AgendaItem, Meeting
from municipalities.models import Body

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("minutes", "0009_source_ocr_sha256"),
    ("municipalities", "0003_person_merge"),
    ("decisions", "0002_meeting_copies"),
]


def _old_meeting(apps, n: int, body, organization):
    Source = apps.get_model("minutes", "SourceDocument")
    source = Source.objects.create(sha256=f"{n:064d}", original_name=f"{n}.txt", size=1,
                                   file=f"originals/{n}.txt", status="imported")
    meeting = apps.get_model("minutes", "Meeting").objects.create(
        body=body, organization=organization, source=source, title=f"Möte {n}"
    )
    apps.get_model("minutes", "AgendaItem").objects.create(
        meeting=meeting, number="1", order=1, title="Öppnande"
    )
    return meeting.pk


def test_bodies_move_to_their_meetings_organisations_without_losing_a_row():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    try:
        apps = executor.loader.project_state(BEFORE).apps
        OldBody = apps.get_model("minutes", "Body")
        Organization = apps.get_model("municipalities", "Organization")
        # Made by a data migration, but an earlier transactional test may have flushed them.
        cooperation = Organization.objects.get_or_create(
            name="Södertörnskommunerna", defaults={"kind": "cooperation"})[0]
        haninge = Organization.objects.get_or_create(
            name="Haninge", defaults={"kind": "municipality", "code": "0136"})[0]
        group = OldBody.objects.create(name="Ledningsgruppen")
        board = OldBody.objects.create(name="Kommunstyrelsen")
        idle = OldBody.objects.create(name="Styrgruppen")
        unplaced = OldBody.objects.create(name="Presidiet")
        cooperation_meetings = [_old_meeting(apps, n, group, cooperation) for n in (1, 2)]
        haninge_meeting = _old_meeting(apps, 3, group, haninge)
        board_meeting = _old_meeting(apps, 4, board, haninge)
        unplaced_meeting = _old_meeting(apps, 5, unplaced, None)

        MigrationExecutor(connection).migrate(latest)

        def body_of(pk: int) -> Body:
            return Meeting.objects.select_related("body__organization").get(pk=pk).body

        # The most common organisation keeps the row; the other gets a body of its own.
        assert {body_of(pk).pk for pk in cooperation_meetings} == {group.pk}
        assert body_of(cooperation_meetings[0]).organization.name == "Södertörnskommunerna"
        split = body_of(haninge_meeting)
        assert (split.name, split.organization.name) == ("Ledningsgruppen", "Haninge")
        assert split.pk != group.pk
        assert (body_of(board_meeting).pk, body_of(board_meeting).organization.name) == (
            board.pk, "Haninge"
        )
        organizations = dict(Body.objects.values_list("pk", "organization__name"))
        assert organizations[idle.pk] == organizations[unplaced.pk] == "Södertörnskommunerna"
        assert body_of(unplaced_meeting).pk == unplaced.pk
        assert Body.objects.count() == 5
        # The items' copies of their meeting's body followed it (the triggers of minutes 0005).
        items = AgendaItem.objects.all()
        assert items and all(item.body_id == item.meeting.body_id for item in items)
        assert ContentType.objects.get_for_model(Body).app_label == "municipalities"

        # Reversed, same-named bodies are one again.
        executor = MigrationExecutor(connection)
        executor.migrate(BEFORE)
        apps = executor.loader.project_state(BEFORE).apps
        OldMeeting = apps.get_model("minutes", "Meeting")
        assert apps.get_model("minutes", "Body").objects.filter(name="Ledningsgruppen").count() == 1
        assert OldMeeting.objects.get(pk=haninge_meeting).body_id == group.pk
    finally:
        MigrationExecutor(connection).migrate(latest)
