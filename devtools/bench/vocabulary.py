"""Swedish words drawn with the frequencies of real text (wordfreq), for generated prose.

The word list is built once per process, with each word's weight: its frequency in
wordfreq's Swedish list (boosted for words of municipal minutes). Words are drawn from two
tables of 2**16 slots (small enough to stay in the processor's cache), indexed by random
bits: in the first each word holds whole slots in proportion to its weight; the rest of the
first table's slots lead to the second, which shares out what whole slots left over
(the rare words, and the frequent words' fractions of a slot). That is some five times
faster than `random.choices` with `cum_weights`, whose bisection per word would hold
generation to about 10,000 items/s, and keeps each word's share to within about 2e-6.
"""

from __future__ import annotations

import random
import re
import sys
from array import array
from dataclasses import dataclass
from functools import cache

from .data import DOMAIN_BOOST, DOMAIN_WORDS

# How many of wordfreq's most frequent Swedish words to draw from: they carry nearly all of
# the running text's mass, and the rest are mostly names, typos and rare compounds.
VOCABULARY_SIZE = 30_000
_TABLE_BITS = 16
_UINT32 = next(code for code in "IL" if array(code).itemsize == 4)
_WORD = re.compile(r"^[a-zåäöé]+$")
# Words the parser reads as structure wherever a wrapped line happens to start with them
# ("Beslutade att ...", "Avsändare"): left out so that prose stays prose.
_STRUCTURE_WORDS = re.compile(r"^(besl|avsänd)")


@dataclass(frozen=True)
class Vocabulary:
    words: tuple[str, ...]  # most frequent first
    # Each word's share of the draws: its weight over the total.
    frequency: dict[str, float]
    whole: tuple[str, ...]  # 2**16 slots; "" where the draw goes on to `rest`
    rest: tuple[str, ...]  # 2**16 slots

    def draw(self, rng: random.Random, count: int) -> list[str]:
        draws = array(_UINT32, rng.randbytes(4 * count))
        if sys.byteorder == "big":  # the same words from the same seed on any machine
            draws.byteswap()
        whole, rest, mask = self.whole, self.rest, (1 << _TABLE_BITS) - 1
        return [whole[bits >> _TABLE_BITS] or rest[bits & mask] for bits in draws]


def _wordfreq_buckets() -> list[list[str]]:
    try:
        import wordfreq  # noqa: PLC0415 - a development requirement, loaded when first needed
    except ImportError as error:
        raise ImportError(
            "the synthetic minutes need wordfreq: pip install -r requirements-dev.txt"
        ) from error
    # Bucket i holds the words whose frequency is 10 ** (-i / 100) (wordfreq's centibels).
    return wordfreq.get_frequency_list("sv")


@cache
def vocabulary() -> Vocabulary:
    weights: dict[str, float] = {}
    for bucket_index, bucket in enumerate(_wordfreq_buckets()):
        frequency = 10 ** (-bucket_index / 100)
        for word in bucket:
            if _WORD.match(word) and not _STRUCTURE_WORDS.match(word):
                weights.setdefault(word, frequency)
        if len(weights) >= VOCABULARY_SIZE:
            break
    # Domain words are boosted from their own general frequency (or a rare word's).
    floor = min(weights.values())
    for word in DOMAIN_WORDS:
        weights[word] = max(weights.get(word, floor), floor) * DOMAIN_BOOST
    words = tuple(sorted(weights, key=lambda w: (-weights[w], w)))
    total = sum(weights.values())
    frequency = {word: weights[word] / total for word in words}
    size = 1 << _TABLE_BITS
    exact = [frequency[word] * size for word in words]
    whole = [int(value) for value in exact]
    left = [value - count for value, count in zip(exact, whole, strict=True)]
    left_total = sum(left)
    rest = _slots(words, [value / left_total * size for value in left], size)
    first = [word for word, count in zip(words, whole, strict=True) for _ in range(count)]
    first += [""] * (size - len(first))
    return Vocabulary(words, frequency, tuple(first), rest)


def _slots(words: tuple[str, ...], exact: list[float], size: int) -> tuple[str, ...]:
    """`size` slots shared out in proportion to `exact`, rounded by largest remainder."""
    counts = [int(value) for value in exact]
    by_remainder = sorted(range(len(words)), key=lambda i: counts[i] - exact[i])
    for index in by_remainder[:size - sum(counts)]:
        counts[index] += 1
    table: list[str] = []
    for word, count in zip(words, counts, strict=True):
        table.extend([word] * count)
    return tuple(table)
