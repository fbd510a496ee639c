"""The decisions app's part of a stored meeting in the parser's JSON form (parsing.to_dict):
each item's decisions, votes, reservations, recusals and notes, for comparing the record with
a new reading of its original. Answers `minutes.signals.record_read` (connected in
decisions/apps.py)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Prefetch

from decisions.models import Ballot, Decision, Statement, Vote
from minutes.models import AgendaItem, Meeting

_STATEMENT_KEYS = {
    Statement.Kind.RESERVATION: "reservations",
    Statement.Kind.RECUSAL: "recusals",
    Statement.Kind.NOTE: "notes",
}


def items_read(
    sender, *, meeting: Meeting, items: Sequence[AgendaItem], readings: Sequence[dict],
    **kwargs,
) -> None:
    """Fill each item's reading with what is stored under it, in three queries."""
    ids = [item.pk for item in items]
    decisions: dict[int, list[dict]] = {pk: [] for pk in ids}
    for decision in Decision.objects.filter(item_id__in=ids).order_by("item_id", "order"):
        decisions[decision.item_id].append(
            {"text": decision.text, "heading": decision.heading or None}
        )
    votes: dict[int, list[dict]] = {pk: [] for pk in ids}
    ballots = Prefetch("ballots", queryset=Ballot.objects.order_by("order", "pk"))
    for vote in (
        Vote.objects.filter(item_id__in=ids).order_by("item_id", "order")
        .prefetch_related(ballots)
    ):
        votes[vote.item_id].append({
            "yes": vote.yes, "no": vote.no, "abstain": vote.abstain,
            "members": [
                {"name": ballot.name_as_written,
                 "affiliation": ballot.affiliation_as_written or None,
                 "vote": ballot.choice}
                for ballot in vote.ballots.all()
            ],
        })
    statements: dict[int, dict[str, list[dict]]] = {
        pk: {key: [] for key in _STATEMENT_KEYS.values()} for pk in ids
    }
    for statement in Statement.objects.filter(item_id__in=ids).order_by("item_id", "order", "pk"):
        statements[statement.item_id][_STATEMENT_KEYS[statement.kind]].append({
            "name": statement.name_as_written or None,
            "affiliation": statement.affiliation_as_written or None,
            "text": statement.text or None,
        })
    for item, reading in zip(items, readings, strict=True):
        reading["decisions"] = decisions[item.pk]
        reading["votes"] = votes[item.pk][-1] if votes[item.pk] else None
        reading["all_votes"] = votes[item.pk]
        reading.update(statements[item.pk])
