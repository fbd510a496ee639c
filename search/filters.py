"""The filters of the search page and the decision register: the meeting filters both
share (minutes.filters), words, and what happened at the paragraph (a vote, a reservation)."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from decisions.models import Ballot, Decision, Statement, Vote
from minutes.filters import ATTENDED, meeting_filterset
from minutes.models import AgendaItem, Attendance
from municipalities.models import Person
from search.results import DecisionSearch, search_decisions


def paragraph_filterset(item: str) -> type[django_filters.FilterSet]:
    """The meeting filters plus "has a vote" and "has a reservation", as checkboxes, on the
    paragraph `item` names from the filtered row ("pk" for items, "item" for decisions)."""

    class ParagraphFilterSet(meeting_filterset()):
        has_vote = django_filters.BooleanFilter(
            method="filter_has_vote", label=_("Only paragraphs with a vote"),
            widget=forms.CheckboxInput,
        )
        has_reservation = django_filters.BooleanFilter(
            method="filter_has_reservation", label=_("Only paragraphs with a reservation"),
            widget=forms.CheckboxInput,
        )

        def filter_has_vote(self, queryset: QuerySet, name: str, value: bool | None):
            if not value:
                return queryset
            return queryset.filter(Exists(Vote.objects.filter(item=OuterRef(item))))

        def filter_has_reservation(self, queryset: QuerySet, name: str, value: bool | None):
            if not value:
                return queryset
            return queryset.filter(Exists(Statement.objects.filter(
                item=OuterRef(item), kind=Statement.Kind.RESERVATION
            )))

    return ParagraphFilterSet


class DecisionFilterForm(forms.Form):
    # Words first, then the filters the agenda lists share.
    field_order = ["q"]


class DecisionFilter(paragraph_filterset("item")):
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


def person_appears(person: Person) -> Q:
    """The agenda items where `person` appears: "a person's items" on the search page.

    Those of every meeting the minutes list them as attending (as member, chair, substitute
    or other attendee; not as absent), and, should the attendance list lack them, those whose
    decisions assign them, where they cast a ballot or made a reservation, recusal or note.
    """
    return (
        Exists(Attendance.objects.filter(meeting=OuterRef("meeting"), person=person,
                                         status__in=ATTENDED))
        | Exists(Decision.objects.filter(item=OuterRef("pk"), assigned=person))
        | Exists(Ballot.objects.filter(vote__item=OuterRef("pk"), person=person))
        | Exists(Statement.objects.filter(item=OuterRef("pk"), person=person))
    )


class ItemFilter(paragraph_filterset("pk")):
    # Not only "who attended": see person_appears.
    person = django_filters.ModelChoiceFilter(
        method="filter_person",
        queryset=Person.objects.order_by("full_name", "pk"),
        label=_("Person"),
        empty_label=_("Anyone"),
    )
    decisions_only = django_filters.BooleanFilter(
        method="filter_decisions_only",
        label=_("Only items with decisions"),
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = AgendaItem
        fields: list[str] = []

    def filter_decisions_only(self, queryset: QuerySet, name: str, value: bool | None):
        if not value:
            return queryset
        return queryset.filter(Exists(Decision.objects.filter(item=OuterRef("pk"))))

    def filter_person(self, queryset: QuerySet, name: str, value: Person):
        return queryset.filter(person_appears(value))
