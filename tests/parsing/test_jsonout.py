"""The JSON form of parsed minutes reads back as what was parsed, warnings' facts included."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from minutes.parsing import ParseWarning, from_dict, parse_bytes, to_dict
from tests.shared_material import SEEDS, require

SEED_NAMES = ["000_ec52f3733dcea927", "001_ae2c4d48e1820923"]


@pytest.mark.parametrize("name", SEED_NAMES)
def test_a_seed_survives_to_dict_and_from_dict_with_its_warnings_params(name):
    data = (require(SEEDS) / f"{name}.txt").read_bytes()
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
