"""The two commissioned sample minutes parse exactly as `samples/expected/` says."""

from __future__ import annotations

import json

import pytest

from parsing import parse_bytes, to_dict
from tests.samples import SEED_KEYS, seed_expected
from tests.samples import seed as seed_path


def _load(key: str) -> tuple[dict, dict]:
    path = seed_path(key)
    return seed_expected(key), to_dict(parse_bytes(path.read_bytes(), path.name))


@pytest.fixture(params=SEED_KEYS)
def seed(request) -> tuple[dict, dict]:
    return _load(request.param)


def test_meeting_facts_match_expected(seed):
    expected, got = seed
    for key in ("organization", "title", "start", "end", "place", "secretary", "adjusters"):
        assert got[key] == expected[key], key


def test_every_attendee_matches_expected_in_order(seed):
    expected, got = seed
    assert expected["attendees"]
    fields = ("name", "affiliation", "municipality", "status", "role", "items")
    assert [{k: a[k] for k in fields} for a in got["attendees"]] == expected["attendees"]


def test_items_have_expected_numbers_titles_and_text(seed):
    expected, got = seed
    assert [(i["number"], i["title"]) for i in got["items"]] == [
        (i["number"], i["title"]) for i in expected["items"]
    ]
    for want, item in zip(expected["items"], got["items"], strict=True):
        assert want["text_includes"]
        for phrase in want["text_includes"]:
            assert phrase in item["text"], (item["number"], phrase)


def _decisions_match(found: list[dict], wanted: list[dict]) -> bool:
    """Found decisions equal the wanted ones in order; optional ones may be absent."""
    position = 0
    for want in wanted:
        here = found[position] if position < len(found) else None
        if here and here["text"] == want["text"] and here["heading"] == want.get("heading"):
            position += 1
        elif not want.get("optional"):
            return False
    return position == len(found)


def test_decisions_match_expected_with_headings(seed):
    expected, got = seed
    assert any(item["decisions"] for item in expected["items"])
    for want, item in zip(expected["items"], got["items"], strict=True):
        assert _decisions_match(item["decisions"], want["decisions"]), (
            item["number"], item["decisions"])


def test_page_furniture_and_lost_glyphs_appear_nowhere(seed):
    expected, got = seed
    dumped = json.dumps(got, ensure_ascii=False)
    assert expected["text_excludes"]
    for excluded in expected["text_excludes"]:
        assert excluded not in dumped


def test_expected_warnings_are_given(seed):
    expected, got = seed
    assert expected["expected_warnings"]
    for warning in expected["expected_warnings"]:
        assert warning in got["warnings"]


def test_people_in_both_seeds_are_written_the_same_way():
    names = [{a["name"] for a in _load(name)[1]["attendees"]} for name in SEED_KEYS]
    assert {"Anna Söderström", "Rickard Sundbom", "Susanne Pollak"} <= names[0] & names[1]


def test_decision_matcher_rejects_extra_and_missing_decisions():
    wanted = [{"text": "A"}, {"text": "B", "optional": True}, {"text": "C"}]
    a_and_c = [{"text": "A", "heading": None}, {"text": "C", "heading": None}]
    assert _decisions_match(a_and_c, wanted)
    assert not _decisions_match([{"text": "A", "heading": None}], wanted)
    assert not _decisions_match(
        [{"text": "A", "heading": None}, {"text": "C", "heading": None},
         {"text": "D", "heading": None}], wanted)
    assert not _decisions_match([{"text": "A", "heading": "X"}, {"text": "C", "heading": None}],
                                wanted)

