"""Pages for secretaries: reading an imported meeting's original again, what the new reading
changes, and storing it with the hand corrections kept (minutes/rereads.py)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from config.access import secretary_required
from minutes.models import Meeting
from minutes.rereads import (
    reread_apply,
    reread_cancel,
    reread_comparison,
    reread_request,
    reread_state,
)
from minutes.services import IngestError


def _meeting(pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("source", "body"), pk=pk)


@secretary_required
def meeting_reread(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    comparison = reread_comparison(meeting)
    sections: list[dict] = []
    for change in comparison.changes if comparison else []:
        if not sections or sections[-1]["heading"] != change.section:
            sections.append({"heading": change.section, "changes": []})
        sections[-1]["changes"].append(change)
    return render(request, "minutes/meeting_reread.html", {
        "meeting": meeting,
        "state": reread_state(meeting.source),
        "reparsed": meeting.source.reparsed or {},
        "comparison": comparison,
        "sections": sections,
    })


@require_POST
@secretary_required
def meeting_reread_start(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    try:
        reread_request(source=meeting.source, user=request.user)
    except IngestError as error:
        messages.error(request, str(error))
        return redirect("minutes:meeting-detail", pk=meeting.pk)
    messages.success(request, _("The original is queued to be read again. Nothing in the "
                                "meeting changes until you have seen what the new reading "
                                "changes and applied it."))
    return redirect("minutes:meeting-reread", pk=meeting.pk)


@require_POST
@secretary_required
def meeting_reread_apply(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    try:
        comparison = reread_apply(
            meeting=meeting,
            token=request.POST.get("token", ""),
            take=request.POST.getlist("take"),
            user=request.user,
        )
    except IngestError as error:
        messages.error(request, str(error))
        return redirect("minutes:meeting-reread", pk=meeting.pk)
    messages.success(request, ngettext(
        "The new reading was applied: %(count)d change.",
        "The new reading was applied: %(count)d changes.",
        len(comparison.changes),
    ) % {"count": len(comparison.changes)})
    return redirect("minutes:meeting-detail", pk=meeting.pk)


@require_POST
@secretary_required
def meeting_reread_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    reread_cancel(source=meeting.source, user=request.user)
    messages.success(request, _("The new reading was dropped; the meeting is unchanged."))
    return redirect("minutes:meeting-detail", pk=meeting.pk)
