"""The decision register's filters: the meeting filters of the agenda lists, and words."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import F, QuerySet
from django.utils.translation import gettext_lazy as _

from decisions.models import Decision
from minutes.filters import meeting_filterset
from minutes.search import DecisionSearch, search_decisions


class DecisionFilterForm(forms.Form):
    # Words first, then the filters the agenda lists share.
    field_order = ["q"]


class DecisionFilter(meeting_filterset()):
    q = django_filters.CharFilter(method="filter_text", label=_("Words in the decision"))
    # The search the words ran, once `qs` has been read: its `message` says, in Swedish, why
    # words that cannot be searched ("att", "-remiss", "!!!") found nothing.
    search: DecisionSearch | None = None

    class Meta:
        model = Decision
        fields: list[str] = []
        form = DecisionFilterForm

    def filter_text(self, queryset: QuerySet[Decision], name: str, value: str):
        # The same Swedish full-text matching as the search page (inflections, compounds,
        # å/ä/ö folded, typos in names); the register keeps its own newest-first order.
        self.search = search_decisions(queryset, value)
        return self.search.matches


def decisions_newest_first(queryset: QuerySet[Decision]) -> QuerySet[Decision]:
    """Newest meeting first; within a meeting, in the order of the minutes."""
    return queryset.order_by(
        F("meeting_date").desc(nulls_last=True),
        F("meeting_start").desc(nulls_last=True),
        F("meeting_id").desc(),
        "item__order",
        "order",
    )
