"""Finding people, organisations and bodies by name, as an official types it.

`people_named("Wallberg")` finds "Wållberg", `people_named("Gylestad")` finds "Jonas
Gyllestad": names and words are compared with accents folded (SQL `directory_fold`, municipalities
migration 0007) and by trigram word similarity (pg_trgm), so a word may be misspelt a little or
be only one of the person's names. Every word typed must match a word of the name (all of
"Rickard Sundbom", not either). Diacritics are folded only here, for finding: the archive still
tells "Sandberg" from "Söderberg" (too unalike to match) and matches people by
`normalized_name`, diacritics kept.

Each function returns a QuerySet, best match first, that can be narrowed further
(`people_named("Ann").filter(organization=haninge)`); text with no letters or digits finds
nothing.
"""

from __future__ import annotations

import re
import unicodedata

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db.models import F, FloatField, Func, QuerySet, TextField, Value
from django.db.models.functions import Coalesce, Concat

from municipalities.models import Body, Organization, Person

__all__ = ["bodies_named", "organizations_named", "people_named", "words_of"]

# pg_trgm's default `pg_trgm.word_similarity_threshold`, which the `%>` operator (and so the
# trigram index) uses: "Gylestad" in "jonas gyllestad" scores 0.73, "Sandberg" in "söderberg"
# 0.33. Stated here too so that ranking and filtering agree.
WORD_MATCH = 0.6
# Enough for any name; what lies beyond is not a name and would only cost time.
MAX_CHARS = 200
MAX_WORDS = 6
# Shorter words have too few trigrams to compare: they match the start of a word instead.
MIN_TRIGRAM_WORD = 3

_WORD = re.compile(r"[^\W_]+")


class Fold(Func):
    """Lower case, diacritics stripped: "Wållberg" -> "wallberg" (migration 0007)."""

    function = "directory_fold"
    output_field = TextField()


def _strip_accents(word: str) -> str:
    """"é" -> "e", "å" -> "a", near enough to unaccent() for words of one or two letters."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def words_of(text: str | None) -> list[str]:
    """The words of `text` worth looking for: letters and digits, lower case, each once."""
    if not text:
        return []
    cleaned = str(text)[:MAX_CHARS].replace("\x00", " ")
    words = [word.casefold() for word in _WORD.findall(cleaned)]
    return list(dict.fromkeys(words))[:MAX_WORDS]


def _named(queryset: QuerySet, folded, text: str | None) -> QuerySet:
    """Rows of `queryset` whose `folded` text (an expression) has every word of `text`."""
    words = words_of(text)
    if not words:
        return queryset.none()
    queryset = queryset.annotate(directory_text=folded)
    scores = []
    for word in words:
        folded_word = Fold(Value(word))
        if len(word) < MIN_TRIGRAM_WORD:
            # \m is PostgreSQL's start of a word; words hold only letters and digits. Folded
            # here, so that the pattern is a constant (a pattern built in SQL is rebuilt per row).
            queryset = queryset.filter(directory_text__regex=r"\m" + _strip_accents(word))
            continue
        queryset = queryset.filter(directory_text__trigram_word_similar=folded_word)
        scores.append(TrigramWordSimilarity(folded_word, "directory_text"))
    score = sum(scores[1:], scores[0]) if scores else Value(0.0)
    return queryset.annotate(
        directory_score=Coalesce(score, Value(0.0), output_field=FloatField())
    ).order_by("-directory_score", *queryset.model._meta.ordering, "pk")


def people_named(text: str | None, people: QuerySet[Person] | None = None) -> QuerySet[Person]:
    """People (of `people`, default all) with every word of `text` in their name."""
    people = Person.objects.all() if people is None else people
    return _named(people, Fold("normalized_name"), text)


def organizations_named(
    text: str | None, organizations: QuerySet[Organization] | None = None
) -> QuerySet[Organization]:
    """Organisations named `text` in their name or one of its aliases."""
    organizations = Organization.objects.all() if organizations is None else organizations
    names = Concat(
        F("name"),
        Value(" "),
        Func(F("aliases"), Value(" "), function="array_to_string", output_field=TextField()),
        output_field=TextField(),
    )
    return _named(organizations, Fold(names), text)


def bodies_named(text: str | None, bodies: QuerySet[Body] | None = None) -> QuerySet[Body]:
    """Bodies named `text`; the organisation's name counts too ("Kommunstyrelsen Haninge")."""
    bodies = Body.objects.all() if bodies is None else bodies
    names = Concat(F("name"), Value(" "), F("organization__name"), output_field=TextField())
    return _named(bodies, Fold(names), text)
