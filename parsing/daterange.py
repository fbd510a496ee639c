"""The dates a meeting in the archive may have: declared once, for the parser and Django alike.

A date outside the range is a typo or a misread year ("0001-01-01", "3000"), never a meeting:
the parser reports it and leaves the date empty, and the preview, the admin, ingest and the
database refuse it (minutes.validators, minutes migration 0007). The latest date moves with
today, so the database's own CHECK uses the fixed, wider bounds below as a safety net.
"""

from __future__ import annotations

import datetime as dt

from parsing.model import ParseWarning, make_warning

EARLIEST_MEETING_DATE = dt.date(1800, 1, 1)
# How far ahead a meeting may be dated: minutes are written after the meeting, but a date
# typed in the preview or the admin may be a planned one.
MEETING_YEARS_AHEAD = 10
# What the database accepts whatever today is (minutes migration 0007): it must contain the
# range above for years to come. Datetimes are compared in UTC, a day earlier, since midnight
# 1 January 1800 in Stockholm falls on 31 December 1799 in UTC.
STORED_EARLIEST_DATE = dt.date(1800, 1, 1)
STORED_END_DATE = dt.date(2200, 1, 1)  # the first date not accepted


def latest_meeting_date(today: dt.date | None = None) -> dt.date:
    """The latest date a meeting may have: today (or `today`) ten years on."""
    today = today or dt.date.today()
    year = today.year + MEETING_YEARS_AHEAD
    # 29 February ten years on is mostly no date at all.
    return today.replace(year=year, day=28) if (today.month, today.day) == (2, 29) else (
        today.replace(year=year))


def meeting_date_in_range(value: dt.date | dt.datetime, today: dt.date | None = None) -> bool:
    """Whether `value` (a date, or a datetime's own calendar day) may be a meeting's."""
    day = value.date() if isinstance(value, dt.datetime) else value
    return EARLIEST_MEETING_DATE <= day <= latest_meeting_date(today)


def out_of_range_warning(
    written: str, value: dt.date | dt.datetime, today: dt.date | None = None
) -> ParseWarning:
    """The "date" warning for a date outside the range, which the parser leaves empty."""
    earliest = EARLIEST_MEETING_DATE.isoformat()
    latest = latest_meeting_date(today).isoformat()
    day = value.date() if isinstance(value, dt.datetime) else value
    return make_warning(
        "date",
        f"date: '{written}' lies outside the dates a meeting may have, "
        f"{earliest} to {latest}; it was left empty",
        kind="out_of_range", text=written, date=day.isoformat(), earliest=earliest,
        latest=latest,
    )
