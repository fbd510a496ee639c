"""The words a reader searched for, marked on the meeting page a search result links to.

Search links to `/moten/12/?q=trafik#punkt-3`; the page marks the words of `q` in its item
titles, texts and decisions as the search did: Swedish stems with accents folded (the
`swedish_unaccent` configuration the index uses), each stem also as the start of a longer word,
so "trafik" marks "Trafiken" and "trafikverket". Minutes knows nothing of the search app: this
reads `q` on its own, leniently (words only; exclusions and OR left out), and never fails.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

CONFIG = "swedish_unaccent"
# Longer queries are not marked at all: the search itself refuses them.
MAX_CHARS = 500
MAX_WORDS = 30
# Shorter stems match only whole words: as a word start "ka" would mark half the page.
MIN_PREFIX_STEM = 4

# Private-use characters around the marked words in ts_headline's output: removed from the
# text first, so a document cannot forge them, and turned into <mark> only after escaping.
_START, _STOP = "\ue000", "\ue001"
_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
_TOKEN = re.compile(r'-?"[^"]*"?|\S+')
_OR = {"OR", "ELLER"}

# One query: the stems of the words (only letters and digits, so quoting them is safe) as a
# tsquery of alternatives, and every text through ts_headline with it, in order.
_MARK_SQL = """
WITH stem AS (
    SELECT DISTINCT lexeme FROM unnest(to_tsvector(%(config)s::regconfig, %(words)s))
    WHERE lexeme ~ '^[[:alnum:]]+$'
), query AS (
    SELECT string_agg(
        '''' || lexeme || '''' || CASE WHEN length(lexeme) >= %(min_prefix)s
                                       THEN ':*' ELSE '' END,
        ' | ' ORDER BY lexeme
    )::tsquery AS q FROM stem
)
SELECT ts_headline(
    %(config)s::regconfig, translate(t.body, %(markers)s, ''), query.q, %(options)s
)
FROM unnest(%(texts)s::text[]) WITH ORDINALITY AS t(body, ord), query
WHERE query.q IS NOT NULL
ORDER BY t.ord
"""


def words_to_mark(q: str) -> list[str]:
    """The words and phrases of a search to mark, as typed: "trafik -buss OR "Gamla stan""
    gives ["trafik", "Gamla stan"]. Empty for a query too long, or of operators only."""
    q = unicodedata.normalize("NFC", q)
    q = "".join(" " if unicodedata.category(ch) in _DROPPED_CATEGORIES else ch for ch in q)
    if len(q) > MAX_CHARS:
        return []
    words = []
    for token in _TOKEN.findall(q):
        if token.startswith("-") or token.upper() in _OR:
            continue
        word = " ".join(token.strip('"').split())
        if any(ch.isalnum() for ch in word):
            words.append(word)
    return words[:MAX_WORDS]


def marked_texts(words: Sequence[str], texts: Sequence[str]) -> list[SafeString] | None:
    """`texts`, each escaped with the `words` in <mark>, in one query; None when none of the
    words can be searched for (only stop words, say), so there is nothing to mark."""
    if not words or not texts:
        return None
    with connection.cursor() as cursor:
        cursor.execute(_MARK_SQL, {
            "config": CONFIG,
            "words": " ".join(words),
            "min_prefix": MIN_PREFIX_STEM,
            "markers": _START + _STOP,
            "options": f"HighlightAll=true, StartSel={_START}, StopSel={_STOP}",
            "texts": list(texts),
        })
        rows = cursor.fetchall()
    if not rows:
        return None
    return [_marked(row[0]) for row in rows]


def _marked(headline: str | None) -> SafeString:
    """ts_headline output as HTML: everything escaped, then the markers made <mark>."""
    html = escape(headline or "")
    return mark_safe(html.replace(_START, "<mark>").replace(_STOP, "</mark>"))  # noqa: S308


def mark_meeting(meeting, words: Sequence[str]) -> bool:
    """Set `marked_title`, `marked_text` (items) and `marked_heading`, `marked_text`
    (decisions) on the prefetched items and decisions of `meeting`, for the `marked` filter,
    and `has_marks` on the items where a word was found; False, and nothing set, when there
    is nothing to mark."""
    fields = []
    for item in meeting.items.all():
        fields += [(item, item, "title"), (item, item, "text")]
        fields += [(item, decision, name) for decision in item.decisions.all()
                   for name in ("heading", "text")]
    marked = marked_texts(words, [getattr(row, name) for _, row, name in fields])
    if marked is None:
        return False
    for (item, row, name), html in zip(fields, marked, strict=True):
        setattr(row, f"marked_{name}", html)
        item.has_marks = getattr(item, "has_marks", False) or "<mark>" in html
    return True
