"""The JSON form of parsed minutes reads back as what was parsed, warnings' facts included."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest

from parsing import ParseWarning, from_dict, parse_bytes, to_dict
from tests.samples import SEED_KEYS, seed


@pytest.mark.parametrize("name", SEED_KEYS)
def test_a_seed_survives_to_dict_and_from_dict_with_its_warnings_params(name):
    data = seed(name).read_bytes()
    parsed = parse_bytes(data, f"{name}.txt")
    assert parsed.warnings and all(w.params for w in parsed.warnings)
    # Through JSON text, as the parsing worker sends it.
    payload = json.loads(json.dumps(to_dict(parsed), ensure_ascii=False))
    assert from_dict(payload, text=parsed.text) == parsed


def test_warning_details_sit_beside_the_contracts_english_warnings():
    warning = ParseWarning("time", "time: 'kl 25' is not a valid time",
                           (("kind", "invalid"), ("text", "kl 25")))
    parsed = replace(from_dict({"attendees": [], "items": []}), warnings=(warning,))
    payload = to_dict(parsed)
    assert payload["warnings"] == ["time: 'kl 25' is not a valid time"]
    assert payload["warning_codes"] == ["time"]
    assert payload["warning_details"] == [{
        "code": "time", "message": "time: 'kl 25' is not a valid time",
        "params": {"kind": "invalid", "text": "kl 25"},
    }]


def test_output_from_before_warning_details_still_reads_with_codes_and_no_params():
    old = {"attendees": [], "items": [], "warnings": ["year: the document gives no year"],
           "warning_codes": ["year"]}
    assert from_dict(old).warnings == (ParseWarning("year", "year: the document gives no year"),)


def _minutes_dated(tid: str) -> bytes:
    return (f"Protokoll\n\nTid: {tid}\n\nNärvarande\n\nAnna Ek, Haninge\n\n"
            "1. Öppnande\n\nMötet öppnades.\n").encode()


@pytest.mark.parametrize("tid", ["0001-01-01 kl 10.00", "0100-03-04", "0999-12-31 kl 9.00",
                                 "3000-01-01 kl 13.00-15.00"])
def test_a_document_dated_outside_the_range_round_trips_with_the_date_empty(tid):
    parsed = parse_bytes(_minutes_dated(tid), "p.txt")
    assert (parsed.start, parsed.end) == (None, None)
    assert "out_of_range" in [dict(w.params).get("kind") for w in parsed.warnings]
    payload = json.loads(json.dumps(to_dict(parsed), ensure_ascii=False))
    assert (payload["start"], payload["end"]) == (None, None)
    assert from_dict(payload, text=parsed.text) == parsed


def test_a_time_before_year_1000_is_written_so_it_reads_back():
    parsed = replace(from_dict({"attendees": [], "items": []}),
                     start=dt.datetime(999, 1, 1, 10, 0), end=dt.date(999, 1, 2))
    payload = to_dict(parsed)
    assert (payload["start"], payload["end"]) == ("0999-01-01T10:00", "0999-01-02")


@pytest.mark.parametrize("start", ["1-01-01T00:00", "0001-01-01T00:00", "100-01-01", "3000-05-05"])
def test_stored_output_with_a_date_no_meeting_can_have_reads_back_empty_with_a_warning(start):
    # What the parser stored for pending uploads before such dates were caught.
    stored = {"start": start, "end": "2020-01-01T12:00", "attendees": [], "items": [],
              "warning_details": []}
    parsed = from_dict(stored, today=dt.date(2025, 6, 1))
    assert (parsed.start, parsed.end) == (None, None)
    [warning] = parsed.warnings
    assert (warning.code, dict(warning.params)["kind"]) == ("date", "out_of_range")
    assert dict(warning.params)["latest"] == "2035-06-01"


def test_stored_output_with_an_unreadable_date_reads_back_empty_with_a_warning():
    parsed = from_dict({"start": "the day after", "attendees": [], "items": []})
    assert parsed.start is None
    assert [(w.code, dict(w.params)["kind"]) for w in parsed.warnings] == [("date", "invalid")]
