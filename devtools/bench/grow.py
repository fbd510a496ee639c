"""Grow the benchmark's database to a number of agenda items, fast and honestly.

The meetings come from the synthetic generator (other processes make them, `jobs` at a
time) and go in with PostgreSQL's COPY: sources, meetings, attendances, agenda items and
decisions, with people, organisations and bodies resolved as ingest would (same names give
the same rows). The search vectors are left empty here: `search_index_rebuild` then computes
them with the archive's own SQL and builds the real GIN index, which is the rebuild the
benchmark times. What this skips, and why, is the parser (step 1 of the benchmark times it)
and the stored files and history of each original.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import connection, connections, transaction
from django.utils import timezone

from devtools.bench.generator import SyntheticMeeting, synthetic_meeting
from minutes.models import AgendaItem, SourceDocument
from minutes.services import body_for_name
from municipalities.models import Organization, Person, fold_whitespace, normalize_name
from municipalities.services import organization_get_or_create

ZONE = ZoneInfo("Europe/Stockholm")
NAME_PREFIX = "bench-"
CHUNK_MEETINGS = 500


@dataclass(frozen=True)
class GrowReport:
    items_before: int
    items_after: int
    meetings_added: int
    seconds: float


def _generate(task: tuple[int, int, int]) -> list[SyntheticMeeting]:
    seed, first, count = task
    return [synthetic_meeting(seed, index) for index in range(first, first + count)]


def _next_index() -> int:
    """The first synthetic meeting index not yet in the database (its name says it)."""
    names = SourceDocument.objects.filter(original_name__startswith=NAME_PREFIX).order_by(
        "-original_name"
    ).values_list("original_name", flat=True)[:1]
    for name in names:
        return int(name.removeprefix(NAME_PREFIX).split(".")[0]) + 1
    return 0


def archive_grow(
    *,
    target_items: int,
    seed: int,
    jobs: int = 2,
    progress: Callable[[int, int], None] | None = None,
) -> GrowReport:
    """Add synthetic meetings until the archive holds at least `target_items` agenda items."""
    started = time.perf_counter()
    before = AgendaItem.objects.count()
    items = before
    added = 0
    index = _next_index()
    writer = _Writer()
    connections.close_all()  # the generator processes must not share this connection
    tasks = _tasks(seed, index)
    with multiprocessing.get_context("fork").Pool(max(1, jobs)) as pool:
        # A few chunks ahead of the writer at a time: never more generated than written soon.
        pending = [pool.apply_async(_generate, (next(tasks),)) for _ in range(2 * jobs)]
        while items < target_items:
            meetings = pending.pop(0).get()
            pending.append(pool.apply_async(_generate, (next(tasks),)))
            items += writer.write(meetings)
            added += len(meetings)
            if progress is not None:
                progress(min(items, target_items), target_items)
        pool.terminate()
    return GrowReport(before, items, added, time.perf_counter() - started)


def _tasks(seed: int, first: int) -> Iterator[tuple[int, int, int]]:
    index = first
    while True:
        yield seed, index, CHUNK_MEETINGS
        index += CHUNK_MEETINGS


class _Writer:
    """Resolves names to rows (cached) and copies one batch of meetings in one transaction."""

    def __init__(self) -> None:
        # A body belongs to its meeting's organisation: cached by (organisation, name).
        self.bodies: dict[tuple[int | None, str], int] = {}
        self.organizations: dict[str, int | None] = {}
        self.organization_rows: dict[int, Organization] = {}
        self.people: dict[tuple[str, int | None], int] = {
            (name, org): pk
            for name, org, pk in Person.objects.values_list(
                "normalized_name", "organization_id", "pk"
            )
        }
        self.now = timezone.now()

    def _organization(self, name: str) -> int | None:
        if not fold_whitespace(name or ""):
            return None
        if name not in self.organizations:
            organization = organization_get_or_create(name=name)
            self.organizations[name] = organization.pk
            self.organization_rows[organization.pk] = organization
        return self.organizations[name]

    def _body(self, name: str, organization_id: int | None) -> int:
        key = (organization_id, name)
        if key not in self.bodies:
            organization = self.organization_rows.get(organization_id)
            self.bodies[key] = body_for_name(name, organization=organization).pk
        return self.bodies[key]

    def _people(self, meetings: list[SyntheticMeeting]) -> None:
        """Create, in one statement, the people of these meetings not seen before."""
        new: dict[tuple[str, int | None], str] = {}
        for meeting in meetings:
            for attendee in meeting.attendees:
                key = (normalize_name(attendee.name), self._organization(attendee.affiliation))
                if key not in self.people:
                    new[key] = fold_whitespace(attendee.name)
        if not new:
            return
        created = Person.objects.bulk_create(
            [
                Person(full_name=name, normalized_name=key[0], organization_id=key[1])
                for key, name in new.items()
            ]
        )
        for key, person in zip(new, created, strict=True):
            self.people[key] = person.pk

    def write(self, meetings: list[SyntheticMeeting]) -> int:
        with transaction.atomic():
            self._people(meetings)
            return self._copy(meetings)

    def _ids(self, cursor, table: str, count: int) -> list[int]:
        cursor.execute(
            f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) "
            "FROM generate_series(1, %s)",
            [count],
        )
        return [row[0] for row in cursor.fetchall()]

    def _copy(self, meetings: list[SyntheticMeeting]) -> int:
        sources, rows_meetings, attendances, items, decisions = [], [], [], [], []
        raw = connection.connection  # psycopg's own connection, for COPY
        with raw.cursor() as cursor:
            source_ids = self._ids(cursor, "minutes_sourcedocument", len(meetings))
            meeting_ids = self._ids(cursor, "minutes_meeting", len(meetings))
            item_count = sum(len(m.items) for m in meetings)
            item_ids = iter(self._ids(cursor, "minutes_agendaitem", item_count))
            decision_ids = iter(self._ids(
                cursor, "decisions_decision", sum(len(i.decisions) for m in meetings
                                                  for i in m.items)
            ))
            attendance_ids = iter(self._ids(
                cursor, "minutes_attendance", sum(len(m.attendees) for m in meetings)
            ))
            for meeting, source_id, meeting_id in zip(
                meetings, source_ids, meeting_ids, strict=True
            ):
                self._rows(meeting, source_id, meeting_id, item_ids, decision_ids,
                           attendance_ids, sources, rows_meetings, attendances, items, decisions)
            for table, columns, rows in (
                ("minutes_sourcedocument", _SOURCE_COLUMNS, sources),
                ("minutes_meeting", _MEETING_COLUMNS, rows_meetings),
                ("minutes_attendance", _ATTENDANCE_COLUMNS, attendances),
                ("minutes_agendaitem", _ITEM_COLUMNS, items),
                ("decisions_decision", _DECISION_COLUMNS, decisions),
            ):
                quoted = ", ".join(f'"{column}"' for column in columns)
                with cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
        return len(items)

    def _rows(self, meeting, source_id, meeting_id, item_ids, decision_ids, attendance_ids,
              sources, rows_meetings, attendances, items, decisions) -> None:
        name = f"{NAME_PREFIX}{meeting.index:09d}.txt"
        sha = hashlib.sha256(f"bench/{meeting.seed}/{meeting.index}".encode()).hexdigest()
        sources.append((
            source_id, "", sha, name, "text/plain", 0, self.now, "", "", "[]", "imported",
            "", "", "", self.now, "", "", "[]", "[]", 0,
        ))
        start = meeting.start.replace(tzinfo=ZONE)
        end = meeting.end.replace(tzinfo=ZONE)
        people_by_name: dict[str, int] = {}
        for order, attendee in enumerate(meeting.attendees):
            organization = self._organization(attendee.affiliation)
            person = self.people[(normalize_name(attendee.name), organization)]
            people_by_name.setdefault(attendee.name, person)
            attendances.append((
                next(attendance_ids), meeting_id, person, attendee.name[:200],
                attendee.affiliation[:300], organization, attendee.status,
                attendee.role or "", None, order,
            ))
        organization = self._organization(meeting.organisation)
        rows_meetings.append((
            meeting_id, self._body(meeting.body, organization), meeting.title[:300], start,
            start.date(), end, meeting.place[:300], organization,
            people_by_name.get(meeting.secretary), source_id, self.now, self.now,
        ))
        for order, item in enumerate(meeting.items):
            item_id = next(item_ids)
            items.append((item_id, meeting_id, item.number[:20], item.title[:500], item.text,
                          order, "", []))
            for decision_order, text in enumerate(item.decisions):
                decisions.append((next(decision_ids), item_id, text, "", decision_order))


_SOURCE_COLUMNS = (
    "id", "file", "sha256", "original_name", "content_type", "size", "added_at",
    "extracted_text", "parser_version", "warnings", "status", "error", "error_code",
    "body_name", "status_changed_at", "ocr_file", "ocr_sha256",
    # The preview editor's columns (migration 0014) have no database default.
    "checked_warnings", "pages", "parse_attempts",
)
_MEETING_COLUMNS = (
    "id", "body_id", "title", "start", "start_date", "end", "place", "organization_id",
    "secretary_id", "source_id", "created_at", "updated_at",
)
_ATTENDANCE_COLUMNS = (
    "id", "meeting_id", "person_id", "name_as_written", "affiliation_as_written",
    "organization_id", "status", "role", "items", "order",
)
# The generated minutes have no case numbers or recipients (the columns have no default).
_ITEM_COLUMNS = ("id", "meeting_id", "number", "title", "text", "order", "case_number", "sent_to")
_DECISION_COLUMNS = ("id", "item_id", "text", "heading", "order")

