"""Pages for reading meetings: the home page, the meeting list, a meeting, its original."""

from __future__ import annotations

import mimetypes
import re
from pathlib import PurePosixPath

from django.db.models import Count, Prefetch, QuerySet
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView

from minutes.marking import mark_meeting, words_to_mark
from minutes.models import AgendaItem, Attendance, Meeting, SourceDocument

LATEST_ON_HOME = 5
MEETINGS_PER_PAGE = 25


def meetings_for_listing(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Meetings as list pages show them: newest first, body joined, decisions counted."""
    return (
        meetings.newest_first()
        .select_related("body")
        .annotate(decision_count=Count("items__decisions", distinct=True))
    )


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["latest_meetings"] = meetings_for_listing(Meeting.objects.all())[:LATEST_ON_HOME]
        return context


class MeetingListView(ListView):
    template_name = "minutes/meeting_list.html"
    context_object_name = "meetings"
    paginate_by = MEETINGS_PER_PAGE

    def get_queryset(self) -> QuerySet[Meeting]:
        return meetings_for_listing(Meeting.objects.all())


class MeetingDetailView(DetailView):
    template_name = "minutes/meeting_detail.html"
    context_object_name = "meeting"

    def get_queryset(self) -> QuerySet[Meeting]:
        return Meeting.objects.select_related(
            "body", "organization", "secretary", "source"
        ).defer(
            # The page shows the original's name and warnings, never its text.
            "source__extracted_text", "source__parsed"
        ).prefetch_related(
            "adjusters",
            Prefetch(
                "attendances",
                queryset=Attendance.objects.select_related("person", "organization").order_by(
                    "order", "pk"
                ),
            ),
            Prefetch("items", queryset=AgendaItem.objects.order_by("order")),
            # The decisions app's own ordering (by item, then as the minutes list them):
            # minutes names the relation, never the model, so it imports nothing above it.
            "items__decisions",
            "items__decisions__assigned",
            # Votes (who voted how) and reservations, recusals and notes, stored by decisions.
            "items__votes__ballots__person",
            "items__statements__person",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["attendance_groups"] = attendance_groups(self.object.attendances.all())
        # From a search result: the searched words marked, in one query.
        words = words_to_mark(self.request.GET.get("q", ""))
        context["marked_words"] = words if mark_meeting(self.object, words) else []
        return context


def attendance_groups(attendances) -> list[dict[str, object]]:
    """Attendances grouped as the minutes list them: present, others, absent; empty left out."""
    headings = [
        (Attendance.Status.PRESENT, _("Present")),
        (Attendance.Status.OTHER, _("Other participants")),
        (Attendance.Status.ABSENT, _("Absent")),
    ]
    groups = []
    for status, heading in headings:
        members = [a for a in attendances if a.status == status]
        if members:
            groups.append({"status": status, "heading": heading, "attendances": members})
    return groups


def download_name(original_name: str) -> str:
    """The original's name without folders or control characters, safe for a header."""
    name = PurePosixPath(original_name.replace("\\", "/")).name
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip()
    return name or "original"


def meeting_original(request: HttpRequest, pk: int) -> FileResponse:
    """The stored original of a meeting's minutes, as the file it was archived from."""
    meeting = get_object_or_404(Meeting.objects.select_related("source"), pk=pk)
    if not meeting.source.file:
        raise Http404(_("The original document is missing."))
    return original_response(meeting.source)


def meeting_original_ocr(request: HttpRequest, pk: int) -> FileResponse:
    """The PDF that OCR made of a scanned original: the scan with a text layer."""
    meeting = get_object_or_404(Meeting.objects.select_related("source"), pk=pk)
    if not meeting.source.ocr_file:
        raise Http404(_("The minutes were not read by OCR."))
    return original_response(meeting.source, ocr=True)


def ocr_download_name(original_name: str) -> str:
    """"protokoll.pdf" gives "protokoll-ocr.pdf"."""
    stem = PurePosixPath(download_name(original_name)).stem or "original"
    return f"{stem}-ocr.pdf"


def original_response(source: SourceDocument, *, ocr: bool = False) -> FileResponse:
    """A stored original (or, with `ocr`, the PDF OCR made of it) as a download, never shown
    inline: it is user-supplied content."""
    stored = source.ocr_file if ocr else source.file
    name = ocr_download_name(source.original_name) if ocr else download_name(
        source.original_name)
    content_type = "application/pdf" if ocr else (
        source.content_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
    )
    try:
        handle = stored.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("The original document is missing.")) from error
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
