"""How the rows of a filtered list spread over years, bodies, municipalities and people.

Each count is one GROUP BY query over the current result, whatever its size, so a page
with facets costs four queries more than one without. Each value carries the query string
that narrows the list to it, keeping the other filters:

    filterset = ItemFilter(request.GET, queryset=...)
    facets = facet_list(filterset.qs, filterset)

The rows may be agenda items or decisions: `meeting` (or the filterset's `meeting_path`)
says how a row reaches its meeting.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Case, Count, F, Model, QuerySet, Value, When
from django.db.models.functions import ExtractYear
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from minutes.filters import ATTENDED
from municipalities.models import Organization

TOP_PEOPLE = 15
# Parameters that belong to one page of a list, not to what the list holds.
PAGE_PARAMETERS = ("page",)


@dataclass(frozen=True)
class FacetCount:
    """One value of a facet and how many rows have it."""

    value: int
    label: str
    count: int


@dataclass(frozen=True)
class FacetCounts:
    years: list[FacetCount]
    bodies: list[FacetCount]
    municipalities: list[FacetCount]
    people: list[FacetCount]


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    url: str  # the current query string with this value set and the page dropped
    active: bool


@dataclass(frozen=True)
class Facet:
    name: str  # the filter's parameter in the query string
    heading: str
    values: list[FacetValue]
    # The value the list is filtered by, if any, and the query string without it.
    active_label: str | None = None
    remove_url: str | None = None


def query_with(params: QueryDict, name: str, value: object | None) -> str:
    """`params` as a query string ("?year=2019&body=2") with `name` set to `value`.

    `value` None removes the parameter. Empty parameters and the page number are left out:
    a new filter gives a new list, which starts on its first page.
    """
    query = QueryDict(mutable=True)
    for key, values in params.lists():
        kept = [v for v in values if v != ""]
        if key not in PAGE_PARAMETERS and key != name and kept:
            query.setlist(key, kept)
    if value is not None:
        query[name] = str(value)
    return f"?{query.urlencode()}"


def valid_params(filterset) -> QueryDict:
    """The filterset's query string without the values its form rejected.

    Links built from it (facets, the year chart) then do not carry a bad date along.
    """
    params = QueryDict(mutable=True)
    data = filterset.data or {}
    for key in data:
        params.setlist(key, data.getlist(key) if hasattr(data, "getlist") else [data[key]])
    filterset.is_valid()
    for name in filterset.form.errors if filterset.form.is_bound else {}:
        params.pop(name, None)
    return params


def _within(queryset: QuerySet) -> QuerySet:
    """The rows of `queryset` as a plain queryset, whatever it is annotated or ordered by."""
    model: type[Model] = queryset.model
    return model._default_manager.filter(pk__in=queryset.order_by().values("pk"))


def _counts(rows: QuerySet) -> list[FacetCount]:
    return [FacetCount(row["value"], str(row["label"]), row["count"]) for row in rows]


def facet_counts(queryset: QuerySet, *, meeting: str, person: object = None) -> FacetCounts:
    """Rows of `queryset` per year, body, municipality of attendees and person who attended.

    Municipalities and people are counted through attendance: a row counts once for each
    municipality and each person at its meeting (not once per attendee). Only the top
    people are given; `person` (a pk: the one the list is filtered by) is always among
    them. Four queries.
    """
    rows = _within(queryset)
    years = (
        rows.filter(**{f"{meeting}__start_date__isnull": False})
        .values(value=ExtractYear(f"{meeting}__start_date"))
        .annotate(label=F("value"), count=Count("pk"))
        .order_by("value")
    )
    bodies = (
        rows.filter(**{f"{meeting}__body__isnull": False})
        .values(value=F(f"{meeting}__body"), label=F(f"{meeting}__body__name"))
        .annotate(count=Count("pk"))
        .order_by("-count", "label")
    )
    # Each in one filter() call: the conditions and the grouping then use one attendance
    # join (a second call would join attendances again and mix two attendees' rows).
    attendance = f"{meeting}__attendances"
    municipalities = (
        rows.filter(
            **{
                f"{attendance}__status__in": ATTENDED,
                f"{attendance}__organization__kind": Organization.Kind.MUNICIPALITY,
            }
        )
        .values(
            value=F(f"{attendance}__organization"),
            label=F(f"{attendance}__organization__name"),
        )
        .annotate(count=Count("pk", distinct=True))
        .order_by("-count", "label")
    )
    ordering: list = ["-count", "label", "value"]
    if person is not None:
        # Everyone in the list attended with `person`: many share the top count.
        ordering.insert(1, Case(When(value=person, then=Value(0)), default=Value(1)))
    people = (
        rows.filter(**{f"{attendance}__status__in": ATTENDED})
        .values(value=F(f"{attendance}__person"), label=F(f"{attendance}__person__full_name"))
        .annotate(count=Count("pk", distinct=True))
        .order_by(*ordering)[:TOP_PEOPLE]
    )
    return FacetCounts(
        years=_counts(years),
        bodies=_counts(bodies),
        municipalities=_counts(municipalities),
        people=_counts(people),
    )


def _active(cleaned: Mapping[str, object], name: str) -> tuple[str, str] | None:
    """The value a filter is set to, as the URL carries it and as a reader reads it."""
    value = cleaned.get(name)
    if value in (None, ""):
        return None
    if isinstance(value, Model):
        return str(value.pk), str(value)
    return str(value), str(value)


def facet_list(queryset: QuerySet, filterset) -> list[Facet]:
    """The facets of `queryset` (a filterset's result, perhaps narrowed further) to show.

    `filterset` is the bound FilterSet from `minutes.filters`: its data gives the links, its
    valid values the active ones (a value the form rejected is not active).
    """
    params = valid_params(filterset)
    # An invalid form keeps the values it could clean; the rest are ignored, as in `qs`.
    cleaned = getattr(filterset.form, "cleaned_data", {})
    active_person = _active(cleaned, "person")
    counts = facet_counts(
        queryset,
        meeting=filterset.meeting_path,
        person=active_person[0] if active_person else None,
    )
    sections = [
        ("year", _("Year"), counts.years),
        ("body", _("Body"), counts.bodies),
        ("municipality", _("Municipality"), counts.municipalities),
        ("person", _("People who attended"), counts.people),
    ]
    facets = []
    for name, heading, values in sections:
        active = _active(cleaned, name)
        facets.append(
            Facet(
                name=name,
                heading=str(heading),
                values=[
                    FacetValue(
                        value=str(c.value),
                        label=c.label,
                        count=c.count,
                        url=query_with(params, name, c.value),
                        active=active is not None and active[0] == str(c.value),
                    )
                    for c in values
                ],
                active_label=active[1] if active else None,
                remove_url=query_with(params, name, None) if active else None,
            )
        )
    return facets
