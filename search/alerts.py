"""E-mail alerts of saved searches ("Bevaka"): new agenda items matching a followed search.

The periodic task (search/tasks.py, SEARCH_ALERTS_CRON) runs `alerts_send`. For each saved
search it looks at the meetings archived (Meeting.created_at) since its `alerted_until`,
runs the search page's own search on them (search.views.item_search) and sends one e-mail
with the new hits, then moves `alerted_until` on. So an item archived before the search was
saved is never sent, nor one sent already; a meeting read again keeps its archiving time
and is not sent again. Meetings archived in the last SEARCH_ALERTS_SETTLE_SECONDS wait for
the next run: an import still being written may not be visible yet.

Every e-mail carries a link that removes its saved search without signing in (a signed
token for that one search, salted for this purpose only) and the RFC 8058 headers that let
a mail program do the same in one click.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from smtplib import SMTPException
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage, get_connection
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from minutes.models import AgendaItem, Meeting
from search.explain import EXACT
from search.feed_tokens import may_read
from search.filters import ItemFilter
from search.models import SavedSearch
from search.results import NEWEST
from search.services import saved_search_alerted
from search.views import item_search, item_url

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "search.alerts.unsubscribe"
UNSUBSCRIBE_PARAMETER = "t"
# Hits listed in one e-mail; the rest are a link away.
HITS_PER_MAIL = 20
NAME_MAX_LENGTH = 200


def followed_names() -> set[str]:
    """The parameters of the search page that make a search: the words, the filters, the
    order and words-as-typed (not the page, the format or a feed token)."""
    return {*ItemFilter.base_filters, "q", "sort", EXACT}


def followed_params(params: QueryDict) -> QueryDict:
    kept = QueryDict(mutable=True)
    names = followed_names()
    for key, values in params.lists():
        values = [value for value in values if value.strip()]
        if key in names and values:
            kept.setlist(key, values)
    return kept


def followed_query(params: QueryDict) -> str:
    """The query string a saved search keeps for the search `params` asks for."""
    return followed_params(params).urlencode()


def default_name(params: QueryDict) -> str:
    words = " ".join(params.get("q", "").split())
    return words[:NAME_MAX_LENGTH] or _("Saved search")


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def search_url(saved: SavedSearch) -> str:
    return f"{reverse('search:search')}?{saved.query}"


def unsubscribe_token(saved: SavedSearch) -> str:
    return signing.dumps([saved.pk, saved.user_id], salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(saved: SavedSearch) -> str:
    query = urlencode({UNSUBSCRIBE_PARAMETER: unsubscribe_token(saved)})
    return absolute_url(f"{reverse('search:follow-unsubscribe')}?{query}")


def unsubscribe_target(token: str) -> tuple[int, int] | None:
    """The (saved search, user) ids an unsubscribe token names, None for any other text."""
    if not token or len(token) > 200:
        return None
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if (isinstance(value, list) and len(value) == 2
            and all(type(part) is int for part in value)):
        return value[0], value[1]
    return None


def unsubscribe_search(token: str) -> tuple[bool, SavedSearch | None]:
    """Whether the token is one of ours, and the saved search it removes if still there."""
    target = unsubscribe_target(token)
    if target is None:
        return False, None
    pk, user_id = target
    return True, SavedSearch.objects.filter(pk=pk, user_id=user_id).first()


def new_hits(saved: SavedSearch, *, until: dt.datetime) -> list[AgendaItem]:
    """The items matching `saved` whose meeting was archived after its last alert and up
    to `until`, newest first; one more than an e-mail lists, to tell there are more."""
    found = item_search(QueryDict(saved.query), sort=NEWEST)[1]
    if not found.listed:  # words searched, or a person's items
        return []
    hits = found.queryset.filter(
        meeting__created_at__gt=saved.alerted_until, meeting__created_at__lte=until
    ).select_related("meeting__body")
    return list(hits[: HITS_PER_MAIL + 1])


@dataclass(frozen=True)
class Hit:
    title: str
    where: str
    url: str


def hit_of(item: AgendaItem, q: str) -> Hit:
    meeting = item.meeting
    where = ", ".join(str(part) for part in (
        meeting.start_date.isoformat() if meeting.start_date else "",
        meeting.body.name if meeting.body else meeting.title,
    ) if part)
    title = f"{item.number}. {item.title}" if item.title else f"{item.number}."
    # The meeting page marks the searched words, as from the search page.
    return Hit(title=title, where=where, url=absolute_url(item_url(item, q)))


def alert_message(saved: SavedSearch, items: list[AgendaItem], *, connection=None) -> EmailMessage:
    more = len(items) > HITS_PER_MAIL
    words = QueryDict(saved.query).get("q", "")
    context = {
        "saved": saved,
        "hits": [hit_of(item, words) for item in items[:HITS_PER_MAIL]],
        "more": more,
        "search_url": absolute_url(search_url(saved)),
        "list_url": absolute_url(reverse("search:follow-list")),
        "unsubscribe_url": unsubscribe_url(saved),
    }
    subject = render_to_string("email/search_alert_subject.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=render_to_string("email/search_alert.txt", context),
        to=[saved.user.email],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )


def may_receive(user) -> bool:
    return bool(user.email) and may_read(user)


def alerts_send(*, now: dt.datetime | None = None) -> int:
    """Send the alerts due: one e-mail per saved search with new hits. Returns how many.

    A search whose e-mail could not be sent keeps its place and is tried again next run.
    """
    until = (now or timezone.now()) - dt.timedelta(seconds=settings.SEARCH_ALERTS_SETTLE_SECONDS)
    due = list(SavedSearch.objects.filter(alerted_until__lt=until).select_related("user"))
    if not due:
        return 0
    earliest = min(saved.alerted_until for saved in due)
    archived = list(Meeting.objects.filter(created_at__gt=earliest, created_at__lte=until)
                    .values_list("created_at", flat=True))
    sent = 0
    with translation.override(settings.LANGUAGE_CODE), get_connection() as connection:
        for saved in due:
            news = any(moment > saved.alerted_until for moment in archived)
            if news and may_receive(saved.user):
                items = new_hits(saved, until=until)
                if items:
                    try:
                        alert_message(saved, items, connection=connection).send()
                    except (SMTPException, OSError):
                        logger.exception("The alert of saved search %s was not sent", saved.pk)
                        continue
                    sent += 1
            saved_search_alerted(saved=saved, until=until)
    return sent
