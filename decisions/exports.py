"""Decisions as files and links: the CSV export of a list of decisions, a decision's URL."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.http import HttpRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from decisions.models import Decision
from minutes.templatetags.archive import decision_anchor, grouped

CSV_CHUNK = 2000
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def decision_url(decision: Decision) -> str:
    """The decision on its meeting's page: "/moten/7/#beslut-3-1"."""
    meeting_url = reverse("minutes:meeting-detail", args=[decision.item.meeting_id])
    return f"{meeting_url}#{decision_anchor(decision)}"


def csv_cell(value: object) -> str:
    """`value` as a spreadsheet shows it, never run as a formula: "=1+1" gives "'=1+1"."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class _Echo:
    """A file that hands back what is written to it, so csv.writer can feed a stream."""

    def write(self, value: str) -> str:
        return value


def decision_csv_rows(
    request: HttpRequest, decisions: Iterable[Decision], *, limit: int | None = None
) -> Iterator[str]:
    """The lines of the CSV file, starting with a byte order mark so Excel reads UTF-8.

    With `limit`, at most that many decisions; when `decisions` holds more, a last line says
    that the file stops there.
    """
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(
        [_("Date"), _("Body"), _("Item"), _("Decision"), _("Sub-heading"), _("Link")]
    )
    for index, decision in enumerate(decisions):
        if index == limit:
            yield writer.writerow([csv_cell(
                _("More decisions match: this file holds the first %(limit)s. Filter by year, "
                  "body or words to export the rest.") % {"limit": grouped(limit)}
            )])
            return
        meeting = decision.item.meeting
        row = [
            meeting.start_date.isoformat() if meeting.start_date else "",
            meeting.body.name if meeting.body else "",
            str(decision.item),
            decision.text,
            decision.heading,
            request.build_absolute_uri(decision_url(decision)),
        ]
        yield writer.writerow([csv_cell(cell) for cell in row])


def decisions_csv_response(
    request: HttpRequest,
    decisions: QuerySet[Decision],
    *,
    limit: int,
    filename: str = "beslut.csv",
) -> StreamingHttpResponse:
    """The decisions in `decisions` (not one page) as a CSV file, streamed as it is read.

    At most `limit` of them (the lists pass as many as they page through, FACET_COUNT_LIMIT):
    a file of every decision in a large archive would hold a web worker for minutes.
    """
    rows = decisions.select_related("item__meeting__body")[: limit + 1].iterator(
        chunk_size=CSV_CHUNK
    )
    response = StreamingHttpResponse(
        decision_csv_rows(request, rows, limit=limit), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
