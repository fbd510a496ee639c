"""What the search form shows of itself: how many filters a query has set."""

from __future__ import annotations

from django import forms, template

register = template.Library()


@register.filter
def active_filter_count(form: forms.Form) -> int:
    """How many of a filter form's fields the query sets, for "Filter (2 valda)"."""
    return sum(1 for field in form if field.data not in (None, "", [], False))
