"""The search index's own table, and what users follow: feed tokens and saved searches.

The vectors themselves are a column of the agenda items (minutes.models.AgendaItem.search_vector),
written only by search/index.py."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.utils import timezone
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


class FeedToken(models.Model):
    """A user's key to the archive's Atom feeds, for feed readers that cannot sign in.

    The token itself is never stored: it is an HMAC of `key` under the SECRET_KEY
    (search/feed_tokens.py), so the archive can put it in the feed links of every page the
    user sees, and a copy of the database alone gives no token. `digest` is the sha256 of
    the token, by which a feed request finds its user. Renewing replaces both: the old token
    stops working at once.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
        related_name="feed_token",
    )
    key = models.CharField(_("key"), max_length=64)
    digest = models.CharField(_("digest"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("feed token")
        verbose_name_plural = _("feed tokens")

    def __str__(self) -> str:
        return str(self.user)


class SavedSearchQuerySet(models.QuerySet):
    def of_user(self, user) -> SavedSearchQuerySet:
        return self.filter(user=user) if user.is_authenticated else self.none()

    def newest_first(self) -> SavedSearchQuerySet:
        return self.order_by("-created_at", "-pk")


class SavedSearch(models.Model):
    """A search a user follows ("Bevaka"): its query string, and how far alerts have come.

    `alerted_until`: meetings archived up to this moment have been looked at for alerts
    (search/alerts.py); it starts when the search is saved, so nothing archived before is
    ever sent, and only moves forward, so nothing is sent twice.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
        related_name="saved_searches",
    )
    name = models.CharField(_("name"), max_length=200)
    # The search page's query string: the words and every filter, no page or format.
    query = models.CharField(_("query"), max_length=2000)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    alerted_until = models.DateTimeField(_("alerted until"), default=timezone.now)

    objects = SavedSearchQuerySet.as_manager()

    class Meta:
        verbose_name = _("followed search")
        verbose_name_plural = _("followed searches")
        constraints = [
            models.UniqueConstraint(fields=["user", "query"], name="saved_search_unique_query"),
        ]

    def __str__(self) -> str:
        return self.name
