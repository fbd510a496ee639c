"""The agenda items' editor of the preview: an item's page (?punkt=N) shows its fields, its
text in paragraphs (each can be moved into a decision), its decisions (each can be edited,
removed or moved back into the text), its vote and its reservations, each in an ordinary
form that posts here and comes back (POST-redirect-GET). The corrections go into the
upload's draft (minutes.drafts, minutes.draft_items), which is what confirming stores.

Every form names its item (`item`) and carries the item's fingerprint (`state`): a form that
would act on an item changed meanwhile, an unknown item, decision or paragraph, or an upload
no longer awaiting confirmation is refused with a message and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.access import secretary_required
from minutes import draft_items as edit
from minutes.drafts import draft_change, draft_data
from minutes.item_editor_forms import (
    DecisionForm,
    IndexForm,
    ItemForm,
    ItemRemoveForm,
    MemberForm,
    NewItemForm,
    ParagraphMoveForm,
    ReservationForm,
    StateForm,
    VotesForm,
)
from minutes.item_editor_page import form_errors, item_page_context, short
from minutes.models import SourceDocument
from minutes.services import IngestError

Status = SourceDocument.Status
SHOWN = "punkt"  # the query parameter of the item page
MEMBER_FIELDS = ("name", "affiliation", "vote")


# --- helpers ----------------------------------------------------------------------------


def _editable(source: SourceDocument) -> bool:
    return source.status == Status.PENDING and bool(source.parsed)


def _closed(request: HttpRequest, source: SourceDocument) -> HttpResponse:
    return render(request, "minutes/editor/closed.html", {"source": source}, status=409)


def _item_url(source: SourceDocument, index: int, anchor: str = "") -> str:
    url = f"{reverse('minutes:import-item', args=[source.pk])}?{SHOWN}={index}"
    return f"{url}#{anchor}" if anchor else url


def _agenda(source: SourceDocument) -> HttpResponse:
    return redirect(f"{reverse('minutes:import-detail', args=[source.pk])}#agenda-heading")


def _index(written: object) -> int | None:
    try:
        index = int(str(written))
    except (TypeError, ValueError):
        return None
    return index if 0 <= index <= 100_000 else None


def _shown(request: HttpRequest, data: dict) -> int:
    """The item ?punkt= names, else 404."""
    index = _index(request.GET.get(SHOWN))
    items = edit.items_of(data)
    if index is None or index >= len(items) or not isinstance(items[index], dict):
        raise Http404(_("There is no such agenda item."))
    return index


def _apply(request: HttpRequest, source: SourceDocument, index: int,
           change: Callable[[dict], object], done: str, anchor: str = "") -> HttpResponse:
    """Save a change to the draft and show the item again, with what happened."""
    try:
        draft_change(source=source, user=request.user, change=change)
    except IngestError as error:
        messages.error(request, str(error))
        return redirect(_item_url(source, index))
    messages.success(request, done)
    return redirect(_item_url(source, index, anchor))


def _posted(request: HttpRequest, pk: int) -> tuple[SourceDocument, dict, int] | HttpResponse:
    """The upload, its draft and the item a form posted for; or the answer that refuses."""
    source = get_object_or_404(SourceDocument, pk=pk)
    if not _editable(source):
        messages.error(request, _("This upload is not awaiting confirmation."))
        return redirect("minutes:import-detail", pk=source.pk)
    data = draft_data(source)
    index = _index(request.POST.get("item"))
    items = edit.items_of(data)
    if index is None or index >= len(items) or not isinstance(items[index], dict):
        messages.error(request, _("There is no such agenda item, so nothing was changed."))
        return _agenda(source)
    return source, data, index


def _refused(request: HttpRequest, source: SourceDocument, index: int) -> HttpResponse:
    messages.error(request, _("The form was incomplete, so nothing was changed. Try again."))
    return redirect(_item_url(source, index))


# --- the item's page --------------------------------------------------------------------


def _item_page(request: HttpRequest, source: SourceDocument, data: dict, index: int, *,
               bound: dict | None = None, status: int = 200) -> HttpResponse:
    context = item_page_context(source, data, index, bound=bound)
    return render(request, "minutes/editor/item_edit.html", context, status=status)


@secretary_required
def import_item(request: HttpRequest, pk: int) -> HttpResponse:
    """An agenda item's page (?punkt=N); its fields saved (POST)."""
    if request.method == "POST":
        return _item_save(request, pk)
    source = get_object_or_404(SourceDocument, pk=pk)
    if not _editable(source):
        return _closed(request, source)
    data = draft_data(source)
    return _item_page(request, source, data, _shown(request, data))


def _item_save(request: HttpRequest, pk: int) -> HttpResponse:
    posted = _posted(request, pk)
    if isinstance(posted, HttpResponse):
        return posted
    source, data, index = posted
    form = ItemForm(request.POST, auto_id="item-%s")
    if not form.is_valid():
        return _item_page(request, source, data, index, status=400,
                          bound={"kind": "item", "index": None, "form": form})
    values = form.cleaned_data

    def change(draft: dict) -> None:
        edit.item_edit(draft, index, **values)

    return _apply(request, source, index, change, _("The item was saved."), "item-heading")


# --- adding and removing items ----------------------------------------------------------


def _places(data: dict) -> list[tuple[int, str]]:
    items = edit.items_of(data)
    places = [(0, _("First"))] if items else []
    places += [(i + 1, _("After § %(number)s %(title)s") % {
        "number": item.get("number", ""), "title": short(item.get("title"), 6)})
        for i, item in enumerate(items) if isinstance(item, dict)]
    return places or [(0, _("First"))]


@secretary_required
def import_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    """A new agenda item, placed where the secretary chooses (last, unless told)."""
    source = get_object_or_404(SourceDocument, pk=pk)
    if not _editable(source):
        return _closed(request, source)
    data = draft_data(source)
    places = _places(data)
    if request.method != "POST":
        form = NewItemForm(auto_id="item-%s", places=places, initial={
            "state": edit.items_state(data), "position": places[-1][0]})
        return _add_page(request, source, form)
    form = NewItemForm(request.POST, auto_id="item-%s", places=places)
    if not form.is_valid():
        return _add_page(request, source, form, status=400)
    values = form.cleaned_data
    try:
        draft_change(source=source, user=request.user,
                     change=lambda draft: edit.item_add(draft, **values))
    except IngestError as error:
        messages.error(request, str(error))
        return _add_page(request, source, form, status=400)
    messages.success(request, _("The item was added."))
    return redirect(_item_url(source, values["position"]))


def _add_page(request, source, form, status=200) -> HttpResponse:
    return render(request, "minutes/editor/item_add.html", {
        "source": source, "form": form, "errors": form_errors(form) if form.is_bound else []},
        status=status)


@secretary_required
def import_item_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """An item taken off the agenda, after a page that asks to be sure."""
    if request.method != "POST":
        source = get_object_or_404(SourceDocument, pk=pk)
        if not _editable(source):
            return _closed(request, source)
        data = draft_data(source)
        index = _shown(request, data)
        item = edit.items_of(data)[index]
        form = ItemRemoveForm(auto_id="remove-%s", initial={"state": edit.state_of(item)})
        return _remove_page(request, source, index, item, form)
    posted = _posted(request, pk)
    if isinstance(posted, HttpResponse):
        return posted
    source, data, index = posted
    item = edit.items_of(data)[index]
    form = ItemRemoveForm(request.POST, auto_id="remove-%s")
    if not form.is_valid():
        return _remove_page(request, source, index, item, form, status=400)
    try:
        draft_change(source=source, user=request.user, change=lambda draft: edit.item_remove(
            draft, index, state=form.cleaned_data["state"]))
    except IngestError as error:
        messages.error(request, str(error))
        return _agenda(source)
    messages.success(request, _("§ %(number)s was removed from the agenda.") % {
        "number": item.get("number", "")})
    return _agenda(source)


def _remove_page(request, source, index, item, form, status=200) -> HttpResponse:
    return render(request, "minutes/editor/item_remove.html", {
        "source": source, "index": index, "item": item, "form": form,
        "errors": form_errors(form) if form.is_bound else []}, status=status)


# --- paragraphs and decisions -----------------------------------------------------------


@require_POST
@secretary_required
def import_item_paragraph(request: HttpRequest, pk: int) -> HttpResponse:
    """A paragraph of the text moved into a new decision, or added to one."""
    posted = _posted(request, pk)
    if isinstance(posted, HttpResponse):
        return posted
    source, data, index = posted
    decisions = edit.decisions_of(edit.items_of(data)[index])
    form = ParagraphMoveForm(request.POST, decisions=[
        (str(i), str(i)) for i in range(len(decisions))])
    if not form.is_valid():
        return _refused(request, source, index)
    values = form.cleaned_data
    target = int(values["to"]) if values["to"] else None
    moved: list[int] = []

    def change(draft: dict) -> None:
        moved.append(edit.paragraph_to_decision(
            draft, index, values["index"], decision=target, state=values["state"]))

    done = (_("The paragraph is now a decision.") if target is None
            else _("The paragraph was added to decision %(number)d.") % {"number": target + 1})
    response = _apply(request, source, index, change, done)
    if moved:
        response["Location"] = _item_url(source, index, f"decision-{moved[0] + 1}")
    return response


@require_POST
@secretary_required
def import_item_decision(request: HttpRequest, pk: int) -> HttpResponse:
    """A decision corrected, or a new one added (no `index`)."""
    posted = _posted(request, pk)
    if isinstance(posted, HttpResponse):
        return posted
    source, data, index = posted
    position = _index(request.POST.get("index")) if request.POST.get("index") else None
    auto_id = "new-decision-%s" if position is None else f"decision-{position}-%s"
    form = DecisionForm(request.POST, auto_id=auto_id)
    known = position is None or position < len(edit.decisions_of(edit.items_of(data)[index]))
    if not form.is_valid():
        if not known or "state" in form.errors or "index" in form.errors:
            return _refused(request, source, index)
        return _item_page(request, source, data, index, status=400,
                          bound={"kind": "decision", "index": position, "form": form})
    values = form.cleaned_data
    fields = {"heading": values["heading"], "text": values["text"], "state": values["state"]}
    if values["index"] is None:
        return _apply(request, source, index,
                      lambda draft: edit.decision_add(draft, index, **fields),
                      _("The decision was added."), "decisions-heading")
    return _apply(request, source, index,
                  lambda draft: edit.decision_edit(draft, index, values["index"], **fields),
                  _("The decision was saved."), f"decision-{values['index'] + 1}")


def _index_action(request: HttpRequest, pk: int, act, done: str, anchor: str) -> HttpResponse:
    """An action on one decision or reservation, which the form names by `index`."""
    posted = _posted(request, pk)
    if isinstance(posted, HttpResponse):
        return posted
    source, _data, index = posted
    form = IndexForm(request.POST)
    if not form.is_valid():
        return _refused(request, source, index)
    values = form.cleaned_data
    return _apply(request, source, index,
                  lambda draft: act(draft, index, values["index"], state=values["state"]),
                  done, anchor)


@require_POST
@secretary_required
def import_item_decision_remove(request: HttpRequest, pk: int) -> HttpResponse:
    return _index_action(request, pk, edit.decision_remove, _("The decision was removed."),
                         "decisions-heading")


@require_POST
@secretary_required
def import_item_decision_text(request: HttpRequest, pk: int) -> HttpResponse:
    """A decision moved back into the item's text."""
    return _index_action(request, pk, edit.decision_to_text,
                         _("The decision was moved back into the text."), "text-heading")


# --- the vote ---------------------------------------------------------------------------


def _posted_members(request: HttpRequest, count: int) -> list[dict] | None:
    """The rows of who voted how as posted (the item's `count` members, then one for a new
    member); None when the lists do not match them."""
    lists = {key: request.POST.getlist(f"member_{key}") for key in MEMBER_FIELDS}
    removed = set(request.POST.getlist("member_remove"))
    if len({len(values) for values in lists.values()}) != 1:
        return None
    length = len(lists["name"])
    if length not in (count, count + 1):
        return None
    return [{"index": i, "form": MemberForm({
        **{key: lists[key][i] for key in MEMBER_FIELDS}, "remove": str(i) in removed}),
        "new": i == count} for i in range(length)]


@require_POST
@secretary_required
def import_item_votes(request: HttpRequest, pk: int) -> HttpResponse:
    """The item's vote: its counts and who voted how; added when the reading found none."""
    posted = _posted(request, pk)
    if isinstance(posted, HttpResponse):
        return posted
    source, data, index = posted
    votes = edit.items_of(data)[index].get("votes")
    members = (votes.get("members") or []) if isinstance(votes, dict) else []
    form = VotesForm(request.POST, auto_id="votes-%s")
    rows = _posted_members(request, len(members))
    if rows is None or "state" in form.errors:
        return _refused(request, source, index)
    valid = [form.is_valid(), *(row["form"].is_valid() for row in rows)]
    if not all(valid):
        if not any(row["new"] for row in rows):
            rows.append({"index": len(rows), "form": MemberForm(), "new": True})
        return _item_page(request, source, data, index, status=400,
                          bound={"kind": "votes", "index": None, "form": form, "members": rows})
    listed = [row["form"].cleaned_data for row in rows
              if not row["form"].cleaned_data["remove"] and not row["form"].is_blank()]
    values = form.cleaned_data

    def change(draft: dict) -> None:
        edit.votes_set(draft, index, yes=values["yes"], no=values["no"],
                       abstain=values["abstain"], members=listed, state=values["state"])

    return _apply(request, source, index, change, _("The vote was saved."), "votes-heading")


@require_POST
@secretary_required
def import_item_votes_remove(request: HttpRequest, pk: int) -> HttpResponse:
    posted = _posted(request, pk)
    if isinstance(posted, HttpResponse):
        return posted
    source, _data, index = posted
    form = StateForm(request.POST)
    if not form.is_valid():
        return _refused(request, source, index)
    state = form.cleaned_data["state"]
    return _apply(request, source, index,
                  lambda draft: edit.votes_remove(draft, index, state=state),
                  _("The vote was removed."), "votes-heading")


# --- reservations -----------------------------------------------------------------------


@require_POST
@secretary_required
def import_item_reservation(request: HttpRequest, pk: int) -> HttpResponse:
    """A reservation corrected, or a new one added (no `index`)."""
    posted = _posted(request, pk)
    if isinstance(posted, HttpResponse):
        return posted
    source, data, index = posted
    position = _index(request.POST.get("index")) if request.POST.get("index") else None
    auto_id = "new-reservation-%s" if position is None else f"reservation-{position}-%s"
    form = ReservationForm(request.POST, auto_id=auto_id)
    known = position is None or position < len(
        edit.reservations_of(edit.items_of(data)[index]))
    if not form.is_valid():
        if not known or "state" in form.errors or "index" in form.errors:
            return _refused(request, source, index)
        return _item_page(request, source, data, index, status=400,
                          bound={"kind": "reservation", "index": position, "form": form})
    values = form.cleaned_data
    fields = {key: values[key] for key in ("name", "affiliation", "text", "state")}
    if values["index"] is None:
        return _apply(request, source, index,
                      lambda draft: edit.reservation_add(draft, index, **fields),
                      _("The reservation was added."), "reservations-heading")
    return _apply(request, source, index,
                  lambda draft: edit.reservation_edit(draft, index, values["index"], **fields),
                  _("The reservation was saved."), f"reservation-{values['index'] + 1}")


@require_POST
@secretary_required
def import_item_reservation_remove(request: HttpRequest, pk: int) -> HttpResponse:
    return _index_action(request, pk, edit.reservation_remove,
                         _("The reservation was removed."), "reservations-heading")
