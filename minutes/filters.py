"""Filters on the meeting an agenda item or a decision belongs to, all in the query string.

One definition serves both lists, agenda items and decisions: both carry their meeting, and
copies of its date and body (`minutes.models.meeting_copy_fields`), so no filter joins
meetings. A value a filter cannot use (a date like
2019-13-45, an unknown body) is reported on the form and that filter is left out; the
others still apply, so a bad link never ends in an error page.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from minutes.models import Attendance, Body
from municipalities.models import Organization, Person

# Absent attendees are listed in the minutes too, but did not attend.
ATTENDED = (Attendance.Status.PRESENT, Attendance.Status.OTHER)


class YearFilter(django_filters.NumberFilter):
    """A whole year that a date can have: 2019, never 2019.5 or 99999."""

    field_class = forms.IntegerField


def _date_widget() -> forms.DateInput:
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


def meeting_filterset() -> type[django_filters.FilterSet]:
    """A FilterSet base whose filters look at each row's meeting.

    Attendance is tested with EXISTS rather than a join, so a meeting with many attendees
    from one municipality still gives each row once.
    """

    def attended(**conditions) -> Exists:
        return Exists(
            Attendance.objects.filter(meeting=OuterRef("meeting"), status__in=ATTENDED,
                                      **conditions)
        )

    class MeetingFilterSet(django_filters.FilterSet):
        date_from = django_filters.DateFilter(
            field_name="meeting_date",
            lookup_expr="gte",
            label=_("From date"),
            help_text=_("For example 2019-09-05"),
            widget=_date_widget(),
        )
        date_to = django_filters.DateFilter(
            field_name="meeting_date",
            lookup_expr="lte",
            label=_("To date"),
            help_text=_("For example 2019-12-31"),
            widget=_date_widget(),
        )
        year = YearFilter(
            field_name="meeting_date",
            lookup_expr="year",
            label=_("Year"),
            min_value=1,
            max_value=9999,
        )
        body = django_filters.ModelChoiceFilter(
            field_name="body",
            lookup_expr="exact",
            queryset=Body.objects.order_by("name"),
            label=_("Body"),
            empty_label=_("All bodies"),
        )
        municipality = django_filters.ModelChoiceFilter(
            method="filter_municipality",
            queryset=Organization.objects.filter(kind=Organization.Kind.MUNICIPALITY).order_by(
                "name"
            ),
            label=_("Municipality of attendees"),
            empty_label=_("All municipalities"),
        )
        person = django_filters.ModelChoiceFilter(
            method="filter_person",
            queryset=Person.objects.order_by("full_name", "pk"),
            label=_("Person who attended"),
            empty_label=_("Anyone"),
        )

        def filter_municipality(self, queryset: QuerySet, name: str, value: Organization):
            return queryset.filter(attended(organization=value))

        def filter_person(self, queryset: QuerySet, name: str, value: Person):
            return queryset.filter(attended(person=value))

    return MeetingFilterSet
