"""Where decisions refer to a person, for merges and the GDPR export (municipalities.references).

Registered in DecisionsConfig.ready(): the decisions assigned to the person.
"""

from __future__ import annotations

from decisions.models import Decision
from minutes.person_references import meeting_summary, newest_first
from municipalities.models import Person
from municipalities.references import MergePart


class DecisionsReferences:
    name = "decisions"

    def merge_part(self, *, keep: Person, merge: Person) -> MergePart:
        decisions = list(
            Decision.objects.filter(assigned=merge)
            .select_related("item__meeting__body")
            .order_by("item__meeting__start_date", "item__meeting_id", "item__order", "order")
        )

        def apply() -> None:
            for decision in decisions:
                decision.assigned.remove(merge)
                decision.assigned.add(keep)

        return MergePart(
            moves={"decisions": decisions},
            touched=list(decisions),
            counts={"decisions": len(decisions)},
            apply=apply,
        )

    def export_sections(self, *, person: Person) -> dict[str, list[dict]]:
        rows = (
            Decision.objects.filter(assigned=person)
            .select_related("item__meeting__body")
            .order_by(*newest_first("item__meeting__"), "item__order", "order")
        )
        return {
            "decisions_assigned": [
                {
                    "decision_id": decision.pk,
                    "heading": decision.heading,
                    "text": decision.text,
                    "item": {"number": decision.item.number, "title": decision.item.title},
                    "meeting": meeting_summary(decision.item.meeting),
                }
                for decision in rows
            ]
        }
