"""What an agenda item's page in the preview editor shows (templates/minutes/editor/
item_edit.html): the item's forms, filled from the draft, or the one form that was refused
with what was written and its errors (minutes.item_editor_views)."""

from __future__ import annotations

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from minutes import draft_items as edit
from minutes.item_editor_forms import (
    DecisionForm,
    ItemForm,
    MemberForm,
    ParagraphMoveForm,
    ReservationForm,
    StateForm,
    VotesForm,
)
from minutes.messages import ocr_uncertain_words
from minutes.models import SourceDocument

COUNTS = ("yes", "no", "abstain")


def short(text: str | None, words: int = 8) -> str:
    return Truncator(" ".join((text or "").split())).words(words)


def form_errors(form, rows=()) -> list[dict]:
    """The error summary's entries (id, label, message): each error with a link to its
    field; a hidden field's error has none (the form was incomplete)."""
    entries = [{"id": "", "label": "", "message": error} for error in form.non_field_errors()]
    for field in form:
        for error in field.errors:
            anchor = field.id_for_label if not field.is_hidden else ""
            entries.append({"id": anchor, "label": field.label, "message": error})
    for row in rows:
        for key, errors in row["form"].errors.items():
            label = _("Member %(number)d, %(field)s") % {
                "number": row["index"] + 1, "field": row["form"].fields[key].label}
            entries += [{"id": f"member-{row['index']}-{key}", "label": label, "message": e}
                        for e in errors]
    return entries


def member_rows(votes: dict | None) -> list[dict]:
    """Who voted how, a row each, then an empty row for a member to add."""
    members = [m for m in (votes or {}).get("members") or [] if isinstance(m, dict)]
    rows = [{"index": i, "new": False, "form": MemberForm(initial={
        "name": m.get("name") or "", "affiliation": m.get("affiliation") or "",
        "vote": m.get("vote") or ""})} for i, m in enumerate(members)]
    rows.append({"index": len(rows), "new": True, "form": MemberForm()})
    return rows


def _tally(votes: dict | None) -> dict | None:
    """The members' votes counted, when they disagree with the counts the minutes state."""
    members = [m for m in (votes or {}).get("members") or [] if isinstance(m, dict)]
    if not members:
        return None
    counted = {key: sum(1 for m in members if m.get("vote") == key) for key in COUNTS}
    return counted if any(counted[key] != votes.get(key) for key in COUNTS) else None


def _entries(values: list, kind: str, make) -> list[dict]:
    return [{"index": i, kind: value, "form": make(i, value)}
            for i, value in enumerate(values) if isinstance(value, dict)]


def item_page_context(source: SourceDocument, data: dict, index: int, *,
                      bound: dict | None = None) -> dict:
    """`bound` holds a form that was refused: its "kind" ("item", "decision", "votes" with
    its "members" rows, "reservation"), the "index" of the decision or reservation (None
    for a new one), and the "form"."""
    bound = bound or {}
    item = edit.items_of(data)[index]
    state = edit.state_of(item)
    decisions = edit.decisions_of(item)
    targets = [(str(i), _("decision %(number)d: %(start)s") % {
        "number": i + 1, "start": short(d.get("text"))})
        for i, d in enumerate(decisions) if isinstance(d, dict)]

    def chosen(kind: str, position: int | None, default):
        wanted = bound.get("kind") == kind and bound.get("index") == position
        return bound["form"] if wanted else default

    def decision_form(i: int, decision: dict):
        return chosen("decision", i, DecisionForm(auto_id=f"decision-{i}-%s", initial={
            "state": state, "index": i, "heading": decision.get("heading") or "",
            "text": decision.get("text") or ""}))

    def reservation_form(i: int, said: dict):
        return chosen("reservation", i, ReservationForm(auto_id=f"reservation-{i}-%s", initial={
            "state": state, "index": i, "name": said.get("name") or "",
            "affiliation": said.get("affiliation") or "", "text": said.get("text") or ""}))

    votes = item.get("votes") if isinstance(item.get("votes"), dict) else None
    invalid = bound.get("form")
    return {
        "source": source,
        "ocr_words": ocr_uncertain_words(source.warnings),
        "index": index,
        "item": item,
        "count": len(edit.items_of(data)),
        "item_form": chosen("item", None, ItemForm(auto_id="item-%s", initial={
            "state": state, "number": item.get("number") or "",
            "title": item.get("title") or "", "case_number": item.get("case_number") or "",
            "text": item.get("text") or ""})),
        "paragraphs": [
            {"index": i, "text": text, "form": ParagraphMoveForm(
                auto_id=f"paragraph-{i}-%s", decisions=targets,
                initial={"state": state, "index": i})}
            for i, text in enumerate(edit.paragraphs(item.get("text")))
        ],
        "decisions": _entries(decisions, "decision", decision_form),
        "new_decision_form": chosen("decision", None, DecisionForm(
            auto_id="new-decision-%s", initial={"state": state})),
        "votes": votes,
        "tally": _tally(votes),
        "votes_form": chosen("votes", None, VotesForm(auto_id="votes-%s", initial={
            "state": state, **{key: (votes or {}).get(key) or 0 for key in COUNTS}})),
        "member_rows": bound.get("members") or member_rows(votes),
        "reservations": _entries(edit.reservations_of(item), "reservation", reservation_form),
        "new_reservation_form": chosen("reservation", None, ReservationForm(
            auto_id="new-reservation-%s", initial={"state": state})),
        "state_form": StateForm(auto_id=False, initial={"state": state}),
        "errors": form_errors(invalid, bound.get("members") or ()) if invalid else [],
    }
