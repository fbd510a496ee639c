"""Who is who: lists of people, organisations and bodies, and a body's own page.

Names are found as an official types them (municipalities.directory: accents folded, small
typos forgiven). The lists count with annotations, so a page costs the same few queries
however many rows it shows.
"""

from __future__ import annotations

from django import forms
from django.contrib.postgres.aggregates import ArrayAgg
from django.core.paginator import Paginator
from django.db.models import Count, Max, Min, Q, QuerySet
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from minutes.models import Attendance
from minutes.views import MEETINGS_PER_PAGE, meetings_for_listing
from municipalities.directory import MAX_CHARS, bodies_named, organizations_named, people_named
from municipalities.models import Body, Organization, Person

PEOPLE_PER_PAGE = 50
ORGANIZATIONS_PER_PAGE = 50
BODIES_PER_PAGE = 100

ABSENT = Attendance.Status.ABSENT
ATTENDED = ~Q(status=ABSENT)


class NameFilterForm(forms.Form):
    namn = forms.CharField(label=_("Name"), required=False, max_length=MAX_CHARS, strip=True)


def _filtered(request, queryset: QuerySet, named) -> tuple[NameFilterForm, QuerySet, str]:
    """The form, the rows it lets through (none when its input is invalid) and the name."""
    form = NameFilterForm(request.GET)
    if not form.is_valid():
        return form, queryset.none(), ""
    name = form.cleaned_data["namn"]
    if name:
        return form, named(name, queryset), name
    # Explicitly: a query that counts (GROUP BY) leaves out the model's default ordering.
    return form, queryset.order_by(*queryset.model._meta.ordering, "pk"), ""


def _page(request, queryset, per_page: int):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def person_list(request):
    form, people, name = _filtered(request, Person.objects.all(), people_named)
    people = people.select_related("organization").annotate(
        meeting_count=Count("attendances", filter=~Q(attendances__status=ABSENT)),
    )
    page_obj = _page(request, people, PEOPLE_PER_PAGE)
    return render(request, "decisions/person_list.html", {
        "form": form, "name": name, "page_obj": page_obj, "people": page_obj.object_list,
    })


def organization_list(request):
    form, organizations, name = _filtered(request, Organization.objects.all(), organizations_named)
    organizations = organizations.annotate(
        body_count=Count("bodies", distinct=True),
        person_count=Count("people", distinct=True),
    )
    page_obj = _page(request, organizations, ORGANIZATIONS_PER_PAGE)
    return render(request, "decisions/organization_list.html", {
        "form": form, "name": name, "page_obj": page_obj,
        "organizations": page_obj.object_list,
    })


def body_list(request):
    form, bodies, name = _filtered(request, Body.objects.all(), bodies_named)
    bodies = bodies.select_related("organization").annotate(
        meeting_count=Count("meetings", distinct=True),
        last_meeting=Max("meetings__start_date"),
    )
    # Grouped by organisation on the page; within one, the best match (or the name) first.
    within = bodies.query.order_by or ("name", "pk")
    bodies = bodies.order_by("organization__name", "organization", *within)
    page_obj = _page(request, bodies, BODIES_PER_PAGE)
    return render(request, "decisions/body_list.html", {
        "form": form, "name": name, "page_obj": page_obj, "bodies": page_obj.object_list,
    })


def body_detail(request, pk: int):
    body = get_object_or_404(Body.objects.select_related("organization"), pk=pk)
    page_obj = _page(request, meetings_for_listing(body.meetings.all()), MEETINGS_PER_PAGE)
    return render(request, "decisions/body_detail.html", {
        "body": body, "page_obj": page_obj, "meetings": page_obj.object_list,
        "members": body_members(body),
    })


def body_members(body: Body) -> list[dict]:
    """Who attended the body's meetings: [{"person", "roles", "first", "last", "count"}], the
    most recent first. "roles" are the attendance list's words (chair, other attendee ...)."""
    rows = (
        Attendance.objects.filter(ATTENDED, meeting__body=body)
        .values("person")
        .annotate(
            first=Min("meeting__start_date"),
            last=Max("meeting__start_date"),
            count=Count("meeting", distinct=True),
            roles=ArrayAgg("role", distinct=True, filter=~Q(role="")),
            statuses=ArrayAgg("status", distinct=True),
        )
    )
    people = Person.objects.in_bulk([row["person"] for row in rows])
    members = [
        {
            "person": people[row["person"]],
            "roles": _role_labels(row["roles"] or [], row["statuses"] or []),
            "first": row["first"],
            "last": row["last"],
            "count": row["count"],
        }
        for row in rows
    ]
    members.sort(key=lambda member: member["person"].full_name)
    members.sort(key=lambda member: (member["last"] is not None, member["last"]), reverse=True)
    return members


def _role_labels(roles: list[str], statuses: list[str]) -> list[str]:
    """"Chair", "Other attendee", "Present": the roles, then the kinds of attendance, where
    "Present" goes without saying for someone with a role."""
    labels = [role.label for role in Attendance.Role if role in roles]
    shown = [status for status in Attendance.Status if status in statuses]
    if labels:
        shown = [status for status in shown if status != Attendance.Status.PRESENT]
    return labels + [status.label for status in shown]
