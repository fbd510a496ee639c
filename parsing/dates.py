"""Meeting dates and times as Swedish minutes write them.

`parse_when` reads the text after a label such as "Tid", "Datum", "Datum och tid" or
"Plats och tid" (several such values may be joined with " " by the caller) and returns
a `When`. The value is cut into tokens -- dates, times, weekday words and range
separators -- and the tokens are read as "start [separator end]".

Choices worth knowing:

* Nothing date-like (including a time range without a date, "kl 9.45-12.15") gives
  `When(None, None, ())`: a clock time without a day places the meeting nowhere.
* An end is only given together with a start; an invalid start date drops both.
* A missing year is inferred from the weekday and the years the document mentions,
  always with a "year" warning (see `parsing.years.infer_year`).
* Weekday words are matched tolerantly (edit distance <= 1 on words of 5+ letters)
  because PDF text layers damage glyphs ("frerdag" for "fredag").
* "13.00" is a time and never a date: dotted dates need a 4-digit year ("13.3.2025").
* An end time before the start time on the same day is taken to be after midnight,
  with a "time" warning.
* A date no meeting can have (`parsing.daterange`: before 1800, or more than ten
  years after `today`) gives a "date" warning and is left empty: the start takes the
  end with it, an end goes alone.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from parsing.daterange import meeting_date_in_range, out_of_range_warning
from parsing.datetokens import Tok, month_number, tokenize, weekday_index
from parsing.model import ParseWarning, When, make_warning
from parsing.years import WEEKDAYS_EN, infer_year, safe_date

# Re-exported: callers read month and weekday words through this module.
__all__ = ["month_number", "parse_when", "weekday_index"]

# What may stand between a weekday and its date: "Torsdagen den 6 juni", "2020-05-08 (fredag)".
_FILLER = re.compile(r"[\s,.()\[\]]*(?:den\b[\s,.]*)?", re.IGNORECASE)


@dataclass(frozen=True)
class _Plan:
    """Which tokens make the start and the end."""

    start_date: Tok
    start_weekday: Tok | None
    start_time: Tok | None
    end_date: Tok | None
    end_weekday: Tok | None
    end_time: Tok | None


def parse_when(value: str, context: str = "", *, today: dt.date | None = None) -> When:
    """Read a meeting's start and end from `value`; never raises.

    `context` is the whole document, searched for years when `value` gives none.
    `today` stands in for the current date (tests); it anchors the year search
    when the document mentions no year at all.
    """
    tokens = tokenize(value)
    plan = _plan(tokens, value)
    if plan is None:
        return When(None, None, ())
    warnings: list[ParseWarning] = []
    today = today or dt.date.today()
    start_date, end_date = _resolve_dates(plan, context, today, warnings)
    start_date = _in_range(start_date, plan.start_date, today, warnings)
    if start_date is None:
        return When(None, None, tuple(warnings))
    if plan.end_date is not None:
        end_date = _in_range(end_date, plan.end_date, today, warnings)
    start, end = _combine(plan, start_date, end_date, warnings)
    if end is not None and not meeting_date_in_range(end, today):
        # An end pushed past midnight beyond the last date a meeting may have.
        warnings.append(out_of_range_warning(_iso(end), end, today))
        end = None
    return When(start, end, tuple(warnings))


# --- which tokens are the start and the end ---------------------------------------------


def _plan(tokens: list[Tok], value: str) -> _Plan | None:
    """Cut at the first separator with a date or time on both sides: start | end."""
    if not any(t.kind == "date" for t in tokens):
        return None
    cut = _find_cut(tokens)
    head, tail = (tokens, []) if cut is None else (tokens[:cut], tokens[cut + 1:])
    dates = [t for t in head if t.kind == "date"] + [t for t in tail if t.kind == "date"]
    start_date = dates[0]
    # "18.00-21.00, 5 maj 2020": the only date stands after the cut but is the start's.
    end_candidates = [t for t in tail if t.kind == "date" and t is not start_date]
    end_date = end_candidates[0] if end_candidates else None
    start_time = next((t for t in head if t.kind == "time"), None)
    return _Plan(
        start_date, _weekday_for(start_date, tokens, value), start_time,
        end_date, _weekday_for(end_date, tokens, value), _end_time(tail, end_date),
    )


def _find_cut(tokens: list[Tok]) -> int | None:
    points = [i for i, t in enumerate(tokens) if t.kind in ("date", "time")]
    if len(points) < 2:
        return None
    return next((i for i in range(points[0] + 1, points[-1]) if tokens[i].kind == "sep"), None)


def _end_time(tail: list[Tok], end_date: Tok | None) -> Tok | None:
    """The time that belongs to the end.

    Without an own end date, the first time after the cut ("13.00-15.30"). With one,
    the time after that date, or the end of a range there ("6 sept kl 9-12" ends at
    12); failing that, the last time before it ("kl 11.50 fredag 6 september").
    """
    times = [i for i, t in enumerate(tail) if t.kind == "time"]
    if end_date is None:
        return tail[times[0]] if times else None
    pos = next(i for i, t in enumerate(tail) if t is end_date)
    after = [i for i in times if i > pos]
    if after:
        i = after[0]
        if i + 2 < len(tail) and tail[i + 1].kind == "sep" and tail[i + 2].kind == "time":
            return tail[i + 2]
        return tail[i]
    before = [i for i in times if i < pos]
    return tail[before[-1]] if before else None


def _weekday_for(date: Tok | None, tokens: list[Tok], value: str) -> Tok | None:
    """The weekday written next to `date`, before it ("Torsdagen den 6 juni") or
    after it ("2020-05-08 (fredag)"), with only filler in between."""
    if date is None:
        return None
    i = next(k for k, t in enumerate(tokens) if t is date)
    paired = _paired_weekday(i, tokens, value)
    if paired is not None:
        return paired
    if i > 0 and _next_to(tokens[i - 1], date, value):
        return tokens[i - 1]
    if i + 1 < len(tokens) and _next_to(date, tokens[i + 1], value):
        after = tokens[i + 1]
        # "5 september, fredag 6 september": the weekday belongs to the date it precedes.
        follower = tokens[i + 2] if i + 2 < len(tokens) else None
        if follower is None or not _next_to(after, follower, value):
            return after
    return None


_WEEKDAY_RANGE = ["weekday", "sep", "weekday", "date", "sep", "date"]


def _paired_weekday(i: int, tokens: list[Tok], value: str) -> Tok | None:
    """"torsdag-fredag 5-6 september": the first weekday names the first day."""
    for j, offset in ((i - 3, 0), (i - 5, 2)):
        shape = [t.kind for t in tokens[j:j + 6]] if j >= 0 else []
        if shape == _WEEKDAY_RANGE and _next_to(tokens[j + 2], tokens[j + 3], value):
            return tokens[j + offset]
    return None


def _next_to(left: Tok, right: Tok, value: str) -> bool:
    kinds = {left.kind, right.kind}
    if kinds != {"date", "weekday"}:
        return False
    return _FILLER.fullmatch(value, left.end, right.start) is not None


# --- dates, years and weekdays --------------------------------------------------------


def _resolve_dates(
    plan: _Plan, context: str, today: dt.date, warnings: list[ParseWarning]
) -> tuple[dt.date | None, dt.date | None]:
    day, month, year = plan.start_date.nums
    assert day is not None and month is not None
    end_year = plan.end_date.nums[2] if plan.end_date is not None else None
    if year is None and plan.end_date is not None and end_year is not None:
        # "30 december - 2 januari 2020": the year is given, only at the end.
        year = _year_before(day, month, plan.end_date)
    if year is None:
        weekday = plan.start_weekday.nums[0] if plan.start_weekday is not None else None
        inferred = infer_year(day, month, weekday, context, today)
        if inferred is None:
            warnings.append(_invalid_date(plan.start_date))
            return None, None
        year, warning = inferred
        warnings.append(warning)
    start = _checked_date(plan.start_date, year, plan.start_weekday, warnings)
    if start is None or plan.end_date is None:
        return start, None
    return start, _end_date(plan.end_date, start, plan.end_weekday, warnings)


def _year_before(day: int, month: int, end: Tok) -> int:
    end_day, end_month, end_year = end.nums
    assert end_day is not None and end_month is not None and end_year is not None
    start, stop = safe_date(end_year, month, day), safe_date(end_year, end_month, end_day)
    if start is not None and stop is not None and start > stop:
        return end_year - 1
    return end_year


def _end_date(
    tok: Tok, start: dt.date, weekday: Tok | None, warnings: list[ParseWarning]
) -> dt.date | None:
    """The end date; without a year it takes the start's, or the next ("31 dec - 2 jan")."""
    day, month, year = tok.nums
    assert day is not None and month is not None
    if year is None:
        year = start.year
        candidate = safe_date(year, month, day)
        if candidate is not None and candidate < start:
            year += 1
    return _checked_date(tok, year, weekday, warnings)


def _checked_date(
    tok: Tok, year: int, weekday: Tok | None, warnings: list[ParseWarning]
) -> dt.date | None:
    day, month, _ = tok.nums
    assert day is not None and month is not None
    date = safe_date(year, month, day)
    if date is None:
        warnings.append(_invalid_date(tok))
        return None
    if weekday is not None and weekday.nums[0] != date.weekday():
        said = weekday.nums[0] or 0
        warnings.append(make_warning(
            "weekday",
            f"weekday: the document says {WEEKDAYS_EN[said]} ({weekday.text}) but "
            f"{date.isoformat()} is a {WEEKDAYS_EN[date.weekday()]}",
            said=said, written=weekday.text, date=date.isoformat(), actual=date.weekday(),
        ))
    return date


def _in_range(
    date: dt.date | None, tok: Tok, today: dt.date, warnings: list[ParseWarning]
) -> dt.date | None:
    """`date`, or None with a warning when no meeting can have it (year 1, 100, 3000)."""
    if date is None or meeting_date_in_range(date, today):
        return date
    warnings.append(out_of_range_warning(tok.text, date, today))
    return None


def _invalid_date(tok: Tok) -> ParseWarning:
    return make_warning("date", f"date: '{tok.text}' is not a valid date",
                        kind="invalid", text=tok.text)


# --- times -----------------------------------------------------------------------------


def _combine(
    plan: _Plan, start_date: dt.date, end_date: dt.date | None, warnings: list[ParseWarning]
) -> tuple[dt.date | dt.datetime, dt.date | dt.datetime | None]:
    start_time = _checked_time(plan.start_time, warnings)
    end_time = _checked_time(plan.end_time, warnings)
    start = dt.datetime.combine(start_date, start_time) if start_time else start_date
    if plan.end_date is not None and end_date is None:
        return start, None  # the end date was invalid and has been reported
    end: dt.date | dt.datetime
    if end_time is not None:
        end = dt.datetime.combine(end_date or start_date, end_time)
    elif end_date is not None:
        end = end_date
    else:
        return start, None
    both_timed = isinstance(start, dt.datetime) and isinstance(end, dt.datetime)
    if both_timed and _as_day(end) == _as_day(start) and end < start:
        return start, _after_midnight(start, end, warnings)
    if _as_day(end) < _as_day(start):
        warnings.append(make_warning(
            "date", f"date: the end {_iso(end)} is before the start {_iso(start)}",
            kind="end_before_start", end=_iso(end), start=_iso(start)))
    return start, end


def _after_midnight(
    start: dt.datetime, end: dt.datetime, warnings: list[ParseWarning]
) -> dt.datetime:
    """"kl 22.00-01.00" ends the next day; a typo looks the same, hence the warning."""
    try:
        later = end + dt.timedelta(days=1)
    except OverflowError:
        later = end
    warnings.append(make_warning(
        "time",
        f"time: the end {end:%H.%M} is before the start {start:%H.%M}; "
        "it was taken to be on the next day",
        kind="after_midnight", end=f"{end:%H.%M}", start=f"{start:%H.%M}",
    ))
    return later


def _checked_time(tok: Tok | None, warnings: list[ParseWarning]) -> dt.time | None:
    if tok is None:
        return None
    hour, minute = tok.nums
    if hour is not None and minute is not None and 0 <= hour <= 23 and 0 <= minute <= 59:
        return dt.time(hour, minute)
    warnings.append(make_warning("time", f"time: '{tok.text}' is not a valid time",
                                 kind="invalid", text=tok.text))
    return None


def _as_day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _iso(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    return value.isoformat()
