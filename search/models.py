"""The search index's own table. The vectors themselves are a column of the agenda items
(minutes.models.AgendaItem.search_vector), written only by search/index.py."""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchLexeme(models.Model):
    """A word stem of the search index and how many agenda items hold it.

    Search expands a query word to the stems that contain it (Swedish compounds) and, for a
    word the archive does not have, to stems spelled like it (typos), through the trigram
    index. Counts follow the vectors up and down as items are written, changed and deleted
    (search/index.py); a stem no item holds is deleted; `manage.py
    rebuild_search_index` recounts everything.
    """

    word = models.CharField(_("word"), max_length=60)
    items = models.PositiveIntegerField(_("agenda items"), default=0)

    class Meta:
        # Created by the minutes app before search was an app of its own.
        db_table = "minutes_searchlexeme"
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        constraints = [
            # A constraint, not unique=True: that would add a LIKE index nothing uses.
            models.UniqueConstraint(fields=["word"], name="search_lexeme_word_unique"),
        ]
        indexes = [
            GinIndex(OpClass("word", name="gin_trgm_ops"), name="search_lexeme_word_trgm"),
        ]

    def __str__(self) -> str:
        return self.word
