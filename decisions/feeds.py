"""Atom feeds of lists: the newest rows a list page shows for the same query string.

A saved search or a filtered register becomes an alert in any feed reader. `QueryFeed`
takes a builder (request -> queryset, newest first) and the name of the page it follows;
`DecisionFeed` adds how a decision reads as an entry:

    path("decisions/feed/", DecisionFeed(rows=..., title=_("Decisions"), page="search:register"))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, linebreaks
from django.utils.translation import gettext as _

from config.querystring import query_with
from decisions.exports import decision_url
from decisions.models import Decision

FEED_LIMIT = 50


class QueryFeed(Feed):
    """The newest `limit` rows of `rows(request)`, linking back to the page `page` names."""

    feed_type = Atom1Feed

    def __init__(
        self,
        *,
        rows: Callable[[HttpRequest], QuerySet],
        title: object,
        page: str,
        subtitle: object = "",
        limit: int = FEED_LIMIT,
    ) -> None:
        super().__init__()
        self.rows = rows
        self.feed_title = title
        self.feed_subtitle = subtitle
        self.page = page
        self.limit = limit

    def get_object(self, request: HttpRequest, *args, **kwargs) -> HttpRequest:
        return request

    def title(self, request: HttpRequest) -> str:
        return str(self.feed_title)

    def subtitle(self, request: HttpRequest) -> str:
        return str(self.feed_subtitle)

    def link(self, request: HttpRequest) -> str:
        return (reverse(self.page) + query_with(request.GET, "format", None)).removesuffix("?")

    def feed_url(self, request: HttpRequest) -> str:
        return request.get_full_path()

    def items(self, request: HttpRequest) -> QuerySet:
        return self.rows(request)[: self.limit]


def meeting_time(meeting) -> dt.datetime | None:
    """When a meeting began, aware and in local time: its start, else the start of its day."""
    if meeting.start is not None:
        return timezone.localtime(meeting.start)
    if meeting.start_date is not None:
        return timezone.make_aware(dt.datetime.combine(meeting.start_date, dt.time.min))
    return None


class DecisionFeed(QueryFeed):
    """Decisions as entries: "Beslut: <item title>", linked to the decision's anchor."""

    def item_title(self, decision: Decision) -> str:
        item = decision.item
        return _("Decision: %(title)s") % {"title": item.title or str(item)}

    def item_link(self, decision: Decision) -> str:
        return decision_url(decision)

    def item_pubdate(self, decision: Decision) -> dt.datetime | None:
        return meeting_time(decision.item.meeting)

    def item_updateddate(self, decision: Decision) -> dt.datetime:
        # Atom asks every entry for the time it last changed: the meeting's last import.
        return decision.item.meeting.updated_at

    def item_categories(self, decision: Decision) -> list[str]:
        body = decision.item.meeting.body
        return [body.name] if body else []

    def item_description(self, decision: Decision) -> str:
        # The summary is HTML to a feed reader: the text is escaped, only our <p> survive.
        text = linebreaks(decision.text, autoescape=True)
        if decision.heading:
            return format_html("<p><strong>{}</strong></p>{}", decision.heading, text)
        return text
