"""The year of a date written without one, inferred from the weekday and the years
the document mentions, with the "year" warning that reports it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from parsing.model import ParseWarning, make_warning

MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# How far from the anchor year a fitting year is looked for when no mentioned year fits.
YEAR_SEARCH_SPAN = 10

_MENTIONED_YEAR = re.compile(r"(?<![0-9])(19[5-9][0-9]|20[0-9]{2})(?![0-9])")


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except (ValueError, OverflowError):
        return None


@dataclass(frozen=True)
class Mentions:
    """The years 1950-2099 a document mentions, most mentioned (then latest) first."""

    context: str
    ranked: tuple[int, ...]
    first: dict[int, re.Match[str]]

    @classmethod
    def of(cls, context: str) -> Mentions:
        counts: Counter[int] = Counter()
        first: dict[int, re.Match[str]] = {}
        for m in _MENTIONED_YEAR.finditer(context):
            year = int(m.group(1))
            counts[year] += 1
            first.setdefault(year, m)
        return cls(context, tuple(sorted(counts, key=lambda y: (-counts[y], -y))), first)

    def evidence(self, year: int) -> str:
        """The first mention with the word before it, whitespace folded: "hösten 2019"."""
        m = self.first[year]
        start = m.start()
        while start > 0 and not self.context[start - 1].isspace():
            start -= 1  # keep what is glued to the year: "2017-2019"
        words = self.context[max(0, start - 200):start].split()
        before = words[-1].lstrip("([{\"'«»") if words else ""
        if not any(ch.isalnum() for ch in before):
            before = ""
        return " ".join(f"{before} {self.context[start:m.end()]}".split())


def infer_year(
    day: int, month: int, weekday: int | None, context: str, today: dt.date
) -> tuple[int, ParseWarning] | None:
    """A year for a date written without one, and the "year" warning that reports it.

    First a mentioned year in which the date falls on the weekday (most mentioned,
    then latest); then the nearest fitting year within YEAR_SEARCH_SPAN of the most
    mentioned year (or of the current year). Should no year within reach fit the
    weekday, the weekday is given up (and reported as a mismatch later). None when
    the day exists in no year near by ("30 februari").
    """
    mentions = Mentions.of(context)
    for wanted in ([weekday, None] if weekday is not None else [None]):
        found = pick_year(day, month, wanted, mentions.ranked, today.year)
        if found is not None:
            year, searched = found
            return year, year_warning(day, month, wanted, year, searched, mentions, today.year)
    return None


def pick_year(
    day: int, month: int, weekday: int | None, ranked: tuple[int, ...], current: int
) -> tuple[int, bool] | None:
    def fits(year: int) -> bool:
        date = safe_date(year, month, day)
        return date is not None and (weekday is None or date.weekday() == weekday)

    for year in ranked:
        if fits(year):
            return year, False
    anchor = ranked[0] if ranked else current
    for distance in range(YEAR_SEARCH_SPAN + 1):
        # The earlier year wins a tie: documents mention plans for later years more
        # often than past ones, so the anchor tends to lie after the meeting.
        for year in (anchor - distance, anchor + distance):
            if fits(year):
                return year, True
    return None


def year_warning(
    day: int, month: int, weekday: int | None, year: int, searched: bool,
    mentions: Mentions, current: int,
) -> ParseWarning:
    """The "year" warning; its `basis` param names the reason given, one per sentence.

    basis: "weekday_mentioned" (the weekday fits a year the text mentions),
    "weekday_nearest_to_most_mentioned", "weekday_nearest_to_current",
    "most_mentioned", "mentioned", "current", "nearest_to_most_mentioned",
    "nearest_to_current". Params: year, day, month (1-12), and as the basis needs
    weekday (0 = Monday), evidence (the mention quoted), anchor (the year searched from).
    """
    prefix = f"year: the document gives no year; {year} was inferred"
    anchor = mentions.ranked[0] if mentions.ranked else current
    source = "most_mentioned" if mentions.ranked else "current"
    why_anchor = "the year the text mentions most" if mentions.ranked else "the current year"
    day_month = f"{day} {MONTHS_EN[month - 1]}"
    facts: dict[str, object] = {"year": year, "day": day, "month": month}
    if weekday is not None:
        facts["weekday"] = weekday
        fact = f"{day_month} is a {WEEKDAYS_EN[weekday]} in {year}"
        if not searched:
            evidence = mentions.evidence(year)
            return make_warning(
                "year", f"{prefix} ({fact}, and the text speaks of {evidence})",
                basis="weekday_mentioned", **facts, evidence=evidence)
        return make_warning(
            "year", f"{prefix} ({fact}, the nearest such year to {anchor}, {why_anchor})",
            basis=f"weekday_nearest_to_{source}", **facts, anchor=anchor)
    if not searched:
        evidence = mentions.evidence(year)
        most = year == anchor
        lead = "the year the text mentions most" if most else "a year the text mentions"
        return make_warning(
            "year", f"{prefix} ({lead}, as in {evidence})",
            basis="most_mentioned" if most else "mentioned", **facts, evidence=evidence)
    if year == anchor:
        return make_warning(
            "year", f"{prefix} (the current year; the text mentions no year)",
            basis="current", **facts)
    return make_warning(
        "year", f"{prefix} (the nearest year to {anchor}, {why_anchor}, that has a {day_month})",
        basis=f"nearest_to_{source}", **facts, anchor=anchor)
