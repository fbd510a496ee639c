"""What the search page says about the words it searched: a typo it corrected, the compounds
and other forms a word also found, and, when nothing was found, a word it might have meant.

The archive's stems are accent-folded and cut ("sundbom", "trafikverk"); a reader wants the
words as the minutes write them. For the words the page shows, those are the ones marked on
the page; for a suggestion (no hits, so no page) one query reads the word from an item.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from django.http import QueryDict

from config.querystring import query_with
from search.results import ItemSearch, word_as_written
from search.tsquery import SearchTerm, nearest_stems

# The query-string parameter that turns off compounds and corrected typos ("exakt=1").
EXACT = "exakt"
MAX_EXAMPLES = 3
_MARKED = re.compile(r"<mark>(.*?)</mark>", re.S)


@dataclass(frozen=True)
class Rewrite:
    """One word of the query and what else it found: `written` as the page writes them."""

    typed: str
    written: tuple[str, ...] = ()


@dataclass(frozen=True)
class Suggestion:
    query: str
    url: str


@dataclass
class SearchNotes:
    # Words the archive does not hold, and the words they were searched as: "Visar träffar
    # för Trafikverket"; words it holds, and the compounds and other forms also found.
    corrected: list[Rewrite] = field(default_factory=list)
    expanded: list[Rewrite] = field(default_factory=list)
    exact: bool = False  # the words were searched as typed (EXACT in the query string)
    exact_url: str = ""  # the same search with the words as typed
    inexact_url: str = ""  # the same search with compounds and corrections again
    suggestion: Suggestion | None = None  # "Menade du ...?", only when nothing was found

    def __bool__(self) -> bool:
        return bool(self.corrected or self.expanded or self.exact or self.suggestion)


def exact_requested(params: QueryDict) -> bool:
    return params.get(EXACT, "") not in ("", "0")


def fold(word: str) -> str:
    """Lower case, accents dropped: how the archive's stems are written."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def marked_words(items: list) -> list[str]:
    """The words marked on a page of results (snippets and decisions), as written."""
    words = []
    for item in items:
        texts = [str(item.snippet)] + [str(d.highlighted) for d in item.decisions_shown]
        for text in texts:
            words += [html.unescape(word) for word in _MARKED.findall(text)]
    return words


def _written(stems: tuple[str, ...], marked: list[str], *, limit: int) -> tuple[str, ...]:
    """The marked words that are forms of `stems`, most frequent first."""
    counts = Counter(
        word for word in marked if any(fold(word).startswith(stem) for stem in stems)
    )
    return tuple(word for word, _count in counts.most_common(limit))


def search_notes(params: QueryDict, found: ItemSearch, items: list, count: int) -> SearchNotes:
    """What to tell the reader about the words of `found`, whose first page is `items`."""
    notes = SearchNotes(exact=found.exact and found.searched)
    if not found.searched:
        return notes
    if found.exact:
        notes.inexact_url = query_with(params, EXACT, None)
    else:
        notes.exact_url = query_with(params, EXACT, "1")
    marked = marked_words(items)
    positive = [t for t in found.terms if t.searched and not t.negated and not t.phrase]
    for term in positive:
        others = term.expansions + term.corrections
        if not term.known and others:
            # The word as typed is in no item: every hit is for the words it was taken for.
            written = _written(others, marked, limit=MAX_EXAMPLES) or others[:1]
            notes.corrected.append(Rewrite(term.text, written))
        elif term.expansions:
            written = [
                word for word in _written(term.expansions, marked, limit=MAX_EXAMPLES + 3)
                if fold(word) != fold(term.text)
            ]
            notes.expanded.append(Rewrite(term.text, tuple(written[:MAX_EXAMPLES])))
    if count == 0 and found.searched:
        notes.suggestion = suggestion(params, positive)
    return notes


def suggestion(params: QueryDict, terms: list[SearchTerm]) -> Suggestion | None:
    """The query with each word the archive does not hold replaced by the archive's word
    spelled most like it (a looser likeness than search corrects by itself), or None."""
    q = params.get("q", "")
    unknown = [term for term in terms if not term.known and term.stem]
    if not unknown:
        return None
    nearest = nearest_stems([term.stem for term in unknown])
    replaced = q
    for term in unknown:
        stem = nearest.get(term.stem)
        if stem is None:
            continue
        word = word_as_written(stem) or stem
        replaced = re.sub(rf"(?<!\w){re.escape(term.text)}(?!\w)", lambda _m, w=word: w,
                          replaced, count=1)
    if replaced == q:
        return None
    suggested = QueryDict(mutable=True)
    suggested.update(params)
    suggested["q"] = replaced
    return Suggestion(replaced, query_with(suggested, EXACT, None))
