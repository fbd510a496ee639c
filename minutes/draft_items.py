"""Corrections of the agenda items in an upload's draft (minutes.drafts): an item's number,
title, case number and text; its decisions, including a paragraph of the text moved into a
decision and back; its vote and its reservations.

Each function edits the draft dict in place (pass it as, or inside, the `change` of
`draft_change`) and raises IngestError, with a message for the secretary, to refuse; a
refused change leaves the draft as it was, since draft_change saves nothing then.

A paragraph of an item's text is a block between blank lines; a text the parser gave without
blank lines (one line per paragraph) is split at its lines instead.
"""

from __future__ import annotations

import hashlib
import json
import re

from django.utils.translation import gettext as _

from minutes.services import IngestError

# The model limits (minutes.models.AgendaItem, decisions.models), and a bound for texts.
NUMBER_LENGTH = 20
TITLE_LENGTH = 500
CASE_NUMBER_LENGTH = 100
HEADING_LENGTH = 300
NAME_LENGTH = 200
AFFILIATION_LENGTH = 300
TEXT_LENGTH = 500_000
COUNT_MAX = 2_147_483_647  # PositiveIntegerField
VOTE_CHOICES = ("yes", "no", "abstain")

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


def fold(value: str | None) -> str:
    return " ".join((value or "").split())


def state_of(value: object) -> str:
    """A short fingerprint of what a form was shown, to notice a change made meanwhile."""
    written = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(written.encode()).hexdigest()[:16]


def items_of(data: dict) -> list[dict]:
    items = data.get("items")
    if not isinstance(items, list):
        items = data["items"] = []
    return items


def item_at(data: dict, index: int, state: str | None = None) -> dict:
    """The item at `index`; refused when there is none, or when it is no longer what the
    form showed (`state`, from another tab or a second click)."""
    items = items_of(data)
    if not 0 <= index < len(items) or not isinstance(items[index], dict):
        raise IngestError(_("There is no such agenda item, so nothing was changed."))
    item = items[index]
    if state is not None and state != state_of(item):
        raise IngestError(_(
            "The agenda item was changed meanwhile (perhaps in another tab), so nothing was "
            "changed. Check the item as it is now and try again."
        ))
    return item


def items_state(data: dict) -> str:
    return state_of([item.get("number") if isinstance(item, dict) else None
                     for item in items_of(data)])


# --- paragraphs -------------------------------------------------------------------------


def _blocks(text: str) -> bool:
    return _BLANK_LINE.search(text or "") is not None


def paragraphs(text: str | None) -> list[str]:
    """The text's paragraphs, as the item page lists them."""
    text = (text or "").strip()
    if not text:
        return []
    parts = _BLANK_LINE.split(text) if _blocks(text) else text.split("\n")
    return [part.strip() for part in parts if part.strip()]


def _joined(parts: list[str], blocks: bool) -> str:
    return ("\n\n" if blocks else "\n").join(parts)


def _limited(value: str, limit: int, what: str) -> str:
    if "\x00" in value:
        raise IngestError(_("%(what)s holds a character that cannot be stored.") % {
            "what": what})
    if len(value) > limit:
        raise IngestError(_("%(what)s is longer than %(limit)d characters.") % {
            "what": what, "limit": limit})
    return value


# --- items ------------------------------------------------------------------------------


def _number(data: dict, number: str, *, other_than: int | None) -> str:
    number = fold(number).lstrip("§").strip()
    if not number:
        raise IngestError(_("Give the item's number."))
    _limited(number, NUMBER_LENGTH, _("The number"))
    for index, item in enumerate(items_of(data)):
        if index != other_than and isinstance(item, dict) and fold(
            str(item.get("number") or "")
        ) == number:
            raise IngestError(_(
                "Another agenda item already has the number %(number)s. Each item of a "
                "meeting needs its own number."
            ) % {"number": number})
    return number


def _item_fields(data: dict, fields: dict, *, other_than: int | None) -> dict:
    return {
        "number": _number(data, fields.get("number", ""), other_than=other_than),
        "title": _limited(fold(fields.get("title")), TITLE_LENGTH, _("The title")),
        "case_number": _limited(fold(fields.get("case_number")), CASE_NUMBER_LENGTH,
                                _("The case number")) or None,
        "text": _limited((fields.get("text") or "").strip(), TEXT_LENGTH, _("The text")),
    }


def item_edit(data: dict, index: int, *, state: str | None = None, **fields: str) -> None:
    """The item's number, title, case number and text, as corrected."""
    item = item_at(data, index, state)
    item.update(_item_fields(data, fields, other_than=index))


def item_add(data: dict, *, position: int, state: str | None = None, **fields: str) -> int:
    """A new item placed at `position` (0 first, the number of items last); its index."""
    items = items_of(data)
    if state is not None and state != items_state(data):
        raise IngestError(_(
            "The agenda was changed meanwhile (perhaps in another tab), so nothing was "
            "changed. Check the agenda as it is now and try again."
        ))
    if not 0 <= position <= len(items):
        raise IngestError(_("There is no such place in the agenda, so nothing was changed."))
    item = {
        **_item_fields(data, fields, other_than=None),
        "decisions": [], "votes": None, "reservations": [], "recusals": [], "notes": [],
        "sent_to": [],
    }
    items.insert(position, item)
    return position


def item_remove(data: dict, index: int, *, state: str | None = None) -> dict:
    item = item_at(data, index, state)
    del items_of(data)[index]
    return item


# --- decisions --------------------------------------------------------------------------


def decisions_of(item: dict) -> list[dict]:
    decisions = item.get("decisions")
    if not isinstance(decisions, list):
        decisions = item["decisions"] = []
    return decisions


def _decision_at(item: dict, decision: int) -> dict:
    decisions = decisions_of(item)
    if not 0 <= decision < len(decisions) or not isinstance(decisions[decision], dict):
        raise IngestError(_("There is no such decision, so nothing was changed."))
    return decisions[decision]


def _decision_fields(heading: str | None, text: str | None) -> dict:
    text = _limited((text or "").strip(), TEXT_LENGTH, _("The decision"))
    if not text:
        raise IngestError(_("Give the decision's text."))
    heading = _limited(fold(heading), HEADING_LENGTH, _("The sub-heading"))
    return {"heading": heading or None, "text": text}


def decision_edit(data: dict, index: int, decision: int, *, heading: str, text: str,
                  state: str | None = None) -> None:
    _decision_at(item_at(data, index, state), decision).update(
        _decision_fields(heading, text))


def decision_add(data: dict, index: int, *, heading: str, text: str,
                 state: str | None = None) -> int:
    decisions = decisions_of(item_at(data, index, state))
    decisions.append(_decision_fields(heading, text))
    return len(decisions) - 1


def decision_remove(data: dict, index: int, decision: int, *,
                    state: str | None = None) -> dict:
    item = item_at(data, index, state)
    _decision_at(item, decision)
    return decisions_of(item).pop(decision)


def paragraph_to_decision(data: dict, index: int, paragraph: int, *,
                          decision: int | None = None, state: str | None = None) -> int:
    """Move a paragraph of the item's text into a new decision (`decision` None), or to the
    end of an existing one; the decision's index. Lines broken by the page are joined."""
    item = item_at(data, index, state)
    text = item.get("text") or ""
    parts = paragraphs(text)
    if not 0 <= paragraph < len(parts):
        raise IngestError(_("There is no such paragraph, so nothing was changed."))
    moved = " ".join(parts.pop(paragraph).split())
    if decision is None:
        decisions_of(item).append({"heading": None, "text": moved, "paragraph": paragraph})
        decision = len(decisions_of(item)) - 1
    else:
        target = _decision_at(item, decision)
        target["text"] = f"{(target.get('text') or '').rstrip()}\n\n{moved}".strip()
    item["text"] = _joined(parts, _blocks(text))
    return decision


def decision_to_text(data: dict, index: int, decision: int, *,
                     state: str | None = None) -> int:
    """Move a decision back into the item's text, as a paragraph where it was taken from
    (when it was moved here from the text), else at the end; the paragraph's index. A
    sub-heading no other decision keeps goes with it, as the paragraph's first line."""
    item = item_at(data, index, state)
    moved = _decision_at(item, decision)
    decisions = decisions_of(item)
    del decisions[decision]
    written = (moved.get("text") or "").strip()
    heading = fold(moved.get("heading"))
    if heading and not any(fold(d.get("heading")) == heading for d in decisions
                           if isinstance(d, dict)):
        written = f"{heading}\n{written}"
    text = item.get("text") or ""
    parts = paragraphs(text)
    place = moved.get("paragraph")
    if not isinstance(place, int) or not 0 <= place <= len(parts):
        place = len(parts)
    parts.insert(place, written)
    # A text of one line per paragraph stays so, unless the paragraph spans lines itself.
    blocks = _blocks(text) or "\n" not in text.strip() or "\n" in written
    item["text"] = _joined(parts, blocks)
    return place


# --- votes and reservations -------------------------------------------------------------


def _count(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= COUNT_MAX:
        raise IngestError(_("%(what)s must be a whole number, 0 or more.") % {"what": what})
    return value


def _member(member: dict) -> dict:
    name = _limited(fold(member.get("name")), NAME_LENGTH, _("A member's name"))
    if not name:
        raise IngestError(_("Give each member's name."))
    vote = member.get("vote")
    if vote not in VOTE_CHOICES:
        raise IngestError(_("Choose how %(name)s voted.") % {"name": name})
    affiliation = _limited(fold(member.get("affiliation")), AFFILIATION_LENGTH,
                           _("A member's affiliation"))
    return {"name": name, "affiliation": affiliation or None, "vote": vote}


def votes_set(data: dict, index: int, *, yes: int, no: int, abstain: int,
              members: list[dict] | None = None, state: str | None = None) -> None:
    """The item's vote: its counts and, when given, who voted how (None keeps the list)."""
    item = item_at(data, index, state)
    counts = {
        "yes": _count(yes, _("Yes")), "no": _count(no, _("No")),
        "abstain": _count(abstain, _("Abstaining")),
    }
    votes = item.get("votes") if isinstance(item.get("votes"), dict) else {"members": []}
    if members is not None:
        votes["members"] = [_member(member) for member in members]
    votes.setdefault("members", [])
    votes.update(counts)
    item["votes"] = votes


def votes_remove(data: dict, index: int, *, state: str | None = None) -> None:
    item = item_at(data, index, state)
    if not item.get("votes"):
        raise IngestError(_("The item has no vote, so nothing was changed."))
    item["votes"] = None


def reservations_of(item: dict) -> list[dict]:
    reservations = item.get("reservations")
    if not isinstance(reservations, list):
        reservations = item["reservations"] = []
    return reservations


def _reservation_fields(name: str | None, affiliation: str | None, text: str | None) -> dict:
    name = _limited(fold(name), NAME_LENGTH, _("The name"))
    affiliation = _limited(fold(affiliation), AFFILIATION_LENGTH, _("The affiliation"))
    if not name and not affiliation:
        raise IngestError(_("Give the name of who reserved themselves, or their party."))
    return {
        "name": name or None,
        "affiliation": affiliation or None,
        "text": _limited((text or "").strip(), TEXT_LENGTH, _("The text")) or None,
    }


def _reservation_at(item: dict, reservation: int) -> dict:
    reservations = reservations_of(item)
    if not 0 <= reservation < len(reservations) or not isinstance(
        reservations[reservation], dict
    ):
        raise IngestError(_("There is no such reservation, so nothing was changed."))
    return reservations[reservation]


def reservation_edit(data: dict, index: int, reservation: int, *, name: str,
                     affiliation: str, text: str, state: str | None = None) -> None:
    _reservation_at(item_at(data, index, state), reservation).update(
        _reservation_fields(name, affiliation, text))


def reservation_add(data: dict, index: int, *, name: str, affiliation: str, text: str,
                    state: str | None = None) -> int:
    reservations = reservations_of(item_at(data, index, state))
    reservations.append(_reservation_fields(name, affiliation, text))
    return len(reservations) - 1


def reservation_remove(data: dict, index: int, reservation: int, *,
                       state: str | None = None) -> dict:
    item = item_at(data, index, state)
    _reservation_at(item, reservation)
    return reservations_of(item).pop(reservation)
