"""No input makes the parser fail with anything but a clear ParseError."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsing import ParseError, parse_bytes, parse_isolated, parse_text
from tests.samples import seed

SEED = seed("000")
LIMITS = settings(max_examples=150, deadline=None,
                  suppress_health_check=[HealthCheck.too_slow])


@LIMITS
@given(st.binary(max_size=4000))
def test_arbitrary_bytes_give_a_result_or_a_parse_error(data):
    try:
        parsed = parse_bytes(data, "upload.bin")
    except ParseError as error:
        assert error.code and error.message
    else:
        assert parsed.warnings or parsed.items or parsed.attendees


@LIMITS
@given(st.text(max_size=3000))
def test_arbitrary_text_always_parses(text):
    parsed = parse_text(text)
    assert isinstance(parsed.items, tuple)


def _mutations():
    operations = st.sampled_from(["delete", "insert", "duplicate", "swap"])
    return st.lists(st.tuples(operations, st.integers(0, 10_000), st.text(max_size=30)),
                     min_size=1, max_size=25)


@LIMITS
@given(_mutations())
def test_mutated_seed_minutes_always_parse(mutations):
    lines = SEED.read_text(encoding="utf-8").split("\n")
    for operation, position, fragment in mutations:
        index = position % len(lines)
        if operation == "delete":
            del lines[index]
        elif operation == "insert":
            lines.insert(index, fragment)
        elif operation == "duplicate":
            lines.insert(index, lines[index])
        else:
            lines[index], lines[-1 - index] = lines[-1 - index], lines[index]
        if not lines:
            lines = [""]
    parsed = parse_text("\n".join(lines))
    assert isinstance(parsed.attendees, tuple)


def test_seed_parses_within_a_second():
    data = SEED.read_bytes()
    started = time.perf_counter()
    parsed = parse_bytes(data, SEED.name)
    assert parsed.items
    # Generous bound: a normal document must never take seconds.
    assert time.perf_counter() - started < 5


def test_isolated_parse_gives_the_same_result_as_in_process():
    data = SEED.read_bytes()
    assert parse_isolated(data, SEED.name) == parse_bytes(data, SEED.name)


def test_isolated_parse_is_stopped_at_its_time_limit():
    data = SEED.read_bytes()
    started = time.perf_counter()
    with pytest.raises(ParseError) as caught:
        parse_isolated(data * 50, SEED.name, timeout=0.05)
    assert caught.value.code == "timeout"
    assert time.perf_counter() - started < 5


def test_isolated_parse_is_stopped_at_its_memory_limit():
    data = SEED.read_bytes()
    with pytest.raises(ParseError) as caught:
        parse_isolated(data, SEED.name, memory_mb=40)
    assert caught.value.code == "memory"


def test_isolated_parse_reports_unreadable_files_as_parse_errors():
    with pytest.raises(ParseError) as caught:
        parse_isolated(b"", "empty.txt")
    assert caught.value.code == "empty"
