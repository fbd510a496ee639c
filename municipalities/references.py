"""Records in other apps that refer to a person: their part in a merge and in the GDPR export.

municipalities knows people; the apps above it know where people appear (minutes: the
attendances and the meetings' secretary and adjusters; decisions: the decisions assigned).
Dependencies run one way, so municipalities imports none of them. Instead each such app
registers a `PersonReferences` in its `AppConfig.ready()`:

    from municipalities.references import person_references
    person_references.register(MinutesReferences())

and `municipalities.services.person_merge_plan`, `person_merge` and
`municipalities.export.person_export` ask every registered one, in registration order
(the order of INSTALLED_APPS). A contribution answers two questions:

- `merge_part(keep=, merge=)`: what merging `merge` into `keep` would do to its records, as
  a `MergePart`. Only reads; `MergePart.apply()` then makes the change, inside the merge's
  revision, and must leave nothing referring to `merge` (it is deleted right after).
- `export_sections(person=)`: its sections of the article 15 export, by key. The export
  places them in the order `municipalities.export.SECTION_ORDER` gives.

A record that refers to people and is not registered here is not moved by a merge and is
missing from the export: an app adding one registers it with the rest of its contribution.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from django.db import models

from municipalities.models import Person


def iso_or_none(value) -> str | None:
    """A date or time as the export writes it, None as null."""
    return value.isoformat() if value is not None else None


@dataclass(frozen=True)
class MergeConflict:
    """Both people are referred to by one thing (they attended the same meeting).

    `kept` stays, `merged` is deleted by the merge.
    """

    kept: models.Model
    merged: models.Model


@dataclass(frozen=True)
class MergePart:
    """One app's share of a merge plan.

    `moves` names the lists the confirmation page shows (`plan.attendances`); `touched` is
    every object `apply` changes or deletes, for the snapshot undo reverts to; `counts` is
    recorded on the PersonMerge (`moved`).
    """

    moves: dict[str, list[models.Model]]
    touched: list[models.Model]
    counts: dict[str, int]
    apply: Callable[[], None]
    conflicts: list[MergeConflict] = field(default_factory=list)


class PersonReferences(Protocol):
    """What an app registers: its records' part in merges and in the export."""

    name: str

    def merge_part(self, *, keep: Person, merge: Person) -> MergePart: ...

    def export_sections(self, *, person: Person) -> dict[str, list[dict]]: ...


class PersonReferenceRegistry:
    """The registered contributions, by name, in registration order."""

    def __init__(self) -> None:
        self._contributions: dict[str, PersonReferences] = {}

    def register(self, contribution: PersonReferences) -> None:
        # By name, so that a second ready() (some test runners repeat it) replaces, not doubles.
        self._contributions[contribution.name] = contribution

    def __iter__(self) -> Iterator[PersonReferences]:
        return iter(list(self._contributions.values()))

    def __len__(self) -> int:
        return len(self._contributions)


person_references = PersonReferenceRegistry()
