"""The search page's "Follow the search" form (templates/search/includes/follow.html)."""

from __future__ import annotations

from django import template
from django.http import HttpRequest

from search.alerts import default_name, followed_query

register = template.Library()


@register.simple_tag
def followed_search(request: HttpRequest) -> dict[str, str]:
    """The query string a saved search would keep for this page, and its default name."""
    return {"query": followed_query(request.GET), "name": default_name(request.GET)}
