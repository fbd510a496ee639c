"""Validators that every form over a meeting gets from its model fields.

The range itself is declared once, beside the parser (`parsing.daterange`); here it
is measured from today in the archive's time zone and refused in Swedish.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from parsing import (
    EARLIEST_MEETING_DATE,
    latest_meeting_date,
    meeting_date_in_range,
)


def meeting_date_range_error() -> ValidationError:
    """What a person is told about a date no meeting can have (a typo such as year 1)."""
    return ValidationError(
        _("A meeting's date must lie between %(earliest)s and %(latest)s."),
        code="date_out_of_range",
        params={
            "earliest": EARLIEST_MEETING_DATE.isoformat(),
            "latest": latest_meeting_date(timezone.localdate()).isoformat(),
        },
    )


def validate_meeting_date(value: dt.date | dt.datetime | None) -> None:
    """Refuse a date, or a time's own calendar day, outside the dates a meeting may have.

    A time is not converted to another zone first: year 1 in Stockholm is year 0 in UTC,
    which Python cannot represent.
    """
    if value is not None and not meeting_date_in_range(value, timezone.localdate()):
        raise meeting_date_range_error()
