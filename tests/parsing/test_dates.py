"""Tests for parsing.dates.parse_when: the "Tid"/"Datum" value of Swedish minutes."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsing.dates import month_number, parse_when, weekday_index
from parsing.model import ParseWarning, When
from tests.samples import SEED_KEYS, seed, seed_expected

# A fixed "today" so that year inference without any mentioned year is deterministic.
TODAY = dt.date(2025, 6, 1)

SEED_000_TID = "Torsdagen den 6 juni 2018 kl 13.00-15.30"
SEED_001_TID = "Torsdag 5 september kl 12.00 - frerdag 6 september kl 11.50 "
# The parts of seed 001 that matter for the year: 2020 is mentioned most, but only 2019
# puts 5 September on a Thursday, and its first mention wraps over a line break.
SEED_001_CONTEXT = (
    "Minnesanteckningar från\nTid " + SEED_001_TID + "\n"
    "3. Regionalt samarbete av ny utvecklingsledare, verksamhet hösten \n"
    "2019/verksamhetsplan 2020 \n"
    "Södertörnskommunernas utvecklingsprogram 2035.\n"
    "Att arbete med positionspapper påbörjas under kvartal 1 2020.\n"
    "elvägsdemo vara på plats 2021/2022 om beslut tas. kontrakt i december 2109.\n"
)
SEED_001_YEAR = (
    "year: the document gives no year; 2019 was inferred (5 September is a Thursday "
    "in 2019, and the text speaks of hösten 2019)"
)
SEED_000_WEEKDAY = "weekday: the document says Thursday (Torsdagen) but 2018-06-06 is a Wednesday"
WARNING_CODES = ("year", "weekday", "date", "time")


def when(value: str, context: str = "") -> When:
    return parse_when(value, context, today=TODAY)


def at(y: int, mo: int, d: int, h: int | None = None, mi: int = 0) -> dt.date | dt.datetime:
    return dt.date(y, mo, d) if h is None else dt.datetime(y, mo, d, h, mi)


def iso(value: dt.date | dt.datetime | None) -> str | None:
    """The JSON contract's form: to the minute, or a date alone."""
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    return None if value is None else value.isoformat()


def messages(result: When) -> list[str]:
    return [w.message for w in result.warnings]


def codes(result: When) -> list[str]:
    return [w.code for w in result.warnings]


# --- the two seeds ---------------------------------------------------------------------


def test_seed_000_keeps_the_date_and_warns_that_the_weekday_does_not_match() -> None:
    assert when(SEED_000_TID) == When(
        at(2018, 6, 6, 13), at(2018, 6, 6, 15, 30),
        (ParseWarning("weekday", SEED_000_WEEKDAY, (
            ("said", "3"), ("written", "Torsdagen"), ("date", "2018-06-06"), ("actual", "2"))),),
    )


def test_seed_001_two_day_meeting_gets_its_year_from_weekday_and_mentions() -> None:
    assert when(SEED_001_TID, SEED_001_CONTEXT) == When(
        at(2019, 9, 5, 12), at(2019, 9, 6, 11, 50), (ParseWarning("year", SEED_001_YEAR, (
            ("basis", "weekday_mentioned"), ("year", "2019"), ("day", "5"), ("month", "9"),
            ("weekday", "3"), ("evidence", "hösten 2019"))),)
    )


def _label_value(text: str) -> str:
    """What the caller passes: the values of the date labels, joined with " "."""
    label = re.compile(
        r"^\s*(?:Datum och tid|Plats och tid|Datum|Tid)\b[ \t:]*(.*)$", re.MULTILINE
    )
    return " ".join(m.group(1).strip() for m in label.finditer(text))


@pytest.mark.parametrize("key", SEED_KEYS)
def test_seed_files_tid_line_gives_the_expected_start_end_and_warnings(key: str) -> None:
    text = seed(key).read_text(encoding="utf-8")
    expected = seed_expected(key)
    result = parse_when(_label_value(text), text, today=TODAY)
    assert (iso(result.start), iso(result.end)) == (expected["start"], expected["end"])
    ours = [w for w in expected.get("expected_warnings", []) if w.startswith(WARNING_CODES)]
    assert messages(result) == ours


def test_inline_seed_lines_are_the_ones_in_the_seed_files() -> None:
    lines = {_label_value(seed(key).read_text(encoding="utf-8")) for key in SEED_KEYS}
    assert {SEED_000_TID, SEED_001_TID.strip()} <= lines


# --- forms -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("2020-03-13, kl. 08.30–10.00", at(2020, 3, 13, 8, 30), at(2020, 3, 13, 10)),
        ("2020-03-13, kl. 08.30—10.00", at(2020, 3, 13, 8, 30), at(2020, 3, 13, 10)),
        ("2020-03-13 kl 08.30-10.00", at(2020, 3, 13, 8, 30), at(2020, 3, 13, 10)),
        ("2020-03-13 kl 08.30 - 10.00", at(2020, 3, 13, 8, 30), at(2020, 3, 13, 10)),
        ("2020-03-13 kl 08.30 till 10.00", at(2020, 3, 13, 8, 30), at(2020, 3, 13, 10)),
        ("2020-03-13 10:00–11:30", at(2020, 3, 13, 10), at(2020, 3, 13, 11, 30)),
        ("2020-03-13 kl 9.45-12.15", at(2020, 3, 13, 9, 45), at(2020, 3, 13, 12, 15)),
        ("2020-03-13 kl 13-15", at(2020, 3, 13, 13), at(2020, 3, 13, 15)),
        ("2020-03-13 kl. 13 - kl. 15", at(2020, 3, 13, 13), at(2020, 3, 13, 15)),
        ("2020-03-13 klockan 13.00", at(2020, 3, 13, 13), None),
    ],
)
def test_time_ranges_with_any_dash_or_till(value: str, start: object, end: object) -> None:
    assert when(value) == When(start, end, ())


@pytest.mark.parametrize(
    ("value", "start"),
    [
        ("2025-03-13 kl 18:30", at(2025, 3, 13, 18, 30)),
        ("2025-03-13T18:30", at(2025, 3, 13, 18, 30)),
        ("13 mars 2025, kl. 18.30", at(2025, 3, 13, 18, 30)),
        ("den 13/3 2025", at(2025, 3, 13)),
        ("13/3-2025", at(2025, 3, 13)),
        ("13/3/2025 kl 18.30", at(2025, 3, 13, 18, 30)),
        ("13.3.2025", at(2025, 3, 13)),
        ("2013-09-30", at(2013, 9, 30)),
        ("2020.05.08", at(2020, 5, 8)),
        ("2020-05-08 (fredag)", at(2020, 5, 8)),
        ("onsdag 14 oktober 2020 19:00", at(2020, 10, 14, 19)),
        ("Onsdagen den 14 oktober 2020 kl 19", at(2020, 10, 14, 19)),
        ("den 6:e juni 2018", at(2018, 6, 6)),
        ("1:a maj 2020", at(2020, 5, 1)),
        ("Stadshuset, sal B-12, onsdag 14 oktober 2020 kl 19.00", at(2020, 10, 14, 19)),
    ],
)
def test_single_dates_in_swedish_forms(value: str, start: object) -> None:
    assert when(value) == When(start, None, ())


def test_dotted_time_is_never_read_as_a_date() -> None:
    assert when("13.3.2025 kl 13.00") == When(at(2025, 3, 13, 13), None, ())
    assert when("kl 13.00 2025-03-13") == When(at(2025, 3, 13, 13), None, ())


@pytest.mark.parametrize(
    ("word", "month"),
    [("januari", 1), ("Feb", 2), ("MARS", 3), ("apr", 4), ("maj", 5), ("jun", 6), ("juli", 7),
     ("aug", 8), ("sept", 9), ("sep", 9), ("Okt", 10), ("nov", 11), ("december", 12),
     ("oktobber", 10)],
)
def test_month_names_full_abbreviated_and_in_any_case(word: str, month: int) -> None:
    assert month_number(word) == month
    assert when(f"5 {word}. 2019").start == dt.date(2019, month, 5)


@pytest.mark.parametrize("word", ["personer", "ma", "julia", "Tid", "mar7"])
def test_words_that_are_no_month_are_not_dates(word: str) -> None:
    assert when(f"12 {word}") == When(None, None, ())


def test_date_and_time_from_separate_labels_joined_by_the_caller() -> None:
    assert when("2020-05-08 10.00-11.00") == When(at(2020, 5, 8, 10), at(2020, 5, 8, 11), ())


def test_time_range_before_the_date_still_belongs_to_it() -> None:
    assert when("18.00-21.00, 5 maj 2020") == When(at(2020, 5, 5, 18), at(2020, 5, 5, 21), ())


# --- nothing to place ------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["", "   ", "Stadshuset", "kl 9.45-12.15", "10:00–11:30", "fredag kl 10", "kl 25.00"]
)
def test_without_a_date_there_is_no_start_and_no_end(value: str) -> None:
    assert when(value) == When(None, None, ())


# --- weekdays --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "index"),
    [("måndag", 0), ("Tisdagen", 1), ("onsdag", 2), ("TORSDAGEN", 3), ("fredag", 4),
     ("lördagen", 5), ("söndag", 6), ("frerdag", 4), ("mandag", 0), ("lordagen", 5),
     ("fredagen", 4), ("frerdagen", 4)],
)
def test_weekday_words_match_with_definite_ending_and_one_damaged_letter(
    word: str, index: int
) -> None:
    assert weekday_index(word) == index


@pytest.mark.parametrize("word", ["Fredrik", "dag", "tisdagar", "sördag", "fred"])
def test_words_too_far_from_or_between_weekdays_are_not_weekdays(word: str) -> None:
    assert weekday_index(word) is None


@pytest.mark.parametrize(
    "value",
    ["frerdag 6 september 2019", "mandag 2 mars 2020", "Lordagen den 7 mars 2020",
     "TORSDAGEN den 5 mars 2020", "fredagen, 8 maj 2020", "2020-05-08 (fredag)"],
)
def test_a_matching_weekday_gives_no_warning(value: str) -> None:
    assert when(value).warnings == ()


def test_a_weekday_that_contradicts_the_date_keeps_the_date_and_warns() -> None:
    result = when("Fredag 2020-05-07 kl 10")
    assert result.start == at(2020, 5, 7, 10)
    assert result.warnings == (ParseWarning(
        "weekday", "weekday: the document says Friday (Fredag) but 2020-05-07 is a Thursday",
        (("said", "4"), ("written", "Fredag"), ("date", "2020-05-07"), ("actual", "3"))),)


def test_the_end_dates_weekday_is_checked_too() -> None:
    result = when("torsdag 5 september 2019 - lördag 6 september 2019")
    assert (result.start, result.end) == (at(2019, 9, 5), at(2019, 9, 6))
    assert messages(result) == [
        "weekday: the document says Saturday (lördag) but 2019-09-06 is a Friday"]


@pytest.mark.parametrize(
    "value", ["torsdag–fredag 5–6 september 2019", "torsdag - fredag den 5 - 6 sept 2019"]
)
def test_a_weekday_range_names_the_days_of_a_day_range_in_order(value: str) -> None:
    assert when(value) == When(at(2019, 9, 5), at(2019, 9, 6), ())


def test_a_weekday_range_is_checked_day_by_day() -> None:
    assert messages(when("onsdag-fredag 5-6 september 2019")) == [
        "weekday: the document says Wednesday (onsdag) but 2019-09-05 is a Thursday"]


def test_a_weekday_before_the_second_date_is_not_taken_for_the_first() -> None:
    result = when("5 september 2019, fredag 6 september 2019")
    assert result.warnings == ()


# --- two days and year rollover ----------------------------------------------------------


def test_meeting_over_two_days_ends_on_the_second_day() -> None:
    result = when("torsdag 5 september 2019 kl 12.00 - fredag 6 september kl 11.50")
    assert result == When(at(2019, 9, 5, 12), at(2019, 9, 6, 11, 50), ())


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("5-6 september 2019", at(2019, 9, 5), at(2019, 9, 6)),
        ("5–6 sept. 2019", at(2019, 9, 5), at(2019, 9, 6)),
        ("5 och 6 september 2019", at(2019, 9, 5), at(2019, 9, 6)),
        ("2019-09-05 – 2019-09-06", at(2019, 9, 5), at(2019, 9, 6)),
        ("5 september 2019 kl 12-17 - 6 september kl 9-12", at(2019, 9, 5, 12), at(2019, 9, 6, 12)),
    ],
)
def test_two_day_forms(value: str, start: object, end: object) -> None:
    assert when(value) == When(start, end, ())


def test_an_end_earlier_in_the_year_than_the_start_is_in_the_next_year() -> None:
    assert when("31 december 2019 - 2 januari") == When(at(2019, 12, 31), at(2020, 1, 2), ())


def test_a_year_given_only_at_the_end_serves_the_start_too() -> None:
    assert when("30 december - 2 januari 2020") == When(at(2019, 12, 30), at(2020, 1, 2), ())
    assert when("1 - 2 mars 2020") == When(at(2020, 3, 1), at(2020, 3, 2), ())


def test_rollover_without_any_year_infers_once_and_checks_both_weekdays() -> None:
    result = when("måndag 30 december - torsdag 2 januari", "verksamhet hösten 2019")
    assert (result.start, result.end) == (at(2019, 12, 30), at(2020, 1, 2))
    assert codes(result) == ["year"]


def test_an_end_time_before_the_start_time_is_taken_as_after_midnight() -> None:
    result = when("2020-05-08 kl 22.00-01.00")
    assert (result.start, result.end) == (at(2020, 5, 8, 22), at(2020, 5, 9, 1))
    assert messages(result) == [
        "time: the end 01.00 is before the start 22.00; it was taken to be on the next day"]


def test_an_explicit_end_date_before_the_start_is_kept_with_a_warning() -> None:
    result = when("2020-05-08 - 2020-05-01")
    assert (result.start, result.end) == (at(2020, 5, 8), at(2020, 5, 1))
    assert messages(result) == ["date: the end 2020-05-01 is before the start 2020-05-08"]


# --- year inference --------------------------------------------------------------------


def test_year_from_weekday_prefers_the_fitting_year_over_the_most_mentioned() -> None:
    result = when("Torsdag 5 september kl 12.00", SEED_001_CONTEXT)
    assert result.start == at(2019, 9, 5, 12)
    assert messages(result) == [SEED_001_YEAR]


def test_year_from_weekday_among_several_fitting_years_takes_the_most_mentioned() -> None:
    # 13 March is a Friday in both 2015 and 2020; 2015 is mentioned more often.
    result = when("fredag 13 mars", "budget 2020, utfall 2015 och 2015")
    assert result.start == at(2015, 3, 13)
    assert messages(result) == [(
        "year: the document gives no year; 2015 was inferred (13 March is a Friday in 2015, "
        "and the text speaks of utfall 2015)"
    )]


def test_year_from_weekday_ties_in_mentions_go_to_the_latest_year() -> None:
    result = when("fredag 13 mars", "budget 2015 och 2020")
    assert result.start == at(2020, 3, 13)


def test_year_from_weekday_searches_near_the_most_mentioned_year_when_none_fits() -> None:
    # 5 September is a Thursday in 2019 and 2024; 2019 is nearer to 2020.
    result = when("torsdag 5 september", "plan 2020 och 2020")
    assert result.start == at(2019, 9, 5)
    assert messages(result) == [(
        "year: the document gives no year; 2019 was inferred (5 September is a Thursday in "
        "2019, the nearest such year to 2020, the year the text mentions most)"
    )]


def test_year_from_weekday_searches_near_the_current_year_when_none_is_mentioned() -> None:
    result = when("torsdag 5 september")
    assert result.start == at(2024, 9, 5)
    assert messages(result) == [(
        "year: the document gives no year; 2024 was inferred (5 September is a Thursday in "
        "2024, the nearest such year to 2025, the current year)"
    )]


def test_year_without_weekday_is_the_most_mentioned_year() -> None:
    result = when("5 september kl 10", "Budget 2018 och\nplan 2019, utfall 2019")
    assert result.start == at(2019, 9, 5, 10)
    assert messages(result) == [(
        "year: the document gives no year; 2019 was inferred (the year the text mentions "
        "most, as in plan 2019)"
    )]


def test_year_without_weekday_or_mention_is_the_current_year() -> None:
    result = when("5 september")
    assert result.start == at(2025, 9, 5)
    assert messages(result) == [(
        "year: the document gives no year; 2025 was inferred (the current year; the text "
        "mentions no year)"
    )]


def test_year_evidence_folds_line_breaks_and_keeps_what_is_glued_to_the_year() -> None:
    result = when("fredag 13 mars", "Valideringsskede\n 2017-2020 klart")
    assert messages(result)[0].endswith("the text speaks of Valideringsskede 2017-2020)")


def test_years_outside_1950_to_2099_are_not_evidence() -> None:
    result = when("5 september", "kontrakt i december 2109 och 1066")
    assert result.start == at(2025, 9, 5)


def test_year_inference_skips_years_without_the_day() -> None:
    result = when("29 februari", "2019 2019 2018")
    assert result.start == at(2020, 2, 29)
    assert messages(result) == [(
        "year: the document gives no year; 2020 was inferred (the nearest year to 2019, "
        "the year the text mentions most, that has a 29 February)"
    )]


def test_slash_date_without_year_is_inferred() -> None:
    result = when("fredag 13/3 kl 9", "verksamhetsplan 2020")
    assert result.start == at(2020, 3, 13, 9)
    assert codes(result) == ["year"]


# --- invalid dates and times -----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "quoted"),
    [
        ("30 februari 2020", "30 februari 2020"),
        ("2019-13-45", "2019-13-45"),
        ("31/4 2020 kl 10", "31/4 2020"),
        ("32.1.2020", "32.1.2020"),
        ("30 februari", "30 februari"),
        ("30 februari 2020 - 2 mars 2020", "30 februari 2020"),
    ],
)
def test_an_invalid_date_gives_no_date_and_a_date_warning(value: str, quoted: str) -> None:
    assert when(value) == When(
        None, None, (ParseWarning("date", f"date: '{quoted}' is not a valid date",
                                  (("kind", "invalid"), ("text", quoted))),))


def test_an_invalid_end_date_drops_only_the_end() -> None:
    result = when("2019-09-05 - 2019-09-31")
    assert (result.start, result.end) == (at(2019, 9, 5), None)
    assert messages(result) == ["date: '2019-09-31' is not a valid date"]


@pytest.mark.parametrize("value", ["kl 25.00", "kl 12.75", "24:00"])
def test_an_invalid_time_keeps_the_date_and_warns(value: str) -> None:
    result = when(f"2020-05-08 {value}")
    assert result == When(
        at(2020, 5, 8), None, (ParseWarning("time", f"time: '{value}' is not a valid time",
                                            (("kind", "invalid"), ("text", value))),))


def test_an_invalid_end_time_keeps_the_start() -> None:
    result = when("2020-05-08 kl 10.00-24.30")
    assert (result.start, result.end) == (at(2020, 5, 8, 10), None)
    assert codes(result) == ["time"]


# --- never raises ----------------------------------------------------------------------

FRAGMENTS = [
    "Torsdagen", "den", "6", "juni", "2018", "kl", "kl.", "13.00", "-", "–", "—", "till", "och",
    "frerdag", "sept", "sep.", "okt", "13/3", "2020-05-08", "13.3.2025", "6:e", "(fredag)",
    "30", "februari", "25.00", "24:00", "9", "31", "december", "2", "januari", ",", "29",
    "2019-13-45", "9999", "0000", "0", "99", "9999-12-31", "0001-01-01", "mars", "T", "/",
]


def check_invariants(result: When) -> None:
    assert isinstance(result, When)
    for value in (result.start, result.end):
        assert value is None or isinstance(value, dt.date)
    if result.start is None:
        assert result.end is None
    for warning in result.warnings:
        assert warning.code in WARNING_CODES
        assert warning.message.startswith(f"{warning.code}: ")
    if result.start is not None and result.end is not None and "date" not in codes(result):
        days = [v.date() if isinstance(v, dt.datetime) else v for v in (result.start, result.end)]
        assert days[0] <= days[1]


@settings(max_examples=300)
@given(st.text(), st.text())
def test_random_text_never_raises(value: str, context: str) -> None:
    check_invariants(parse_when(value, context))


swedishish = st.tuples(
    st.lists(
        st.one_of(st.sampled_from(FRAGMENTS), st.integers(0, 10_000).map(str), st.text(max_size=3)),
        max_size=12,
    ),
    st.sampled_from([" ", "", "-", "/", ".", ":"]),
).map(lambda parts: parts[1].join(parts[0]))


@settings(max_examples=500)
@given(swedishish, st.lists(st.integers(1900, 2150).map(str)).map(" ".join))
def test_random_swedish_date_strings_never_raise(value: str, context: str) -> None:
    check_invariants(parse_when(value, context))


# --- dates no meeting can have ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "quoted"),
    [
        ("0001-01-01", "0001-01-01"),
        ("1.1.0001 kl 10.00", "1.1.0001"),
        ("5 maj 0100 kl 9.00-12.00", "5 maj 0100"),
        ("0999-12-31", "0999-12-31"),
        ("1799-12-31", "1799-12-31"),
        ("3000-01-01 kl 13.00", "3000-01-01"),
        ("9999-12-31 kl 23.00-01.00", "9999-12-31"),
    ],
)
def test_a_date_no_meeting_can_have_is_left_empty_with_a_date_warning(
    value: str, quoted: str
) -> None:
    result = when(value)
    assert (result.start, result.end) == (None, None)
    [warning] = result.warnings
    assert warning.code == "date"
    assert dict(warning.params) == {
        "kind": "out_of_range", "text": quoted, "date": dict(warning.params)["date"],
        "earliest": "1800-01-01", "latest": "2035-06-01",
    }
    assert warning.message == (
        f"date: '{quoted}' lies outside the dates a meeting may have, 1800-01-01 to "
        "2035-06-01; it was left empty"
    )


def test_the_range_runs_from_1800_to_ten_years_after_today() -> None:
    assert when("1800-01-01").start == at(1800, 1, 1)
    assert when("2035-06-01 kl 10.00").start == at(2035, 6, 1, 10)
    assert when("2035-06-02").start is None
    assert parse_when("2035-06-02", today=dt.date(2026, 1, 1)).start == at(2035, 6, 2)


def test_an_end_no_meeting_can_have_drops_only_the_end() -> None:
    result = when("2020-05-08 - 3020-05-09")
    assert (result.start, result.end) == (at(2020, 5, 8), None)
    assert [dict(w.params)["kind"] for w in result.warnings] == ["out_of_range"]


def test_an_end_after_midnight_past_the_range_drops_only_the_end() -> None:
    result = when("2035-06-01 kl 22.00-01.00")
    assert (result.start, result.end) == (at(2035, 6, 1, 22), None)
    assert codes(result) == ["time", "date"]
