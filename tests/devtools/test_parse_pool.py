"""Long-lived sandboxed parse workers: the same parses, and a hostile document fails alone."""

from __future__ import annotations

from devtools.bench import minutes_text, synthetic_meeting
from parsing import ParseError, parse_bytes, to_dict
from parsing.isolation.pool import ParsePool


def documents(count: int) -> list[tuple[int, bytes, str]]:
    return [(index, minutes_text(synthetic_meeting(3, index)).encode(), f"{index}.txt")
            for index in range(count)]


def test_pool_parses_as_the_parser_does_with_every_worker():
    docs = documents(8)
    with ParsePool(2) as pool:
        outcomes = dict(pool.imap(docs))

    assert sorted(outcomes) == list(range(8))
    for key, data, name in docs:
        expected = parse_bytes(data, name)
        assert to_dict(outcomes[key]) == to_dict(expected)
        assert outcomes[key].text == expected.text


def test_document_that_takes_too_long_fails_alone_and_the_worker_is_replaced():
    docs = documents(3)
    slow = ("slow", docs[0][1] * 600, "slow.txt")
    with ParsePool(1, timeout=2) as pool:
        outcomes = dict(pool.imap([docs[0], slow, docs[1], docs[2]]))

    assert isinstance(outcomes["slow"], ParseError)
    assert outcomes["slow"].code == "timeout"
    for key in (0, 1, 2):
        assert outcomes[key].items, key


def test_unreadable_document_is_a_parse_error_and_the_next_one_parses():
    with ParsePool(1) as pool:
        outcomes = dict(pool.imap([("empty", b"", "tom.txt"), *documents(1)]))
        single = pool.parse(documents(2)[1][1], "1.txt")

    assert outcomes["empty"].code == "empty"
    assert outcomes[0].items
    assert single.items
