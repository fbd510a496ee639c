"""How the rows of a filtered list spread over years, bodies, municipalities and people.

The total and every count come from one query over the current result, whatever its size.
Each value carries the query string that narrows the list to it, keeping the other filters:

    filterset = ItemFilter(request.GET, queryset=...)
    facets = facet_list(filterset.qs, filterset)

The rows may be agenda items or decisions: both carry their meeting and copies of its date
and body (`minutes.models.meeting_copy_fields`), so the year and body counts need no join.

Counting is bounded: a list of more than FACET_COUNT_LIMIT rows is not counted to the end
("more than 10,000") and gets no facets, and the municipality and person facets, which join
every attendance of every row's meeting, stop at FACET_ATTENDANCE_LIMIT rows. Both are
settings; the page says what was left out and why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Model, QuerySet
from django.http import QueryDict
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from config.querystring import query_with
from minutes.filters import ATTENDED
from municipalities.models import Organization

TOP_PEOPLE = 15

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
    total: int = 0  # rows in all, or FACET_COUNT_LIMIT + 1 when there are more
    # False when the list has more rows than FACET_COUNT_LIMIT: nothing was counted but the
    # total, which is then only "more than the limit".
    counted: bool = True
    # False when the list has more rows than FACET_ATTENDANCE_LIMIT: municipalities and
    # people were not counted (their counts join every attendance of every hit's meeting).
    attendance_counted: bool = True


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
    # Why the values are not given (too many rows to count them), or None.
    note: str | None = None
    # Every value holds every row: choosing one would narrow nothing, so the values are
    # told, not offered as links (a single year, or municipalities all at every meeting).
    uniform: bool = False


class CountedPaginator(Paginator):
    """A paginator told its count, so the ranked queryset is never counted as well."""

    def __init__(self, object_list, per_page: int, count: int) -> None:
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


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


def _counts(rows: list[tuple], facet: str) -> list[FacetCount]:
    return [FacetCount(value, str(label), count) for name, value, label, count in rows
            if name == facet]


def count_limit() -> int:
    return settings.FACET_COUNT_LIMIT


def attendance_limit() -> int:
    return settings.FACET_ATTENDANCE_LIMIT


# One statement for the total and every facet: the hits are found once (a materialised CTE,
# so PostgreSQL does not run the search again for each facet) and no further than one past
# the count limit. Year and body are columns of the hits; the attendance facets count hits per
# meeting, then join those meetings' attendances: a hit counts once per municipality
# (DISTINCT meeting and organisation) and once per person at its meeting. A body whose name
# another organisation's body shares is labelled with its organisation too.
_FACETS_SQL = """
WITH hits AS MATERIALIZED ({hits}),
total AS (SELECT count(*) AS n FROM hits),
counted AS (SELECT * FROM hits WHERE (SELECT n FROM total) <= %s),
per_meeting AS (
    SELECT meeting_id, count(*) AS n FROM counted
    WHERE meeting_id IS NOT NULL AND (SELECT n FROM total) <= %s
    GROUP BY meeting_id
)
SELECT 'total', NULL::bigint, NULL::text, (SELECT n FROM total)
UNION ALL
SELECT 'year', extract(year FROM meeting_date)::bigint, NULL, count(*)
FROM counted WHERE meeting_date IS NOT NULL
GROUP BY 2
UNION ALL
SELECT 'body', b.id, b.name || CASE WHEN EXISTS (
    SELECT 1 FROM minutes_body same WHERE same.name = b.name AND same.id <> b.id
) THEN ' (' || bo.name || ')' ELSE '' END, count(*)
FROM counted JOIN minutes_body b ON b.id = counted.body_id
JOIN municipalities_organization bo ON bo.id = b.organization_id
GROUP BY b.id, b.name, bo.name
UNION ALL
SELECT 'municipality', o.id, o.name, sum(pm.n)::bigint
FROM per_meeting pm
JOIN (
    SELECT DISTINCT a.meeting_id, a.organization_id
    FROM minutes_attendance a
    WHERE a.meeting_id IN (SELECT meeting_id FROM per_meeting) AND a.status = ANY(%s)
) attended ON attended.meeting_id = pm.meeting_id
JOIN municipalities_organization o ON o.id = attended.organization_id
    AND o.kind = %s
GROUP BY o.id, o.name
UNION ALL
(
    SELECT 'person', p.id, p.full_name, sum(pm.n)::bigint
    FROM per_meeting pm
    JOIN minutes_attendance a ON a.meeting_id = pm.meeting_id AND a.status = ANY(%s)
    JOIN municipalities_person p ON p.id = a.person_id
    GROUP BY p.id, p.full_name
    ORDER BY p.id = %s DESC, 4 DESC, 3, 2
    LIMIT %s
)
"""


def facet_counts(queryset: QuerySet, *, person: object = None) -> FacetCounts:
    """Rows of `queryset` in all, and per year, body, municipality of attendees and person
    who attended, in one query.

    Municipalities and people are counted through attendance: a row counts once for each
    municipality and each person at its meeting (not once per attendee). Only the top
    people are given; `person` (a pk: the one the list is filtered by) is always among
    them. Beyond the limits (module docstring) the counts are left out.
    """
    limit = count_limit()
    hits = queryset.order_by().values_list("pk", "meeting", "meeting_date", "body")[:limit + 1]
    try:
        hits_sql, hits_params = hits.query.sql_with_params()
    except EmptyResultSet:
        # A queryset that can match nothing (`none()`: words that cannot be searched) has no
        # SQL at all; it has no rows to count either.
        return FacetCounts(years=[], bodies=[], municipalities=[], people=[])
    hits_sql = f"SELECT hit.* FROM ({hits_sql}) AS hit(id, meeting_id, meeting_date, body_id)"
    try:
        active = int(person) if person is not None else -1
    except (TypeError, ValueError):
        active = -1
    with connections[queryset.db].cursor() as cursor:
        attended = list(ATTENDED)
        cursor.execute(_FACETS_SQL.format(hits=hits_sql), [
            *hits_params, limit, attendance_limit(), attended, Organization.Kind.MUNICIPALITY,
            attended, active, TOP_PEOPLE,
        ])
        rows = cursor.fetchall()
    total = next((row[3] for row in rows if row[0] == "total"), 0)
    years = sorted(
        (FacetCount(value, str(value), count) for name, value, _label, count in rows
         if name == "year"),
        key=lambda c: c.value,
    )
    by_count = {"key": lambda c: (-c.count, c.label, c.value)}
    return FacetCounts(
        years=years,
        bodies=sorted(_counts(rows, "body"), **by_count),
        municipalities=sorted(_counts(rows, "municipality"), **by_count),
        people=sorted(
            _counts(rows, "person"),
            key=lambda c: (c.value != active, -c.count, c.label, c.value),
        ),
        total=total,
        counted=total <= limit,
        attendance_counted=total <= attendance_limit(),
    )


def _active(cleaned: Mapping[str, object], name: str) -> tuple[str, str] | None:
    """The value a filter is set to, as the URL carries it and as a reader reads it."""
    value = cleaned.get(name)
    if value in (None, ""):
        return None
    if isinstance(value, Model):
        return str(value.pk), str(value)
    return str(value), str(value)


class FacetList(list):
    """The facets to show; `total`: how many rows the list has in all, and `capped`: True
    when it has more than `count_limit()`, which `total` then is."""

    total: int = 0
    capped: bool = False


def facet_list(queryset: QuerySet, filterset) -> FacetList:
    """The facets of `queryset` (a filterset's result, perhaps narrowed further) to show.

    `filterset` is the bound FilterSet from `minutes.filters`: its data gives the links, its
    valid values the active ones (a value the form rejected is not active).
    """
    params = valid_params(filterset)
    # An invalid form keeps the values it could clean; the rest are ignored, as in `qs`.
    cleaned = getattr(filterset.form, "cleaned_data", {})
    active_person = _active(cleaned, "person")
    counts = facet_counts(queryset, person=active_person[0] if active_person else None)
    sections = [
        ("year", _("Year"), counts.years),
        ("body", _("Body"), counts.bodies),
        ("municipality", _("Municipality"), counts.municipalities),
        ("person", _("People who attended"), counts.people),
    ]
    facets = FacetList()
    facets.capped = not counts.counted
    facets.total = min(counts.total, count_limit())
    for name, heading, values in sections:
        active = _active(cleaned, name)
        uniform = bool(values) and all(c.count == counts.total for c in values)
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
                note=_facet_note(name, counts),
                uniform=uniform,
            )
        )
    return facets


def _facet_note(name: str, counts: FacetCounts) -> str | None:
    """Why a facet has no values although the list has rows, or None."""
    if not counts.counted:
        limit = count_limit()
    elif name in ("municipality", "person") and not counts.attendance_counted:
        limit = attendance_limit()
    else:
        return None
    return _("Counted when the list has at most %(limit)s rows.") % {
        "limit": number_format(limit, force_grouping=True)
    }


# Filters whose select lists only the values the current result has (with their counts).
_SELECT_FACETS = ("body", "municipality", "person")


def choices_from_facets(form, facets: list[Facet]) -> None:
    """Let the form's body, municipality and person selects offer the facets' values.

    A select of every body, municipality and person in the archive costs a query each and,
    for people, grows with the archive until no one can use it; the facets already hold the
    values that narrow the current list, with their counts. The active value is always
    offered. Validation is unchanged: the filter still accepts any existing value.
    """
    by_name = {facet.name: facet for facet in facets}
    for name in _SELECT_FACETS:
        field = form.fields.get(name)
        if field is None:
            continue
        facet = by_name.get(name)
        options = [("", field.empty_label or "")]
        active = getattr(form, "cleaned_data", {}).get(name)
        if facet is None:
            if name != "person":
                continue  # bodies and municipalities are few: all are offered
            if active is not None:
                options.append((str(active.pk), str(active)))
        else:
            options += [
                (value.value, f"{value.label} ({value.count})") for value in facet.values
            ]
            if active is not None and not any(value.active for value in facet.values):
                options.append((str(active.pk), str(active)))
        field.widget.choices = options
