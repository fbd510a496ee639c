"""Decisions as files and links: the CSV export of a list of decisions, a decision's URL."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.http import HttpRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from decisions.models import Decision
from minutes.templatetags.archive import decision_anchor, grouped, meeting_label

CSV_CHUNK = 2000
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ExcelSemicolon(csv.excel):
    """The CSV Swedish Excel opens with a double click: its list separator is ";" (the comma
    is the decimal sign), lines end in CRLF; the file starts with a byte order mark."""

    delimiter = ";"
    lineterminator = "\r\n"


def decision_url(decision: Decision) -> str:
    """The decision on its meeting's page: "/moten/7/#beslut-3-1"."""
    meeting_url = reverse("minutes:meeting-detail", args=[decision.item.meeting_id])
    return f"{meeting_url}#{decision_anchor(decision)}"


def csv_cell(value: object) -> str:
    """`value` as a spreadsheet shows it, never run as a formula: "=1+1" gives "'=1+1"."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def decision_title(decision: Decision) -> str:
    """What a decision is about, never empty: its item's title, else its own sub-heading,
    else its meeting's title (or body)."""
    return decision.item.title or decision.heading or meeting_label(decision.item.meeting)


class _Echo:
    """A file that hands back what is written to it, so csv.writer can feed a stream."""

    def write(self, value: str) -> str:
        return value


def csv_header() -> list[str]:
    return [
        _("Date"),
        _("Body"),
        pgettext("CSV column", "Paragraph"),
        pgettext("CSV column", "Title"),
        pgettext("CSV column", "Sub-heading"),
        _("Decision"),
        pgettext("CSV column", "Responsible"),
        _("Link"),
    ]


def csv_row(request: HttpRequest, decision: Decision) -> list[str]:
    meeting = decision.item.meeting
    title = decision_title(decision)
    return [
        meeting.start_date.isoformat() if meeting.start_date else "",
        meeting.body.name if meeting.body else "",
        f"§ {decision.item.number}",
        title,
        # The sub-heading only when the title is not already it.
        decision.heading if decision.heading != title else "",
        decision.text,
        ", ".join(person.full_name for person in decision.assigned.all()),
        request.build_absolute_uri(decision_url(decision)),
    ]


def decision_csv_rows(
    request: HttpRequest, decisions: Iterable[Decision], *, limit: int | None = None
) -> Iterator[str]:
    """The lines of the CSV file, starting with a byte order mark so Excel reads UTF-8.

    With `limit`, at most that many decisions; when `decisions` holds more, a last line says
    that the file stops there.
    """
    writer = csv.writer(_Echo(), dialect=ExcelSemicolon)
    yield "\ufeff" + writer.writerow(csv_header())
    for index, decision in enumerate(decisions):
        if index == limit:
            yield writer.writerow([csv_cell(
                _("More decisions match: this file holds the first %(limit)s. Filter by year, "
                  "body or words to export the rest.") % {"limit": grouped(limit)}
            )])
            return
        yield writer.writerow([csv_cell(cell) for cell in csv_row(request, decision)])


def decisions_csv_response(
    request: HttpRequest,
    decisions: QuerySet[Decision],
    *,
    limit: int,
    filename: str = "beslut.csv",
) -> StreamingHttpResponse:
    """The decisions in `decisions` (not one page) as a CSV file, streamed as it is read.

    At most `limit` of them (the lists pass as many as they page through, FACET_COUNT_LIMIT):
    a file of every decision in a large archive would hold a web worker for minutes. The
    people assigned are fetched per chunk of rows, one query each.
    """
    rows = (
        decisions.select_related("item__meeting__body")
        .prefetch_related("assigned")[: limit + 1]
        .iterator(chunk_size=CSV_CHUNK)
    )
    response = StreamingHttpResponse(
        decision_csv_rows(request, rows, limit=limit), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
