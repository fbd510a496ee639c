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
  always with a "year" warning (see `minutes.parsing.years.infer_year`).
* Weekday words are matched tolerantly (edit distance <= 1 on words of 5+ letters)
  because PDF text layers damage glyphs ("frerdag" for "fredag").
* "13.00" is a time and never a date: dotted dates need a 4-digit year ("13.3.2025").
* An end time before the start time on the same day is taken to be after midnight,
  with a "time" warning.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from minutes.parsing.model import ParseWarning, When
from minutes.parsing.years import WEEKDAYS_EN, infer_year, safe_date

MONTHS_SV = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)
WEEKDAYS_SV = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")

# Hyphen, en dash, em dash and minus sign all appear between the ends of a range.
_DASH = "[-\u2013\u2014\u2212]"
_SEP = rf"(?:{_DASH}|\btill\b|\boch\b)"
# Swedish ordinals: "6:e juni", "1:a maj", and the sloppier "6e juni".
_ORD = r"(?::[ae]|[ae](?=\s))?"
# Explicit [0-9]: \d would also accept other scripts' digits, which no minutes use.
_N2 = r"[0-9]{1,2}"
_YEAR4 = r"[0-9]{4}"
_MONTH_WORD = r"[^\W\d_]{3,}(?!\w)"

_ISO = re.compile(rf"(?<![0-9])(?P<y>{_YEAR4})(?P<s>[-./])(?P<mo>{_N2})(?P=s)(?P<d>{_N2})(?![0-9])")
_DOTTED = re.compile(rf"(?<![0-9.])(?P<d>{_N2})\.(?P<mo>{_N2})\.(?P<y>{_YEAR4})(?![0-9])")
_SLASH = re.compile(
    rf"(?<![0-9/.])(?P<d>{_N2})/(?P<mo>{_N2})"
    rf"(?:(?:\s*[-/]\s*|\s+)(?P<y>{_YEAR4}))?(?![0-9/])"
)
# Not after a dash: in "kl 12-17 - 6 september" the "17" ends a time range.
_DAY_RANGE = re.compile(
    rf"(?<![0-9.:/\-\u2013\u2014\u2212])(?P<d1>{_N2}){_ORD}\.?\s*(?P<sep>{_SEP})\s*"
    rf"(?P<d2>{_N2}){_ORD}\.?\s*(?P<mw>{_MONTH_WORD})\.?(?:\s+(?P<y>{_YEAR4})(?![0-9]))?",
    re.IGNORECASE,
)
_DAY_MONTH = re.compile(
    rf"(?<![0-9.:/])(?P<d>{_N2}){_ORD}\.?\s*(?P<mw>{_MONTH_WORD})\.?"
    rf"(?:\s+(?P<y>{_YEAR4})(?![0-9]))?",
    re.IGNORECASE,
)
_KL = r"(?:kl|klockan)(?![^\W\d_])[.:]?\s*"
# "kl" makes a bare hour a time ("kl 13-15"); the range end may then be bare too.
_KL_TIME = re.compile(
    rf"\b{_KL}(?P<h1>{_N2})(?:[.:](?P<m1>[0-9]{{2}}))?(?![0-9])"
    rf"(?:\s*(?P<sep>{_DASH}|\btill\b)\s*(?:{_KL})?"
    rf"(?P<h2>{_N2})(?:[.:](?P<m2>[0-9]{{2}}))?(?![0-9]|[.:/][0-9]))?",
    re.IGNORECASE,
)
_BARE_TIME = re.compile(
    rf"(?<![0-9.:/])(?P<h>{_N2})[.:](?P<m>[0-5][0-9])(?![0-9]|[.:/][0-9])"
)
_RANGE_SEP = re.compile(rf"{_DASH}|\btill\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
# What may stand between a weekday and its date: "Torsdagen den 6 juni", "2020-05-08 (fredag)".
_FILLER = re.compile(r"[\s,.()\[\]]*(?:den\b[\s,.]*)?", re.IGNORECASE)
_MASK = "\x00"


@dataclass(frozen=True)
class _Tok:
    """One piece of the value; `start`/`end` index the value, `text` is as written."""

    kind: str  # "date", "time", "sep" or "weekday"
    start: int
    end: int
    text: str
    # date: (day, month, year or None); time: (hour, minute); weekday: (index,); sep: ()
    nums: tuple[int | None, ...] = ()


@dataclass(frozen=True)
class _Plan:
    """Which tokens make the start and the end."""

    start_date: _Tok
    start_weekday: _Tok | None
    start_time: _Tok | None
    end_date: _Tok | None
    end_weekday: _Tok | None
    end_time: _Tok | None


def parse_when(value: str, context: str = "", *, today: dt.date | None = None) -> When:
    """Read a meeting's start and end from `value`; never raises.

    `context` is the whole document, searched for years when `value` gives none.
    `today` stands in for the current date (tests); it anchors the year search
    when the document mentions no year at all.
    """
    tokens = _tokenize(value)
    plan = _plan(tokens, value)
    if plan is None:
        return When(None, None, ())
    warnings: list[ParseWarning] = []
    start_date, end_date = _resolve_dates(plan, context, today or dt.date.today(), warnings)
    if start_date is None:
        return When(None, None, tuple(warnings))
    start, end = _combine(plan, start_date, end_date, warnings)
    return When(start, end, tuple(warnings))


# --- tokens ---------------------------------------------------------------------------


def _tokenize(value: str) -> list[_Tok]:
    """Find dates first, then times, in text where earlier finds are masked out.

    Masking (same length, so positions still index `value`) keeps "13.3.2025" from
    also reading as the time 13.30, and "kl 12.00 - 6 september" from reading "6" as
    the end hour.
    """
    tokens: list[_Tok] = []
    masked = value
    for pattern, emit in _RULES:
        masked = pattern.sub(lambda m, emit=emit: _take(m, emit(m), tokens), masked)
    tokens += [_Tok("sep", m.start(), m.end(), m.group()) for m in _RANGE_SEP.finditer(masked)]
    for m in _WORD.finditer(masked):
        index = weekday_index(m.group())
        if index is not None:
            tokens.append(_Tok("weekday", m.start(), m.end(), m.group(), (index,)))
    return sorted(tokens, key=lambda t: t.start)


def _take(match: re.Match[str], found: list[_Tok] | None, tokens: list[_Tok]) -> str:
    if found is None:  # e.g. "12 personer": digits and a word that is no month
        return match.group()
    tokens.extend(found)
    return _MASK * len(match.group())


def _date_tok(m: re.Match[str], day: str, month: int | None, year: str | None) -> list[_Tok]:
    text = m.group().rstrip(". ")
    return [_Tok("date", m.start(), m.start() + len(text), text, (int(day), month, _int(year)))]


def _numeric_date(m: re.Match[str]) -> list[_Tok]:
    return _date_tok(m, m["d"], int(m["mo"]), m["y"])


def _day_month(m: re.Match[str]) -> list[_Tok] | None:
    month = month_number(m["mw"])
    return None if month is None else _date_tok(m, m["d"], month, m["y"])


def _day_range(m: re.Match[str]) -> list[_Tok] | None:
    """"5-6 september 2019": two dates sharing month and year, with a separator."""
    month = month_number(m["mw"])
    # "17-6 september" is no range of days; more likely "kl 12 till 17 - 6 september".
    if month is None or int(m["d1"]) >= int(m["d2"]):
        return None
    year = _int(m["y"])
    tail = m.group()[m.start("d2") - m.start():].rstrip(". ")
    first_text = " ".join(p for p in (m["d1"], m["mw"], m["y"]) if p)
    return [
        _Tok("date", m.start("d1"), m.end("d1"), first_text, (int(m["d1"]), month, year)),
        _Tok("sep", m.start("sep"), m.end("sep"), m["sep"]),
        _Tok("date", m.start("d2"), m.start("d2") + len(tail), tail, (int(m["d2"]), month, year)),
    ]


def _kl_time(m: re.Match[str]) -> list[_Tok]:
    end1 = m.end("m1") if m["m1"] else m.end("h1")
    found = [_Tok("time", m.start(), end1, m.group()[: end1 - m.start()],
                  (int(m["h1"]), _int(m["m1"]) or 0))]
    if m["h2"]:
        found.append(_Tok("sep", m.start("sep"), m.end("sep"), m["sep"]))
        text = m.group()[m.start("h2") - m.start():]
        found.append(_Tok("time", m.start("h2"), m.end(), text, (int(m["h2"]), _int(m["m2"]) or 0)))
    return found


def _bare_time(m: re.Match[str]) -> list[_Tok]:
    return [_Tok("time", m.start(), m.end(), m.group(), (int(m["h"]), int(m["m"])))]


# Order matters: more specific shapes claim their text before looser ones see it.
_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], list[_Tok] | None]], ...] = (
    (_ISO, _numeric_date),
    (_DOTTED, _numeric_date),
    (_SLASH, _numeric_date),
    (_DAY_RANGE, _day_range),
    (_DAY_MONTH, _day_month),
    (_KL_TIME, _kl_time),
    (_BARE_TIME, _bare_time),
)


def _int(text: str | None) -> int | None:
    return None if text is None else int(text)


def month_number(word: str) -> int | None:
    """1-12 for a Swedish month name or abbreviation ("sept", "okt", "Mars"), else None.

    Any prefix of 3+ letters counts; words of 6+ letters may also be one edit off a
    full name (damaged glyphs: "oktobber"), if that points at exactly one month.
    """
    w = word.lower()
    if len(w) < 3:
        return None
    for number, name in enumerate(MONTHS_SV, start=1):
        if name.startswith(w):
            return number
    if len(w) < 6:  # shorter near-misses are real words ("julia")
        return None
    near = {n for n, name in enumerate(MONTHS_SV, start=1) if _within_one_edit(w, name)}
    return near.pop() if len(near) == 1 else None


def weekday_index(word: str) -> int | None:
    """0 (Monday) to 6 for a Swedish weekday word, with or without "-en", else None.

    Words of 5+ letters may be one edit away ("frerdag", "mandagen"); a word near two
    weekdays at once is too doubtful to use.
    """
    w = word.lower()
    forms = [(i, form) for i, name in enumerate(WEEKDAYS_SV) for form in (name, name + "en")]
    for index, form in forms:
        if w == form:
            return index
    if len(w) < 5:
        return None
    near = {index for index, form in forms if _within_one_edit(w, form)}
    return near.pop() if len(near) == 1 else None


def _within_one_edit(a: str, b: str) -> bool:
    """Levenshtein distance <= 1, in one pass (no table needed for so small a bound)."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:]


# --- which tokens are the start and the end ---------------------------------------------


def _plan(tokens: list[_Tok], value: str) -> _Plan | None:
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


def _find_cut(tokens: list[_Tok]) -> int | None:
    points = [i for i, t in enumerate(tokens) if t.kind in ("date", "time")]
    if len(points) < 2:
        return None
    return next((i for i in range(points[0] + 1, points[-1]) if tokens[i].kind == "sep"), None)


def _end_time(tail: list[_Tok], end_date: _Tok | None) -> _Tok | None:
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


def _weekday_for(date: _Tok | None, tokens: list[_Tok], value: str) -> _Tok | None:
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


def _paired_weekday(i: int, tokens: list[_Tok], value: str) -> _Tok | None:
    """"torsdag-fredag 5-6 september": the first weekday names the first day."""
    for j, offset in ((i - 3, 0), (i - 5, 2)):
        shape = [t.kind for t in tokens[j:j + 6]] if j >= 0 else []
        if shape == _WEEKDAY_RANGE and _next_to(tokens[j + 2], tokens[j + 3], value):
            return tokens[j + offset]
    return None


def _next_to(left: _Tok, right: _Tok, value: str) -> bool:
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
        year, message = inferred
        warnings.append(ParseWarning("year", message))
    start = _checked_date(plan.start_date, year, plan.start_weekday, warnings)
    if start is None or plan.end_date is None:
        return start, None
    return start, _end_date(plan.end_date, start, plan.end_weekday, warnings)


def _year_before(day: int, month: int, end: _Tok) -> int:
    end_day, end_month, end_year = end.nums
    assert end_day is not None and end_month is not None and end_year is not None
    start, stop = safe_date(end_year, month, day), safe_date(end_year, end_month, end_day)
    if start is not None and stop is not None and start > stop:
        return end_year - 1
    return end_year


def _end_date(
    tok: _Tok, start: dt.date, weekday: _Tok | None, warnings: list[ParseWarning]
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
    tok: _Tok, year: int, weekday: _Tok | None, warnings: list[ParseWarning]
) -> dt.date | None:
    day, month, _ = tok.nums
    assert day is not None and month is not None
    date = safe_date(year, month, day)
    if date is None:
        warnings.append(_invalid_date(tok))
        return None
    if weekday is not None and weekday.nums[0] != date.weekday():
        said = WEEKDAYS_EN[weekday.nums[0] or 0]
        warnings.append(ParseWarning(
            "weekday",
            f"weekday: the document says {said} ({weekday.text}) but {date.isoformat()} "
            f"is a {WEEKDAYS_EN[date.weekday()]}",
        ))
    return date


def _invalid_date(tok: _Tok) -> ParseWarning:
    return ParseWarning("date", f"date: '{tok.text}' is not a valid date")


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
        warnings.append(ParseWarning(
            "date", f"date: the end {_iso(end)} is before the start {_iso(start)}"))
    return start, end


def _after_midnight(
    start: dt.datetime, end: dt.datetime, warnings: list[ParseWarning]
) -> dt.datetime:
    """"kl 22.00-01.00" ends the next day; a typo looks the same, hence the warning."""
    try:
        later = end + dt.timedelta(days=1)
    except OverflowError:
        later = end
    warnings.append(ParseWarning(
        "time",
        f"time: the end {end:%H.%M} is before the start {start:%H.%M}; "
        "it was taken to be on the next day",
    ))
    return later


def _checked_time(tok: _Tok | None, warnings: list[ParseWarning]) -> dt.time | None:
    if tok is None:
        return None
    hour, minute = tok.nums
    if hour is not None and minute is not None and 0 <= hour <= 23 and 0 <= minute <= 59:
        return dt.time(hour, minute)
    warnings.append(ParseWarning("time", f"time: '{tok.text}' is not a valid time"))
    return None


def _as_day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _iso(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    return value.isoformat()
