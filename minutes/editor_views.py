"""The preview as an editor: the meeting's facts and its attendees corrected in the draft
(minutes.drafts), warnings marked as checked. Ordinary forms, POST-redirect-GET; the page
itself is minutes.upload_views.import_detail, which takes `editor_context` from here.

A correction of an upload that is no longer awaiting confirmation (confirmed or discarded
meanwhile, in another tab) is refused with a message and changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.access import secretary_required
from minutes.drafts import draft_change, draft_data
from minutes.editor_forms import (
    NEW_PERSON,
    AttendeeForm,
    MergeForm,
    SplitForm,
    StateForm,
    WarningCheckForm,
    attendees_state,
    paragraphs_text,
)
from minutes.forms import MeetingFactsForm
from minutes.messages import warning_message
from minutes.models import SourceDocument
from minutes.services import IngestError, preview_attendees, upload_parsed
from municipalities.models import Person
from parsing import PRESENT

Status = SourceDocument.Status

FACTS_CODES = {"date", "time", "year", "weekday"}
ATTENDEE_CODES = {"attendees", "role"}
ITEMS_CODES = {"items", "paragraphs"}


# --- the page's context -----------------------------------------------------------------


def editor_context(source: SourceDocument) -> dict:
    """What import_detail.html needs besides the parse: the attendee rows with their
    person, the warnings where they belong (`facts_warnings`, `attendee_warnings`,
    `items_warnings`, `item_warnings` by item index, `other_warnings`), and the list's state."""
    data = draft_data(source)
    parsed = upload_parsed(source)
    if parsed is None:
        return {}
    attendees = data.get("attendees") or []
    previews = preview_attendees(parsed)
    chosen = _chosen_people(attendees)
    rows = []
    for index, (attendee, preview) in enumerate(zip(attendees, previews, strict=False)):
        choice = attendee.get("person")
        rows.append({
            "index": index,
            "name": preview.name,
            "affiliation": preview.affiliation,
            "status": preview.status,
            "role": preview.role,
            "items": paragraphs_text(attendee.get("items")),
            "preview": preview,
            "chosen": chosen.get(choice) if isinstance(choice, int) else None,
            "new": choice == NEW_PERSON,
        })
    placed = _warnings_placed(source, data)
    return {
        "attendee_rows": rows,
        "attendees_state": attendees_state(attendees),
        # Each item of the reading with the warnings about it, for the items' include.
        "item_rows": [
            {"index": index, "item": item, "warnings": placed["item_warnings"].get(index, [])}
            for index, item in enumerate(parsed.items)
        ],
        **placed,
    }


def draft_body_name(source: SourceDocument) -> str:
    """The body the facts form shows: as saved in the editor, else as chosen at upload."""
    saved = (source.draft or {}).get("body_name")
    return saved if isinstance(saved, str) else source.body_name


def _chosen_people(attendees: list[dict]) -> dict[int, Person]:
    ids = {a.get("person") for a in attendees if isinstance(a.get("person"), int)}
    return Person.objects.select_related("organization").in_bulk(ids) if ids else {}


def _warnings_placed(source: SourceDocument, data: dict) -> dict:
    checked = set(source.checked_warnings or [])
    items = data.get("items") or []
    placed: dict = {"facts_warnings": [], "attendee_warnings": [], "items_warnings": [],
                    "item_warnings": {}, "other_warnings": []}
    for index, warning in enumerate(source.warnings or []):
        if not isinstance(warning, dict):
            continue
        entry = {"index": index, "message": warning_message(warning),
                 "checked": index in checked}
        code = warning.get("code")
        params = warning.get("params") if isinstance(warning.get("params"), dict) else {}
        item = _item_index(items, params.get("number")) if code == "votes" else None
        if item is not None:
            placed["item_warnings"].setdefault(item, []).append(entry)
        elif code in FACTS_CODES:
            placed["facts_warnings"].append(entry)
        elif code in ATTENDEE_CODES:
            placed["attendee_warnings"].append(entry)
        elif code in ITEMS_CODES or code == "votes":
            placed["items_warnings"].append(entry)
        else:
            placed["other_warnings"].append(entry)
    return placed


def _item_index(items: list[dict], number: object) -> int | None:
    for index, item in enumerate(items):
        if isinstance(item, dict) and str(item.get("number", "")).strip() == str(number):
            return index
    return None


# --- helpers ----------------------------------------------------------------------------


def _back(source: SourceDocument, anchor: str = "") -> HttpResponse:
    url = reverse("minutes:import-detail", args=[source.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


def _closed(request: HttpRequest, source: SourceDocument) -> HttpResponse:
    """The page of an editor form for an upload no longer awaiting confirmation."""
    return render(request, "minutes/editor/closed.html", {"source": source}, status=409)


def _editable(source: SourceDocument) -> bool:
    return source.status == Status.PENDING and bool(source.parsed)


def _row(request: HttpRequest, attendees: list[dict], *, required: bool = True) -> int | None:
    """The attendee row a request names (?rad= or the form's `row`): 404 for none such."""
    written = request.POST.get("row") if request.method == "POST" else request.GET.get("rad")
    if not written and not required:
        return None
    try:
        index = int(written or "")
    except ValueError:
        raise Http404(_("There is no such attendee.")) from None
    if not 0 <= index < len(attendees):
        raise Http404(_("There is no such attendee."))
    return index


def _state_check(attendees: list[dict], state: str) -> None:
    if attendees_state(attendees) != state:
        raise IngestError(_(
            "The list of attendees was changed meanwhile (perhaps in another tab), so nothing "
            "was changed. Check the list and try again."
        ))


def _apply(request: HttpRequest, source: SourceDocument, change, done: str,
           anchor: str = "attendees-heading") -> HttpResponse:
    """Save a change to the draft, and go back to the preview with what happened."""
    try:
        draft_change(source=source, user=request.user, change=change)
    except IngestError as error:
        messages.error(request, str(error))
        return _back(source)
    messages.success(request, done)
    return _back(source, anchor)


def _form_page(request, source, form, *, title, intro="", submit, status=200):
    return render(request, "minutes/editor/form_page.html", {
        "source": source, "form": form, "title": title, "intro": intro, "submit": submit,
    }, status=status)


# --- the facts --------------------------------------------------------------------------


@require_POST
@secretary_required
def import_facts(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting's facts saved into the draft (confirming posts the same form)."""
    source = get_object_or_404(SourceDocument, pk=pk)
    form = MeetingFactsForm(request.POST)
    if not _editable(source):
        messages.error(request, _("This upload is not awaiting confirmation."))
        return _back(source)
    if not form.is_valid():
        from minutes.upload_views import _detail_page  # the page imports this module

        return _detail_page(request, source, form, status=400)
    facts = form.cleaned_data

    def change(data: dict) -> None:
        data["title"] = facts["title"] or None
        data["place"] = facts["place"] or None
        data["start"] = _moment(facts["date"], facts["start_time"])
        end = _moment(facts["end_date"] or facts["date"], facts["end_time"])
        data["end"] = end if facts["end_time"] and facts["date"] else None
        data["body_name"] = facts["body"]

    return _apply(request, source, change, _("The meeting's facts were saved."),
                  anchor="facts-heading")


def _moment(day: dt.date | None, time: dt.time | None) -> str | None:
    if day is None:
        return None
    if time is None:
        return day.isoformat()
    return dt.datetime.combine(day, time).isoformat(timespec="minutes")


# --- attendees --------------------------------------------------------------------------


def _person_label(person: Person) -> str:
    if person.organization_id:
        return f"{person.full_name} ({person.organization.name})"
    return person.full_name


def _people_choices(source: SourceDocument, index: int | None, attendee: dict) -> list:
    """The select of an attendee's person: as its name says (matched, or new), the known
    people it matched or resembles, the one chosen before, or a new person."""
    people: list[Person] = []
    if index is not None:
        parsed = upload_parsed(source)
        previews = preview_attendees(parsed) if parsed else []
        if index < len(previews):
            preview = previews[index]
            people = [p for p in (preview.person, *preview.similar) if p is not None]
    choice = attendee.get("person")
    if isinstance(choice, int) and choice not in {p.pk for p in people}:
        people.extend(Person.objects.select_related("organization").filter(pk=choice))
    return [("", _("As the name says: the known person of that name, else a new person")),
            *[(str(p.pk), _person_label(p)) for p in people]]


def _attendee_initial(attendee: dict, state: str, index: int | None) -> dict:
    choice = attendee.get("person")
    return {
        "name": attendee.get("name", ""),
        "affiliation": attendee.get("affiliation") or "",
        "status": attendee.get("status") or PRESENT,
        "role": attendee.get("role") or "",
        "items": paragraphs_text(attendee.get("items")),
        "person": str(choice) if choice is not None else "",
        "state": state,
        "row": index,
    }


@secretary_required
def import_attendee(request: HttpRequest, pk: int) -> HttpResponse:
    """One attendee corrected (?rad=N), or a new one added (no row)."""
    source = get_object_or_404(SourceDocument, pk=pk)
    if not _editable(source):
        return _closed(request, source)
    attendees = draft_data(source).get("attendees") or []
    index = _row(request, attendees, required=False)
    attendee = attendees[index] if index is not None else {}
    people = _people_choices(source, index, attendee)
    state = attendees_state(attendees)
    if index is None:
        title, submit = _("Add an attendee"), _("Add the attendee")
    else:
        title, submit = _("Correct %(name)s") % {"name": attendee.get("name", "")}, _("Save")
    if request.method != "POST":
        form = AttendeeForm(initial=_attendee_initial(attendee, state, index), people=people)
        return _form_page(request, source, form, title=title, submit=submit)
    form = AttendeeForm(request.POST, people=people)
    if not form.is_valid():
        return _form_page(request, source, form, title=title, submit=submit, status=400)
    values = form.cleaned_data

    def change(data: dict) -> None:
        rows = data.setdefault("attendees", [])
        _state_check(rows, values["state"])
        row = rows[index] if index is not None else {"municipality": None,
                                                     "substitute_for": None}
        if index is not None:
            _renamed_in_roles(data, old=row.get("name", ""), new=values["name"])
        row.update({
            "name": values["name"],
            "affiliation": values["affiliation"] or None,
            "status": values["status"],
            "role": values["role"] or None,
            "items": values["items"],
            "person": _person_choice(values["person"]),
        })
        if index is None:
            rows.append(row)

    done = (_("%(name)s was added.") if index is None else _("%(name)s was saved.")) % {
        "name": values["name"]}
    return _apply(request, source, change, done)


def _renamed_in_roles(data: dict, *, old: str, new: str) -> None:
    """The secretary and adjusters are written by name: a corrected attendee stays them."""
    if not old or old == new:
        return
    if data.get("secretary") == old:
        data["secretary"] = new
    data["adjusters"] = [new if name == old else name for name in data.get("adjusters") or []]


def _person_choice(value: str) -> int | str | None:
    if value == NEW_PERSON:
        return NEW_PERSON
    return int(value) if value.isdigit() else None


@secretary_required
def import_attendee_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """A junk attendee taken off the list, after a page that asks to be sure."""
    source = get_object_or_404(SourceDocument, pk=pk)
    if not _editable(source):
        return _closed(request, source)
    attendees = draft_data(source).get("attendees") or []
    index = _row(request, attendees)
    name = attendees[index].get("name", "")
    if request.method != "POST":
        form = StateForm(initial={"state": attendees_state(attendees)})
        return render(request, "minutes/editor/attendee_remove.html", {
            "source": source, "form": form, "name": name, "row": index})
    form = StateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form was incomplete, so nothing was changed."))
        return _back(source)

    def change(data: dict) -> None:
        rows = data.setdefault("attendees", [])
        _state_check(rows, form.cleaned_data["state"])
        del rows[index]

    return _apply(request, source, change, _("%(name)s was removed from the attendees.")
                  % {"name": name})


@secretary_required
def import_attendee_split(request: HttpRequest, pk: int) -> HttpResponse:
    """One row that names two people written as two attendees."""
    source = get_object_or_404(SourceDocument, pk=pk)
    if not _editable(source):
        return _closed(request, source)
    attendees = draft_data(source).get("attendees") or []
    index = _row(request, attendees)
    attendee = attendees[index]
    title = _("Split %(name)s into two attendees") % {"name": attendee.get("name", "")}
    intro = _("Both keep the attendance, role and paragraphs of the row as it is now.")
    if request.method != "POST":
        form = SplitForm(initial={
            "first_name": attendee.get("name", ""),
            "first_affiliation": attendee.get("affiliation") or "",
            "second_affiliation": attendee.get("affiliation") or "",
            "state": attendees_state(attendees), "row": index,
        })
        return _form_page(request, source, form, title=title, intro=intro, submit=_("Split"))
    form = SplitForm(request.POST)
    if not form.is_valid():
        return _form_page(request, source, form, title=title, intro=intro, submit=_("Split"),
                          status=400)
    values = form.cleaned_data

    def change(data: dict) -> None:
        rows = data.setdefault("attendees", [])
        _state_check(rows, values["state"])
        first, second = dict(rows[index]), dict(rows[index])
        for row, which in ((first, "first"), (second, "second")):
            row.update(name=values[f"{which}_name"],
                       affiliation=values[f"{which}_affiliation"] or None, person=None)
        rows[index:index + 1] = [first, second]

    return _apply(request, source, change, _("%(first)s and %(second)s are now two attendees.")
                  % {"first": values["first_name"], "second": values["second_name"]})


@secretary_required
def import_attendee_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """Two rows that are one person made one: the first kept, the paragraphs joined."""
    source = get_object_or_404(SourceDocument, pk=pk)
    if not _editable(source):
        return _closed(request, source)
    attendees = draft_data(source).get("attendees") or []
    rows = [(index, _attendee_label(a)) for index, a in enumerate(attendees)]
    title = _("Merge two attendees")
    intro = _("The attendee kept keeps its name, affiliation and attendance; the other's "
              "paragraphs and role are added to it, and the other is removed.")
    if request.method != "POST":
        form = MergeForm(initial={"state": attendees_state(attendees), "keep": 0, "merge": 1},
                         rows=rows)
        return _form_page(request, source, form, title=title, intro=intro, submit=_("Merge"))
    form = MergeForm(request.POST, rows=rows)
    if not form.is_valid():
        return _form_page(request, source, form, title=title, intro=intro, submit=_("Merge"),
                          status=400)
    keep, merge = form.cleaned_data["keep"], form.cleaned_data["merge"]

    def change(data: dict) -> None:
        listed = data.setdefault("attendees", [])
        _state_check(listed, form.cleaned_data["state"])
        kept, merged = listed[keep], listed[merge]
        if kept.get("items") is None or merged.get("items") is None:
            kept["items"] = None
        else:
            kept["items"] = sorted({*kept["items"], *merged["items"]})
        kept["role"] = kept.get("role") or merged.get("role")
        if kept.get("person") is None:
            kept["person"] = merged.get("person")
        del listed[merge]

    return _apply(request, source, change, _("%(merged)s was merged into %(kept)s.") % {
        "merged": attendees[merge].get("name", ""), "kept": attendees[keep].get("name", "")})


def _attendee_label(attendee: dict) -> str:
    name, affiliation = attendee.get("name", ""), attendee.get("affiliation")
    return f"{name}, {affiliation}" if affiliation else name


# --- warnings ---------------------------------------------------------------------------


@require_POST
@secretary_required
def import_warning_check(request: HttpRequest, pk: int) -> HttpResponse:
    """A warning the secretary checked against the original, kept as checked."""
    source = get_object_or_404(SourceDocument, pk=pk)
    form = WarningCheckForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("There is no such warning, so nothing was changed."))
        return _back(source)
    try:
        _warning_checked(source=source, index=form.cleaned_data["warning"])
    except (IngestError, ValidationError) as error:
        messages.error(request, error.messages[0] if isinstance(error, ValidationError)
                       else str(error))
        return _back(source)
    messages.success(request, _("The warning is marked as checked."))
    return _back(source, f"warning-{form.cleaned_data['warning']}")


@transaction.atomic
def _warning_checked(*, source: SourceDocument, index: int) -> None:
    locked = SourceDocument.objects.select_for_update().get(pk=source.pk)
    if locked.status != Status.PENDING or not locked.parsed:
        raise IngestError(_("This upload is not awaiting confirmation."))
    if not 0 <= index < len(locked.warnings or []):
        raise IngestError(_("There is no such warning, so nothing was changed."))
    checked = list(locked.checked_warnings or [])
    if index not in checked:
        locked.checked_warnings = sorted([*checked, index])
        locked.save(update_fields=["checked_warnings"])
