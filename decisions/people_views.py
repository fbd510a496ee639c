"""Pages for the people who attend meetings and the organisations they represent.

They live here, not in municipalities, because they show meetings and decisions: the
dependencies run municipalities <- minutes <- decisions, and only decisions may read all three.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import F, Q, QuerySet
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
        context["attendances"] = self.object.attendances.select_related(
            "meeting__body", "organization"
        ).order_by(*newest_first)
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
            people=organization.people.all(),
            page_obj=page_obj,
            meetings=page_obj.object_list,
        )
        return context
