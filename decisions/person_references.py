"""Where decisions refer to a person, for merges and the GDPR export (municipalities.references).

Registered in DecisionsConfig.ready(): the decisions assigned to the person, how they voted
(ballots), and their reservations, recusals and protocol notes (statements).
"""

from __future__ import annotations

from decisions.models import Ballot, Decision, Statement
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

        ballots = list(
            Ballot.objects.filter(person=merge).select_related("vote__item__meeting__body")
            .order_by("vote__item__meeting__start_date", "vote__item__meeting_id", "pk")
        )
        statements = list(
            Statement.objects.filter(person=merge).select_related("item__meeting__body")
            .order_by("item__meeting__start_date", "item__meeting_id", "pk")
        )

        def apply() -> None:
            for decision in decisions:
                decision.assigned.remove(merge)
                decision.assigned.add(keep)
            for record in (*ballots, *statements):
                record.person = keep
                record.save(update_fields=["person"])

        return MergePart(
            moves={"decisions": decisions, "ballots": ballots, "statements": statements},
            touched=[*decisions, *ballots, *statements],
            counts={
                "decisions": len(decisions),
                "ballots": len(ballots),
                "statements": len(statements),
            },
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
            ],
            "votes_cast": [
                {
                    "ballot_id": ballot.pk,
                    "name_as_written": ballot.name_as_written,
                    "affiliation_as_written": ballot.affiliation_as_written,
                    "vote": ballot.choice,
                    "vote_label": str(ballot.get_choice_display()),
                    "counts": {"yes": ballot.vote.yes, "no": ballot.vote.no,
                               "abstain": ballot.vote.abstain},
                    "item": _item(ballot.vote.item),
                    "meeting": meeting_summary(ballot.vote.item.meeting),
                }
                for ballot in Ballot.objects.filter(person=person)
                .select_related("vote__item__meeting__body")
                .order_by(*newest_first("vote__item__meeting__"), "vote__item__order", "pk")
            ],
            "statements": [
                {
                    "statement_id": statement.pk,
                    "kind": statement.kind,
                    "kind_label": str(statement.get_kind_display()),
                    "name_as_written": statement.name_as_written,
                    "affiliation_as_written": statement.affiliation_as_written,
                    "text": statement.text,
                    "item": _item(statement.item),
                    "meeting": meeting_summary(statement.item.meeting),
                }
                for statement in Statement.objects.filter(person=person)
                .select_related("item__meeting__body")
                .order_by(*newest_first("item__meeting__"), "item__order", "pk")
            ],
        }


def _item(item) -> dict:
    return {"number": item.number, "title": item.title, "case_number": item.case_number}
