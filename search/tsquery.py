"""Parsed query terms to a tsquery: every word normalised and expanded in one SQL query.

Normalising is PostgreSQL's (`to_tsvector` with the index's configuration), so a query word
becomes exactly the stem the index holds. Expansion looks the stem up in the table of stems
the archive holds (`SearchLexeme`, trigram-indexed):

- compounds: stems that contain it ("station" -> "pendeltagsstation"), the most frequent
  first, and the stem without an ending the Swedish stemmer leaves on ("beslutet" ->
  "beslut");
- typos: only for a stem the archive does not hold, stems spelled like it by trigram
  similarity ("sundbon" -> "sundbom").

The tsquery text is built here from those stems, each quoted, and reaches PostgreSQL only as
a bound parameter cast to `tsquery`: no user text is ever part of the SQL.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection

from search.syntax import ParsedQuery, Problem, Term

CONFIG = "swedish_unaccent"


class Stage(enum.IntEnum):
    """The layers of matching, each on top of the one before; measured by `search_eval`."""

    PLAIN = 1  # PostgreSQL's own `swedish` configuration
    UNACCENT = 2  # + accents folded: `swedish_unaccent`, the stored vector
    COMPOUNDS = 3  # + stems containing the word's stem, and the stem without a leftover ending
    TYPOS = 4  # + stems spelled like a word the archive does not hold

    @property
    def config(self) -> str:
        return "swedish" if self is Stage.PLAIN else CONFIG


FINAL_STAGE = Stage.TYPOS

# Stems shorter than this are not expanded (too many words contain "el"), nor corrected
# if shorter than the second (a short stem is spelled like too many others).
MIN_EXPANDED_STEM = 4
MIN_CORRECTED_STEM = 5
MAX_EXPANSIONS = 30
# Endings the Swedish stemmer leaves on ("beslutet", "avtalet", "stort"): a query stem with
# one of them also matches the archive's stem without it. Only these: cutting any three
# letters turns "rattunder" into the unrelated "ratt".
LEFTOVER_ENDINGS = ["et", "t"]
# Trigram similarity for a typo correction; measured on the query set (see tests/search).
TYPO_SIMILARITY = 0.45
MAX_CORRECTIONS = 3

# Swedish stop words typed without å, ä, ö ("for", "pa", "nar"), as stems: the index drops
# the real words ("för") before folding accents, so a query must drop these too or it would
# ask for a word no item has.
FOLDED_STOP_STEMS = frozenset({
    "an", "ar", "at", "da", "dar", "for", "fran", "nagon", "nagot", "nagr", "nar", "over",
    "pa", "sa", "sadan", "sadant", "sjalv", "varf",
})

_NORMALISE_SQL = """
WITH unit AS (
    SELECT u.ord, v.lexeme, v.positions
    FROM unnest(%(texts)s::text[]) WITH ORDINALITY AS u(body, ord)
    CROSS JOIN LATERAL unnest(to_tsvector(%(config)s::regconfig, u.body)) AS v
), word AS (
    SELECT unit.*,
           length(unit.lexeme) >= %(min_stem)s AND unit.lexeme ~ '^[[:alpha:]]+$' AS expandable,
           ARRAY(
               SELECT left(unit.lexeme, -length(ending))
               FROM unnest(%(endings)s::text[]) AS ending
               WHERE right(unit.lexeme, length(ending)) = ending
                 AND length(unit.lexeme) - length(ending) >= %(min_stem)s
           ) AS shorter
    FROM unit
)
SELECT word.ord, word.positions, word.lexeme,
    EXISTS (SELECT 1 FROM minutes_searchlexeme AS k WHERE k.word = word.lexeme) AS known,
    ARRAY(
        SELECT s.word FROM minutes_searchlexeme AS s
        WHERE %(compounds)s AND word.expandable AND s.word <> word.lexeme
          AND (s.word LIKE '%%' || word.lexeme || '%%' OR s.word = ANY(word.shorter))
        ORDER BY s.word = ANY(word.shorter) DESC, s.items DESC, s.word
        LIMIT %(max_expansions)s
    ) AS expansions,
    ARRAY(
        SELECT s.word FROM minutes_searchlexeme AS s
        WHERE %(typos)s AND word.expandable AND length(word.lexeme) >= %(min_corrected)s
          AND NOT EXISTS (SELECT 1 FROM minutes_searchlexeme AS k WHERE k.word = word.lexeme)
          AND s.word %% word.lexeme AND similarity(s.word, word.lexeme) >= %(similarity)s
        ORDER BY similarity(s.word, word.lexeme) DESC, s.items DESC, s.word
        LIMIT %(max_corrections)s
    ) AS corrections
FROM word
ORDER BY word.ord, word.lexeme
"""


@dataclass(frozen=True)
class SearchTerm:
    """What one term of the query searched for, for display.

    `expansions` and `corrections` are stems of the archive (accents folded, endings cut),
    not words as written.
    """

    text: str
    phrase: bool = False
    negated: bool = False
    searched: bool = False  # False when the term had only stop words or no words at all
    expansions: tuple[str, ...] = ()
    corrections: tuple[str, ...] = ()
    # A single word's stem (accents folded), and whether the archive holds it; "" and True
    # for a phrase. A word it does not hold that found no correction gets a suggestion.
    stem: str = ""
    known: bool = True


@dataclass(frozen=True)
class CompiledQuery:
    """A query ready for PostgreSQL: tsquery texts to cast with `::tsquery`, or a problem."""

    tsquery: str = ""
    # Any positive term: decides which decisions of a hit match, and what a headline marks.
    any_tsquery: str = ""
    # The groups without exclusions: a superset of `tsquery`'s matches that an index can use
    # where exclusions must be checked on something else (a single decision).
    positive_tsquery: str = ""
    terms: tuple[SearchTerm, ...] = ()
    problem: Problem | None = None

    @property
    def searchable(self) -> bool:
        return bool(self.tsquery)


@dataclass(frozen=True)
class _Word:
    pos: int
    lexeme: str
    expansions: tuple[str, ...]
    corrections: tuple[str, ...]
    known: bool = True


def compile_query(parsed: ParsedQuery, *, stage: Stage = FINAL_STAGE) -> CompiledQuery:
    """The tsquery for `parsed`, with one database query (none for an unusable query)."""
    if parsed.problem is not None or not parsed.groups:
        return CompiledQuery(problem=parsed.problem)
    words = _normalise([term.text for term in parsed.terms], stage=stage)
    built: dict[Term, str] = {}
    terms: list[SearchTerm] = []
    for index, term in enumerate(parsed.terms):
        text, shown = _term(term, words.get(index + 1, []))
        built[term] = text
        terms.append(shown)
    groups = [[(term, built[term]) for term in group if built[term]] for group in parsed.groups]
    groups = [group for group in groups if group]
    positive = [group for group in groups if not any(term.negated for term, _ in group)]
    if not groups:
        return CompiledQuery(terms=tuple(terms), problem=Problem.ONLY_COMMON_WORDS)
    if not any(not term.negated for group in groups for term, _ in group):
        return CompiledQuery(terms=tuple(terms), problem=Problem.ONLY_EXCLUSIONS)
    return CompiledQuery(
        tsquery=" & ".join(_any([text for _, text in group]) for group in groups),
        any_tsquery=_any(
            [text for group in groups for term, text in group if not term.negated]
        ),
        positive_tsquery=" & ".join(_any([text for _, text in group]) for group in positive),
        terms=tuple(terms),
    )


def _normalise(texts: list[str], *, stage: Stage) -> dict[int, list[_Word]]:
    """The stems of each text (by 1-based index), with their expansions, in one query."""
    params = {
        "texts": texts,
        "config": stage.config,
        "min_stem": MIN_EXPANDED_STEM,
        "min_corrected": MIN_CORRECTED_STEM,
        "endings": LEFTOVER_ENDINGS,
        "compounds": stage >= Stage.COMPOUNDS,
        "max_expansions": MAX_EXPANSIONS,
        "typos": stage >= Stage.TYPOS,
        "similarity": TYPO_SIMILARITY,
        "max_corrections": MAX_CORRECTIONS,
    }
    found: dict[int, list[_Word]] = defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute(_NORMALISE_SQL, params)
        for ordinal, positions, lexeme, known, expansions, corrections in cursor.fetchall():
            if lexeme in FOLDED_STOP_STEMS:
                continue
            for pos in positions:
                found[ordinal].append(
                    _Word(pos, lexeme, tuple(expansions), tuple(corrections), known)
                )
    for words in found.values():
        words.sort(key=lambda word: (word.pos, word.lexeme))
    return found


def _term(term: Term, words: list[_Word]) -> tuple[str, SearchTerm]:
    """The tsquery text of one term ("" when nothing in it is searchable), and its display."""
    shown = SearchTerm(text=term.text, phrase=term.phrase, negated=term.negated)
    if not words:
        return "", shown
    if len({word.pos for word in words}) == 1 and not term.phrase:
        word = words[0]
        alternatives = [word.lexeme, *word.expansions, *word.corrections]
        text = _any([quote(lexeme) for lexeme in dict.fromkeys(alternatives)])
        shown = SearchTerm(
            text=term.text,
            negated=term.negated,
            searched=True,
            expansions=word.expansions,
            corrections=word.corrections,
            stem=word.lexeme,
            known=word.known,
        )
    else:
        # A phrase, or a word the parser splits ("Lise-Lott"): the stems in order, as far
        # apart as they stand in the text (stop words keep their places), not expanded.
        text = _phrase(words)
        shown = SearchTerm(text=term.text, phrase=term.phrase, negated=term.negated, searched=True)
    return (f"!{text}" if term.negated else text), shown


def _phrase(words: list[_Word]) -> str:
    by_pos: dict[int, list[str]] = defaultdict(list)
    for word in words:
        by_pos[word.pos].append(quote(word.lexeme))
    parts: list[str] = []
    previous = None
    for pos in sorted(by_pos):
        if previous is not None:
            parts.append("<->" if pos - previous == 1 else f"<{pos - previous}>")
        parts.append(_any(by_pos[pos]))
        previous = pos
    return "(" + " ".join(parts) + ")" if len(by_pos) > 1 else parts[0]


def _any(texts: list[str]) -> str:
    if len(texts) == 1:
        return texts[0]
    return "(" + " | ".join(texts) + ")"


def quote(lexeme: str) -> str:
    """`lexeme` as a tsquery operand: quoted, so no character in it is an operator."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


# A suggestion ("Did you mean ...?") may be further from the word than a correction the
# search applies by itself: it is only offered, as a link. pg_trgm's default threshold for %.
SUGGESTION_SIMILARITY = 0.3

_SUGGEST_SQL = """
SELECT stem.word, (
    SELECT s.word FROM minutes_searchlexeme AS s
    WHERE s.word %% stem.word AND similarity(s.word, stem.word) >= %(similarity)s
      AND s.word <> stem.word
    ORDER BY similarity(s.word, stem.word) DESC, s.items DESC, s.word
    LIMIT 1
)
FROM unnest(%(stems)s::text[]) AS stem(word)
"""


def nearest_stems(stems: list[str]) -> dict[str, str]:
    """For each stem, the archive's stem spelled most like it, if any: one query, none for
    no stems. The stems are SearchTerm.stem values (accents folded, endings cut)."""
    stems = [stem for stem in dict.fromkeys(stems) if len(stem) >= MIN_EXPANDED_STEM]
    if not stems:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(_SUGGEST_SQL, {"stems": stems, "similarity": SUGGESTION_SIMILARITY})
        return {stem: nearest for stem, nearest in cursor.fetchall() if nearest}
