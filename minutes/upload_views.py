"""Pages for secretaries: upload, preview and confirm, the list of every uploaded file."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from config.access import secretary_required
from minutes.editor_views import draft_body_name, editor_context
from minutes.forms import MeetingFactsForm, UploadForm
from minutes.messages import ocr_uncertain_words
from minutes.models import Meeting, SourceDocument
from minutes.services import IngestError, upload_parsed
from minutes.upload_handlers import upload_too_large
from minutes.upload_purge import discarded_file_kept_until
from minutes.uploads import (
    upload_confirm,
    upload_discard,
    upload_receive,
    upload_reparse,
)
from minutes.views import download_name, original_response
from municipalities.models import Body, Organization
from parsing import ParsedMinutes
from parsing.isolation import NEVER as OCR_NEVER
from parsing.isolation import missing as ocr_missing

IMPORTS_PER_PAGE = 50
Status = SourceDocument.Status


def _known_bodies(parsed: ParsedMinutes | None = None) -> list[str]:
    """Body names to suggest: those of the document's organisation once it is known (a
    name is resolved within the meeting's organisation), else every name once."""
    bodies = Body.objects.all()
    if parsed is not None:
        organization = Organization.objects.resolve(parsed.organization or "")
        if organization is None and parsed.organization:
            bodies = bodies.none()  # an organisation new to the archive has no bodies yet
        else:
            bodies = bodies.for_organization(organization)
    names = bodies.order_by("name").values_list("name", flat=True).distinct()
    return list(names[:500])


def _reads_scans() -> bool:
    """Whether an uploaded scan is read by OCR: it is on, and its programs are installed (asked
    afresh each time, so installing them shows at once)."""
    return settings.MINUTES_OCR != OCR_NEVER and ocr_missing() is None


@secretary_required
def upload(request: HttpRequest) -> HttpResponse:
    """Several files in one form: each is stored at once and queued to be read by the task
    queue's worker; the answer is the list of imports, where their reading shows."""
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES, too_large=upload_too_large(request))
        if form.is_valid():
            queued, waiting, archived, refused = [], [], [], []
            for handle in form.cleaned_data["file"]:
                try:
                    received = upload_receive(
                        data=handle.read(),
                        filename=handle.name,
                        body_name=form.cleaned_data["body"],
                        user=request.user,
                    )
                except IngestError as error:
                    refused.append((handle.name, str(error)))
                    continue
                if received.duplicate_of is not None:
                    archived.append((handle.name, received.duplicate_of))
                elif received.waiting:
                    waiting.append(received.source)
                else:
                    queued.append(received.source)
            _upload_messages(request, queued=queued, waiting=waiting, archived=archived,
                             refused=refused)
            if queued or waiting or archived:
                return redirect("minutes:import-list")
            form.add_error("file", _("None of the files could be stored. Nothing was saved."))
        status = 400
    else:
        form = UploadForm()
        status = 200
    return render(
        request,
        "minutes/upload.html",
        {"form": form, "known_bodies": _known_bodies(), "reads_scans": _reads_scans()},
        status=status,
    )


def _upload_messages(request: HttpRequest, *, queued, waiting, archived, refused) -> None:
    if queued:
        messages.success(request, ngettext(
            "%(count)d file was received and is queued to be read. Its state is shown below.",
            "%(count)d files were received and are queued to be read. Their states are shown "
            "below.",
            len(queued),
        ) % {"count": len(queued)})
    for source in waiting:
        messages.info(request, _(
            "%(name)s was uploaded before and is not imported yet: its state is shown below."
        ) % {"name": download_name(source.original_name)})
    for name, meeting in archived:
        messages.info(request, format_html(
            _("{name} is already in the archive: {link}"),
            name=download_name(name),
            link=format_html('<a href="{}">{}</a>',
                              reverse("minutes:meeting-detail", args=[meeting.pk]), meeting),
        ))
    for name, reason in refused:
        messages.error(request, _("%(name)s: %(reason)s") % {
            "name": download_name(name), "reason": reason})


# The state an import is in, as /importer/?format=json names it (the vocabulary).
IMPORT_STATES = {
    Status.QUEUED: "queued",
    Status.PARSING: "parsing",
    Status.PENDING: "parsed",
    Status.FAILED: "failed",
    Status.IMPORTED: "imported",
    Status.DISCARDED: "discarded",
}
# States a worker will still change by itself: the list asks for news while one is shown.
WORKING_STATES = ("queued", "parsing")


def import_state_label(state: str) -> str:
    return {
        "queued": _("Queued"),
        "parsing": _("Being read"),
        "parsed": _("Read: ready to check"),
        "failed": _("Failed"),
        "imported": _("Imported"),
        "discarded": _("Not imported"),
    }[state]


@secretary_required
def import_list(request: HttpRequest) -> HttpResponse:
    """Every uploaded file, everyone's (shared work), newest first; filtered by state and to
    the signed-in secretary's own ("mine"). `?format=json` gives the same rows as JSON, which
    the page's script asks for while a file waits for or is in a worker's hands."""
    wanted = request.GET.get("status", "")
    mine = request.GET.get("mine", "") == "1"
    sources = SourceDocument.objects.select_related(
        "meeting", "added_by", "status_changed_by"
    ).defer("extracted_text", "parsed", "draft", "reparsed", "pages")
    if wanted in Status.values:
        sources = sources.filter(status=wanted)
    else:
        wanted = ""
    if mine:
        sources = sources.filter(added_by=request.user)
    page = Paginator(sources.order_by("-added_at", "-pk"), IMPORTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    shown = list(page.object_list)
    for source in shown:
        source.kept_until = discarded_file_kept_until(source)
        source.state = IMPORT_STATES[source.status]
        source.state_label = import_state_label(source.state)
    if request.GET.get("format") == "json":
        return _import_list_json(shown)
    return render(
        request,
        "minutes/import_list.html",
        {
            "page_obj": page,
            "sources": shown,
            "statuses": Status.choices,
            "wanted": wanted,
            "mine": mine,
            "working": any(source.state in WORKING_STATES for source in shown),
            "filter_query": _filter_query(wanted=wanted, mine=mine),
        },
    )


def _filter_query(*, wanted: str, mine: bool) -> str:
    parts = []
    if wanted:
        parts.append(f"status={wanted}")
    if mine:
        parts.append("mine=1")
    return "&".join(parts)


def _import_message(source: SourceDocument) -> str:
    if source.status == Status.FAILED:
        return source.error
    if source.status == Status.QUEUED and source.parse_attempts:
        return _("Queued again: the worker reading it stopped before it finished.")
    return ""


def _import_list_json(sources: list[SourceDocument]) -> JsonResponse:
    imports = []
    for source in sources:
        meeting = getattr(source, "meeting", None) if source.status == Status.IMPORTED else None
        imports.append({
            "id": source.pk,
            "filename": source.original_name,
            "state": source.state,
            "state_label": source.state_label,
            "message": _import_message(source),
            "preview_url": reverse("minutes:import-detail", args=[source.pk]),
            "meeting_url": (
                reverse("minutes:meeting-detail", args=[meeting.pk]) if meeting else None
            ),
            "added_by": source.added_by.get_username() if source.added_by else None,
        })
    response = JsonResponse({"imports": imports})
    response["Cache-Control"] = "no-store"
    return response


@secretary_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(SourceDocument.objects.select_related("added_by"), pk=pk)
    if source.status == Status.IMPORTED:
        meeting = Meeting.objects.filter(source=source).first()
        if meeting is not None:
            return redirect("minutes:meeting-detail", pk=meeting.pk)
    parsed = upload_parsed(source) if source.status == Status.PENDING else None
    form = None
    if parsed is not None:
        form = MeetingFactsForm(
            initial=MeetingFactsForm.initial_from(parsed, body_name=draft_body_name(source))
        )
    return _detail_page(request, source, form)


def _detail_page(
    request: HttpRequest, source: SourceDocument, form: MeetingFactsForm | None, status=200
) -> HttpResponse:
    parsed = upload_parsed(source) if source.status == Status.PENDING else None
    source.kept_until = discarded_file_kept_until(source)
    context = {
        "source": source,
        "form": form,
        "parsed": parsed,
        "ocr_words": ocr_uncertain_words(source.warnings),
        "known_bodies": _known_bodies(parsed),
        # The attendees and warnings as the editor shows them (minutes.editor_views).
        **(editor_context(source) if parsed else {}),
    }
    return render(request, "minutes/import_detail.html", context, status=status)


@require_POST
@secretary_required
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(SourceDocument, pk=pk)
    form = MeetingFactsForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, source, form, status=400)
    try:
        meeting = upload_confirm(
            source=source,
            facts=form.meeting_facts(),
            body_name=form.cleaned_data["body"],
            user=request.user,
        )
    except IngestError as error:
        messages.error(request, str(error))
        return redirect("minutes:import-detail", pk=source.pk)
    messages.success(request, _("The minutes were imported."))
    return redirect("minutes:meeting-detail", pk=meeting.pk)


@require_POST
@secretary_required
def import_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(SourceDocument, pk=pk)
    try:
        upload_discard(source=source, user=request.user)
    except IngestError as error:
        messages.error(request, str(error))
        return redirect("minutes:import-detail", pk=source.pk)
    days = settings.MINUTES_DISCARDED_RETENTION_DAYS
    messages.success(
        request,
        ngettext(
            "%(name)s was not imported. Its file is kept for %(days)d day, then removed; the "
            "upload stays listed here.",
            "%(name)s was not imported. Its file is kept for %(days)d days, then removed; the "
            "upload stays listed here.",
            days,
        ) % {"name": download_name(source.original_name), "days": days},
    )
    return redirect(reverse("minutes:import-list"))


@require_POST
@secretary_required
def import_reparse(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(SourceDocument, pk=pk)
    try:
        source = upload_reparse(source=source, user=request.user)
    except IngestError as error:
        messages.error(request, str(error))
        return redirect("minutes:import-detail", pk=source.pk)
    # Only queued: the worker reads it (minutes/tasks.py), and its page shows how that went.
    messages.success(request, _("The file is queued to be read again."))
    return redirect("minutes:import-detail", pk=source.pk)


@secretary_required
def import_original(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(SourceDocument, pk=pk)
    if source.file_removed_at is not None:
        return _file_removed(request, source)
    if not source.file:
        raise Http404(_("The original document is missing."))
    return original_response(source)


@secretary_required
def import_original_ocr(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(SourceDocument, pk=pk)
    if source.file_removed_at is not None:
        return _file_removed(request, source)
    if not source.ocr_file:
        raise Http404(_("The minutes were not read by OCR."))
    return original_response(source, ocr=True)


def _file_removed(request: HttpRequest, source: SourceDocument) -> HttpResponse:
    """An old link to a purged file: its upload's page, which says when it went."""
    messages.error(request, _("The file of this upload was removed; there is nothing to "
                              "download."))
    return redirect("minutes:import-detail", pk=source.pk)
