"""Cutting a date value into tokens: dates, times, weekday words and range separators.

Used by `parsing.dates`; `month_number` and `weekday_index` read Swedish
month and weekday words, tolerating the damage PDF text layers do to glyphs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

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
# "25-03-14": the short form of ISO dates (year, month, day), the year in this century.
_SHORT_ISO = re.compile(
    r"(?<![0-9.:/\-\u2013])(?P<y>[0-9]{2})-(?P<mo>[0-9]{2})-(?P<d>[0-9]{2})(?![0-9]|[-.:/][0-9])")
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
_MASK = "\x00"


@dataclass(frozen=True)
class Tok:
    """One piece of the value; `start`/`end` index the value, `text` is as written."""

    kind: str  # "date", "time", "sep" or "weekday"
    start: int
    end: int
    text: str
    # date: (day, month, year or None); time: (hour, minute); weekday: (index,); sep: ()
    nums: tuple[int | None, ...] = ()





def tokenize(value: str) -> list[Tok]:
    """Find dates first, then times, in text where earlier finds are masked out.

    Masking (same length, so positions still index `value`) keeps "13.3.2025" from
    also reading as the time 13.30, and "kl 12.00 - 6 september" from reading "6" as
    the end hour.
    """
    tokens: list[Tok] = []
    masked = value
    for pattern, emit in _RULES:
        masked = pattern.sub(lambda m, emit=emit: _take(m, emit(m), tokens), masked)
    tokens += [Tok("sep", m.start(), m.end(), m.group()) for m in _RANGE_SEP.finditer(masked)]
    for m in _WORD.finditer(masked):
        index = weekday_index(m.group())
        if index is not None:
            tokens.append(Tok("weekday", m.start(), m.end(), m.group(), (index,)))
    return sorted(tokens, key=lambda t: t.start)


def _take(match: re.Match[str], found: list[Tok] | None, tokens: list[Tok]) -> str:
    if found is None:  # e.g. "12 personer": digits and a word that is no month
        return match.group()
    tokens.extend(found)
    return _MASK * len(match.group())


def _date_tok(m: re.Match[str], day: str, month: int | None, year: str | None) -> list[Tok]:
    text = m.group().rstrip(". ")
    return [Tok("date", m.start(), m.start() + len(text), text, (int(day), month, _int(year)))]


def _numeric_date(m: re.Match[str]) -> list[Tok]:
    return _date_tok(m, m["d"], int(m["mo"]), m["y"])


def _short_iso(m: re.Match[str]) -> list[Tok] | None:
    if not (1 <= int(m["mo"]) <= 12 and 1 <= int(m["d"]) <= 31):
        return None
    return _date_tok(m, m["d"], int(m["mo"]), str(2000 + int(m["y"])))


def _day_month(m: re.Match[str]) -> list[Tok] | None:
    month = month_number(m["mw"])
    return None if month is None else _date_tok(m, m["d"], month, m["y"])


def _day_range(m: re.Match[str]) -> list[Tok] | None:
    """"5-6 september 2019": two dates sharing month and year, with a separator."""
    month = month_number(m["mw"])
    # "17-6 september" is no range of days; more likely "kl 12 till 17 - 6 september".
    if month is None or int(m["d1"]) >= int(m["d2"]):
        return None
    year = _int(m["y"])
    tail = m.group()[m.start("d2") - m.start():].rstrip(". ")
    first_text = " ".join(p for p in (m["d1"], m["mw"], m["y"]) if p)
    return [
        Tok("date", m.start("d1"), m.end("d1"), first_text, (int(m["d1"]), month, year)),
        Tok("sep", m.start("sep"), m.end("sep"), m["sep"]),
        Tok("date", m.start("d2"), m.start("d2") + len(tail), tail, (int(m["d2"]), month, year)),
    ]


def _kl_time(m: re.Match[str]) -> list[Tok]:
    end1 = m.end("m1") if m["m1"] else m.end("h1")
    found = [Tok("time", m.start(), end1, m.group()[: end1 - m.start()],
                  (int(m["h1"]), _int(m["m1"]) or 0))]
    if m["h2"]:
        found.append(Tok("sep", m.start("sep"), m.end("sep"), m["sep"]))
        text = m.group()[m.start("h2") - m.start():]
        found.append(Tok("time", m.start("h2"), m.end(), text, (int(m["h2"]), _int(m["m2"]) or 0)))
    return found


def _bare_time(m: re.Match[str]) -> list[Tok]:
    return [Tok("time", m.start(), m.end(), m.group(), (int(m["h"]), int(m["m"])))]


# Order matters: more specific shapes claim their text before looser ones see it.
_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], list[Tok] | None]], ...] = (
    (_ISO, _numeric_date),
    (_SHORT_ISO, _short_iso),
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
