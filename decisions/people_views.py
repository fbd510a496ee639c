"""Pages for the people who attend meetings and the organisations they represent.

They live here, not in municipalities, because they show meetings and decisions: the
dependencies run municipalities <- minutes <- decisions, and only decisions may read all three.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, F, Q, QuerySet
from django.views.generic import DetailView

from decisions.models import Ballot, Decision, Statement
from minutes.models import Attendance, Meeting
from minutes.views import MEETINGS_PER_PAGE, meetings_for_listing
from municipalities.models import Organization, Person


class PersonDetailView(DetailView):
    template_name = "decisions/person_detail.html"
    context_object_name = "person"

    def get_queryset(self) -> QuerySet[Person]:
        return Person.objects.select_related("organization")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        newest_first = [
            F("meeting__start_date").desc(nulls_last=True),
            F("meeting__start").desc(nulls_last=True),
            "-meeting__pk",
        ]
        attendances = list(
            self.object.attendances.select_related("meeting__body", "organization").order_by(
                *newest_first
            )
        )
        context["attendances"] = attendances
        context["summary"] = attendance_summary(attendances)
        context["decisions"] = (
            Decision.objects.filter(assigned=self.object)
            .select_related("item__meeting__body")
            .order_by(
                F("item__meeting__start_date").desc(nulls_last=True),
                "-item__meeting__pk",
                "item__order",
                "order",
            )
        )
        context["records"] = person_records(self.object)
        return context


def attendance_summary(attendances: list[Attendance]) -> dict:
    """The top of a person's page: first and last meeting attended, the bodies (most meetings
    first) and the roles they had. `attendances` newest first, absences included."""
    attended = [a for a in attendances if a.status != Attendance.Status.ABSENT]
    dated = [a.meeting for a in attended if a.meeting.start_date is not None]
    bodies: dict[int, dict] = {}
    for attendance in attended:
        body = attendance.meeting.body
        if body is not None:
            bodies.setdefault(body.pk, {"body": body, "count": 0})["count"] += 1
    roles = {a.role for a in attended if a.role in Attendance.Role.values}
    return {
        "count": len(attended),
        "first": dated[-1] if dated else None,
        "last": dated[0] if dated else None,
        "bodies": sorted(bodies.values(), key=lambda entry: (-entry["count"], entry["body"].name)),
        "roles": [role.label for role in Attendance.Role if role in roles],
    }


def person_records(person: Person) -> list[dict]:
    """How the person voted and what they reserved, declared or noted, by meeting, newest
    first: [{"meeting", "entries": [{"kind", "item"}, ...]}], entries in the minutes' order."""
    ballots = Ballot.objects.filter(person=person).select_related("vote__item__meeting__body")
    statements = Statement.objects.filter(person=person).select_related("item__meeting__body")
    entries = [(ballot.vote.item, f"vote_{ballot.choice}") for ballot in ballots]
    entries += [(statement.item, statement.kind) for statement in statements]
    by_meeting: dict[int, dict] = {}
    for item, kind in sorted(entries, key=lambda entry: entry[0].order):
        group = by_meeting.setdefault(item.meeting_id, {"meeting": item.meeting, "entries": []})
        if {"kind": kind, "item": item} not in group["entries"]:
            group["entries"].append({"kind": kind, "item": item})
    return sorted(
        by_meeting.values(),
        key=lambda group: (group["meeting"].start_date is not None,
                           group["meeting"].start_date, group["meeting"].pk),
        reverse=True,
    )


class OrganizationDetailView(DetailView):
    template_name = "decisions/organization_detail.html"
    context_object_name = "organization"
    model = Organization

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organization = self.object
        # Meetings someone attended for the organisation, as written or as their home.
        attended = Attendance.objects.filter(
            Q(organization=organization) | Q(person__organization=organization)
        ).exclude(status=Attendance.Status.ABSENT)
        meetings = meetings_for_listing(Meeting.objects.filter(pk__in=attended.values("meeting")))
        page_obj = Paginator(meetings, MEETINGS_PER_PAGE).get_page(self.request.GET.get("page"))
        context.update(
            bodies=organization.bodies.annotate(meeting_count=Count("meetings")),
            people=organization.people.all(),
            page_obj=page_obj,
            meetings=page_obj.object_list,
        )
        return context
