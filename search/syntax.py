"""Web-search syntax, read in plain Python: words, "exact phrase", OR, -exclude.

`parse_query` never raises, whatever the string (NUL, emoji, unbalanced quotes, only
operators, megabytes): what cannot be searched becomes a `Problem`, which the caller turns
into a message. No database and no Django here; the words are normalised later, in SQL.
"""

from __future__ import annotations

import enum
import unicodedata
from dataclasses import dataclass

MAX_QUERY_CHARS = 500
MAX_QUERY_TERMS = 30

# Alternatives are joined by OR, in any case as in web search engines, or by ELLER for
# Swedish typists, only in capitals: lower-case "eller" is an ordinary (and ignored) word.
# Control, format, surrogate and unassigned characters: never part of a word.
_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})


class Problem(enum.Enum):
    """Why a query cannot be searched."""

    TOO_LONG = "too_long"
    NO_WORDS = "no_words"
    ONLY_EXCLUSIONS = "only_exclusions"
    ONLY_COMMON_WORDS = "only_common_words"


@dataclass(frozen=True)
class Term:
    """One word or quoted phrase of the query, as typed (minus quotes and the minus sign)."""

    text: str
    phrase: bool = False
    negated: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    """All `groups` must match; a group matches when any of its terms does."""

    groups: tuple[tuple[Term, ...], ...] = ()
    problem: Problem | None = None

    @property
    def terms(self) -> tuple[Term, ...]:
        return tuple(term for group in self.groups for term in group)


_OR = object()  # the OR operator among the tokens


def clean_query(q: str) -> str:
    """`q` in composed Unicode with control and invisible characters turned into spaces."""
    q = unicodedata.normalize("NFC", q)
    return "".join(" " if unicodedata.category(ch) in _DROPPED_CATEGORIES else ch for ch in q)


def parse_query(q: object) -> ParsedQuery:
    """The query's terms grouped as web search does: `a b OR c -d` is a AND (b OR c) AND NOT d."""
    if not isinstance(q, str):
        q = "" if q is None else str(q)
    if len(q) > MAX_QUERY_CHARS * 4:
        # Not worth normalising: far over the limit whatever the cleaning removes.
        return ParsedQuery(problem=Problem.TOO_LONG)
    q = " ".join(clean_query(q).split())
    if not q:
        return ParsedQuery()
    if len(q) > MAX_QUERY_CHARS:
        return ParsedQuery(problem=Problem.TOO_LONG)
    tokens = [token for token in _tokens(q) if token is _OR or _searchable(token.text)]
    terms = [token for token in tokens if token is not _OR]
    if not terms:
        return ParsedQuery(problem=Problem.NO_WORDS)
    if len(terms) > MAX_QUERY_TERMS:
        return ParsedQuery(problem=Problem.TOO_LONG)
    if all(term.negated for term in terms):
        return ParsedQuery(problem=Problem.ONLY_EXCLUSIONS)
    return ParsedQuery(groups=_groups(tokens))


def _searchable(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _tokens(q: str) -> list:
    """Terms and ORs from left to right; an unclosed quote runs to the end."""
    tokens: list = []
    i, n = 0, len(q)
    while i < n:
        if q[i].isspace():
            i += 1
            continue
        negated = q[i] == "-" and i + 1 < n and not q[i + 1].isspace()
        if negated:
            i += 1
        if q[i] == '"':
            end = q.find('"', i + 1)
            end = n if end < 0 else end
            tokens.append(Term(" ".join(q[i + 1 : end].split()), phrase=True, negated=negated))
            i = end + 1
            continue
        end = i
        while end < n and not q[end].isspace() and q[end] != '"':
            end += 1
        text = q[i:end]
        i = end
        if not negated and (text.upper() == "OR" or text == "ELLER"):
            tokens.append(_OR)
        else:
            tokens.append(Term(text, negated=negated))
    return tokens


def _groups(tokens: list) -> tuple[tuple[Term, ...], ...]:
    """Terms joined by OR go into one group; ORs at either end or doubled are ignored."""
    groups: list[list[Term]] = []
    joining = False
    for token in tokens:
        if token is _OR:
            joining = bool(groups)
            continue
        if joining:
            groups[-1].append(token)
        else:
            groups.append([token])
        joining = False
    return tuple(tuple(group) for group in groups)
