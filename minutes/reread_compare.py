"""What a new reading of an imported original changes, field by field, against the stored
record, and the record it makes: three-way, with the reading the record was made from.

For each field (a fact of the meeting, an attendee, an item's number, title, case number,
text, decisions, vote and statements, or an item the record or a reading lacks):
- the new reading says what the old one did: nothing to show, the record stays;
- the record is as the old reading had it: the new reading is taken;
- the record differs from the old reading, a hand correction (made in the preview or later
  in the admin): the record is kept unless the secretary chooses the new reading.

    comparison = reading_compare(record=meeting_reading(meeting), old=source.parsed, new=new)
    comparison.changes          # what to show, each with its key
    comparison.merged(take={"item-3-title"})  # the reading to store, in comparable form
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from minutes.reading import reading_canonical
from municipalities.models import normalize_name

# (record, old, new) -> what the merged record holds; may note the change on its way.
Decide = Callable[[str, str, str, Any, Any, Any], Any]


@dataclass(frozen=True)
class Change:
    key: str  # the name of its checkbox
    section: str  # "Mötet", "Deltagare", "§ 5 Budget"
    label: str  # the field
    kind: str  # FIELD_KINDS: how its values are shown
    record: Any
    old: Any
    new: Any

    @property
    def corrected(self) -> bool:
        """The record differs from the reading it was made from: a hand correction."""
        return self.record != self.old


def _chosen(record: Any, old: Any, new: Any, take_new: bool) -> Any:
    if record == old or take_new:
        return new
    return record


@dataclass
class Comparison:
    record: dict[str, Any]
    old: dict[str, Any]
    new: dict[str, Any]
    changes: list[Change] = field(default_factory=list)

    @property
    def token(self) -> str:
        """Names what was compared: a form shown for other readings or another record is
        stale."""
        data = json.dumps([self.record, self.old, self.new], sort_keys=True, default=str)
        return hashlib.sha256(data.encode()).hexdigest()

    @property
    def corrections(self) -> list[Change]:
        return [change for change in self.changes if change.corrected]

    def merged(self, take: Collection[str] = ()) -> dict[str, Any]:
        """The record to store: the new reading where nobody corrected the record, the
        correction where one was made, unless its key is in `take`."""
        wanted = set(take)

        def decide(key, section, label, record, old, new):
            return _chosen(record, old, new, key in wanted)

        return _walk(self.record, self.old, self.new, decide)


def reading_compare(*, record: dict, old: dict | None, new: dict) -> Comparison:
    """Compare the record (minutes.reading.meeting_reading) with the reading it was made from
    (`old`, SourceDocument.parsed) and a new one (`new`), all in the parser's JSON form."""
    comparison = Comparison(
        record=reading_canonical(record), old=reading_canonical(old), new=reading_canonical(new)
    )

    def note(key, section, label, record, old, new):
        if old != new and record != new:
            comparison.changes.append(Change(key, section, label, _kind(key), record, old, new))
        return _chosen(record, old, new, False)

    _walk(comparison.record, comparison.old, comparison.new, note)
    return comparison


# How a field's values are shown (templates/minutes/includes/reread_value.html), by the end
# of its key.
FIELD_KINDS = (
    ("-adjusters", "names"),
    ("-sent_to", "names"),
    ("-decisions", "decisions"),
    ("-votes", "votes"),
    ("-reservations", "statements"),
    ("-recusals", "statements"),
    ("-notes", "statements"),
    ("-text", "long"),
    ("-whole", "item"),
)


def _kind(key: str) -> str:
    if key.startswith("attendee-"):
        return "attendee"
    return next((kind for end, kind in FIELD_KINDS if key.endswith(end)), "text")


def _facts() -> list[tuple[str, str]]:
    return [
        ("title", _("Title")),
        ("start", _("Start")),
        ("end", _("End")),
        ("place", _("Place")),
        ("organization", _("Organisation")),
        ("secretary", _("Secretary")),
        ("adjusters", _("Adjusted by")),
    ]


def _item_fields() -> list[tuple[str, str]]:
    return [
        ("number", _("Number")),
        ("title", _("Title")),
        ("case_number", _("Case number")),
        ("text", _("Text")),
        ("decisions", _("Decisions")),
        ("votes", _("Vote")),
        ("reservations", _("Reservations")),
        ("recusals", _("Recusals")),
        ("notes", _("Protocol notes")),
        ("sent_to", _("Sent to")),
    ]


def _walk(record: dict, old: dict, new: dict, decide: Decide) -> dict[str, Any]:
    meeting = _("The meeting")
    merged: dict[str, Any] = {"body": new.get("body")}
    for name, label in _facts():
        merged[name] = decide(f"meeting-{name}", meeting, label,
                              record[name], old[name], new[name])
    merged["attendees"] = _walk_attendees(record, old, new, decide)
    merged["items"] = _walk_items(record, old, new, decide)
    return merged


# --- attendees --------------------------------------------------------------------------


@dataclass
class _Triple:
    """One thing as the record, the old and the new reading have it, and where."""

    record: Any = None
    old: Any = None
    new: Any = None
    at_record: int | None = None
    at_old: int | None = None
    at_new: int | None = None


def _walk_attendees(record: dict, old: dict, new: dict, decide: Decide) -> list[dict]:
    triples: dict[str, _Triple] = {}
    for side in ("new", "record", "old"):
        for at, attendee in enumerate({"record": record, "old": old, "new": new}[side][
                "attendees"]):
            triple = triples.setdefault(normalize_name(attendee["name"]), _Triple())
            setattr(triple, side, attendee)
            setattr(triple, f"at_{side}", at)
    section = _("Attendees")
    merged = []
    for number, triple in enumerate(_in_order(list(triples.values()))):
        label = (triple.record or triple.new or triple.old)["name"]
        chosen = decide(f"attendee-{number}", section, label,
                        triple.record, triple.old, triple.new)
        if chosen is not None:
            merged.append(chosen)
    return merged


def _in_order(triples: list[_Triple]) -> list[_Triple]:
    """In the new reading's order; one it lacks after the one before it in the record (or,
    lacking there too, in the old reading)."""
    placed = [triple for triple in triples if triple.at_new is not None]

    def position(triple: _Triple) -> tuple[int, int, int]:
        if triple.at_new is not None:
            return triple.at_new, 0, 0
        side = "at_record" if triple.at_record is not None else "at_old"
        own = getattr(triple, side)
        before = [other.at_new for other in placed
                  if getattr(other, side) is not None and getattr(other, side) < own]
        return max(before, default=-1), 1, own

    return sorted(triples, key=position)


# --- items ------------------------------------------------------------------------------


def _pairs(first: list[dict], second: list[dict], *, by_place: bool) -> dict[int, int]:
    """Index in `first` -> index in `second` of the same item: by number, then (when
    `by_place`) the rest by their place in the list."""
    numbers: dict[str, int] = {}
    for at, item in enumerate(second):
        numbers.setdefault(item["number"], at)
    found: dict[int, int] = {}
    for at, item in enumerate(first):
        other = numbers.get(item["number"])
        if other is not None and other not in found.values():
            found[at] = other
    if by_place:
        taken = set(found.values())
        for at in range(min(len(first), len(second))):
            if at not in found and at not in taken:
                found[at] = at
                taken.add(at)
    return found


def _item_triples(record: list[dict], old: list[dict], new: list[dict]) -> list[_Triple]:
    record_old = _pairs(record, old, by_place=True)
    old_new = _pairs(old, new, by_place=True)
    triples = []
    old_record = {at_old: at for at, at_old in record_old.items()}
    for at_old, item in enumerate(old):
        at_record, at_new = old_record.get(at_old), old_new.get(at_old)
        triples.append(_Triple(
            record[at_record] if at_record is not None else None, item,
            new[at_new] if at_new is not None else None, at_record, at_old, at_new,
        ))
    # Items added by hand, and items only the new reading finds: the same when their
    # numbers are.
    added = [at for at in range(len(record)) if at not in record_old]
    found = [at for at in range(len(new)) if at not in old_new.values()]
    added_found = _pairs([record[at] for at in added], [new[at] for at in found],
                         by_place=False)
    for place, at in enumerate(added):
        at_new = found[added_found[place]] if place in added_found else None
        triples.append(_Triple(record[at], None, new[at_new] if at_new is not None else None,
                               at, None, at_new))
    paired_new = {triple.at_new for triple in triples}
    triples.extend(_Triple(None, None, new[at], None, None, at)
                   for at in range(len(new)) if at not in paired_new)
    return _in_order(triples)


def _bare(item: dict | None) -> dict | None:
    """An item as compared whole: every vote of it is its last one's business."""
    if item is None:
        return None
    return {key: value for key, value in item.items() if key != "all_votes"}


def _walk_items(record: dict, old: dict, new: dict, decide: Decide) -> list[dict]:
    merged = []
    for number, triple in enumerate(
        _item_triples(record["items"], old["items"], new["items"])
    ):
        shown = triple.record or triple.new or triple.old
        section = f"§ {shown['number']} {shown['title']}".strip()
        key = f"item-{number}"
        if triple.record is None or triple.old is None or triple.new is None:
            chosen = decide(f"{key}-whole", section, _("The whole item"),
                            _bare(triple.record), _bare(triple.old), _bare(triple.new))
            if chosen is not None:
                merged.append(triple.record if chosen == _bare(triple.record) else triple.new)
            continue
        item = {
            name: decide(f"{key}-{name}", section, label,
                         triple.record[name], triple.old[name], triple.new[name])
            for name, label in _item_fields()
        }
        # A vote kept from the record keeps the record's earlier (procedural) votes too.
        item["all_votes"] = (
            triple.record["all_votes"] if item["votes"] == triple.record["votes"]
            else ([item["votes"]] if item["votes"] else [])
        )
        merged.append(item)
    return merged
