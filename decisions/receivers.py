"""Decisions stored with the minutes they belong to: minutes' write pipeline sends
`minutes.signals.items_stored` inside its transaction, and `decisions_store` adds each item's
decisions and the people each one assigns, `votes_statements_store` its votes (who voted
how), reservations, recusals and protocol notes (connected in decisions/apps.py)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import reversion

from decisions.models import Ballot, Decision, Statement, Vote
from minutes.models import AgendaItem, Attendance, Meeting
from municipalities.models import Organization, Person, fold_whitespace, normalize_name
from municipalities.services import PersonKey, people_resolve
from parsing import ParsedItem

# How many of a body's latest earlier meetings count as its "recent lists" when a
# decision names someone who is not on this meeting's own list.
RECENT_MEETINGS = 5


def decisions_store(
    sender,
    *,
    meeting: Meeting,
    items: Sequence[AgendaItem],
    parsed_items: Sequence[ParsedItem],
    people: list[tuple[str, Person]],
    **kwargs,
) -> None:
    """Each item's decisions and who each decision assigns, in two inserts."""
    decisions = Decision.objects.bulk_create([
        Decision(
            item=item,
            text=parsed_decision.text,
            heading=(parsed_decision.heading or "")[:300],
            order=order,
        )
        for item, parsed_item in zip(items, parsed_items, strict=True)
        for order, parsed_decision in enumerate(parsed_item.decisions)
    ])
    recent: list[tuple[str, Person]] | None = None  # the body's recent lists, when needed
    assignments = []
    for decision in decisions:
        text = fold_whitespace(decision.text)
        assigned = _assigned_people(text, people)
        if not assigned and meeting.body_id:
            if recent is None:
                recent = _recent_body_people(meeting)
            assigned = _assigned_people(text, recent)
        assignments.extend(
            Decision.assigned.through(decision=decision, person=person) for person in assigned
        )
    Decision.assigned.through.objects.bulk_create(assignments)
    if reversion.is_active():
        # bulk_create sends no post_save, which is how reversion sees other saves.
        for decision in decisions:
            reversion.add_to_revision(decision)


def _mentions(text: str, name: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


def _assigned_people(text: str, people: list[tuple[str, Person]]) -> list[Person]:
    """Attendees a decision names: by full name, or by a first name only one of them has."""
    first_names: dict[str, list[Person]] = {}
    for written, person in people:
        first = written.split()[0] if written.split() else ""
        if first:
            first_names.setdefault(first, []).append(person)
    named: dict[int, Person] = {}
    for written, person in people:
        full = fold_whitespace(written)
        first = full.split()[0] if full else ""
        if (full and _mentions(text, full)) or (
            first and len(first_names.get(first, [])) == 1 and _mentions(text, first)
        ):
            named[person.pk] = person
    return list(named.values())


def _recent_body_people(meeting: Meeting) -> list[tuple[str, Person]]:
    """(name as written, person) from the attendance lists of the body's latest meetings."""
    earlier = (
        Meeting.objects.filter(body_id=meeting.body_id)
        .exclude(pk=meeting.pk)
        .newest_first()
        .values_list("pk", flat=True)[:RECENT_MEETINGS]
    )
    attendances = Attendance.objects.filter(meeting__in=list(earlier)).select_related("person")
    seen: dict[int, tuple[str, Person]] = {}
    for attendance in attendances:
        seen.setdefault(attendance.person_id, (attendance.person.full_name, attendance.person))
    return list(seen.values())


def votes_statements_store(
    sender,
    *,
    meeting: Meeting,
    items: Sequence[AgendaItem],
    parsed_items: Sequence[ParsedItem],
    people: list[tuple[str, Person]],
    **kwargs,
) -> None:
    """Each item's votes with who voted how, and its reservations, recusals and notes.

    A name is the attendee written so when there is one, else whoever the resolver says
    (municipalities.services.people_resolve, as for attendees); a party's reservation
    without a name keeps the party and no person.
    """
    pairs = list(zip(items, parsed_items, strict=True))
    person_of = _people_named(pairs, people)
    votes, ballots, statements = [], [], []
    for item, parsed_item in pairs:
        all_votes = parsed_item.all_votes or ((parsed_item.votes,) if parsed_item.votes else ())
        for order, parsed_vote in enumerate(all_votes):
            vote = Vote(item=item, order=order, yes=parsed_vote.yes, no=parsed_vote.no,
                        abstain=parsed_vote.abstain)
            votes.append(vote)
            ballots.extend(
                Ballot(vote=vote, person=person_of[_written(m.name, m.affiliation)],
                       name_as_written=m.name[:200],
                       affiliation_as_written=(m.affiliation or "")[:300],
                       choice=m.vote, order=position)
                for position, m in enumerate(parsed_vote.members)
                if m.vote in Ballot.Choice.values and fold_whitespace(m.name)
            )
        for kind, said in _statements(parsed_item):
            statements.extend(
                Statement(
                    item=item, kind=kind, order=position,
                    person=person_of.get(_written(s.name, s.affiliation)) if s.name else None,
                    name_as_written=(s.name or "")[:200],
                    affiliation_as_written=(s.affiliation or "")[:300],
                    text=s.text or "",
                )
                for position, s in enumerate(said)
                if (s.name and fold_whitespace(s.name)) or s.affiliation
            )
    Vote.objects.bulk_create(votes)
    Ballot.objects.bulk_create(ballots)
    Statement.objects.bulk_create(statements)
    if reversion.is_active():
        for record in (*votes, *ballots, *statements):
            reversion.add_to_revision(record)


def _statements(parsed_item: ParsedItem):
    return (
        (Statement.Kind.RESERVATION, parsed_item.reservations),
        (Statement.Kind.RECUSAL, parsed_item.recusals),
        (Statement.Kind.NOTE, parsed_item.notes),
    )


def _written(name: str | None, affiliation: str | None) -> tuple[str, str]:
    return fold_whitespace(name or ""), fold_whitespace(affiliation or "")


def _people_named(
    pairs: list[tuple[AgendaItem, ParsedItem]], people: list[tuple[str, Person]]
) -> dict[tuple[str, str], Person]:
    """The person of each (name, affiliation) that votes or states something: the meeting's
    attendee of that name, else the resolver's person (created when new)."""
    attendees = {normalize_name(written): person for written, person in people}
    loosely = {_loose(written): person for written, person in people}
    written: set[tuple[str, str]] = set()
    for _item, parsed_item in pairs:
        for parsed_vote in parsed_item.all_votes or (
            (parsed_item.votes,) if parsed_item.votes else ()
        ):
            written.update(_written(m.name, m.affiliation) for m in parsed_vote.members)
        for _kind, said in _statements(parsed_item):
            written.update(_written(s.name, s.affiliation) for s in said if s.name)
    found: dict[tuple[str, str], Person] = {}
    keys: dict[tuple[str, str], PersonKey] = {}
    organizations: dict[str, Organization | None] = {}
    for name, affiliation in written:
        if not name:
            continue
        person = attendees.get(normalize_name(name)) or _attendee_as_written_elsewhere(
            name, loosely
        )
        if person is not None:
            found[name, affiliation] = person
            continue
        if affiliation and affiliation not in organizations:
            organizations[affiliation] = Organization.objects.resolve(affiliation)
        organization = organizations.get(affiliation)
        keys[name, affiliation] = (name, organization.pk if organization else None)
    resolved = people_resolve(list(keys.values()))
    found.update({written_key: resolved[key] for written_key, key in keys.items()})
    return found


def _loose(name: str) -> str:
    """A name with accents, hyphens and case folded: "Ermin Škorić" and "Ermin Skoric",
    "Ann-Louise" and "Ann Louise" are one, as a protokoll writes one member differently in
    its attendance list and its vote table."""
    letters = unicodedata.normalize("NFKD", name.replace("-", " "))
    return " ".join("".join(c for c in letters if not unicodedata.combining(c)).lower().split())


def _attendee_as_written_elsewhere(name: str, loosely: dict[str, Person]) -> Person | None:
    """The meeting's attendee `name` is a variant of (accents, hyphens, or the genitive
    "Lisa Anderssons protokollsanteckning"), else None. Only within one meeting's list,
    where two members so alike do not sit."""
    key = _loose(name)
    return loosely.get(key) or (loosely.get(key[:-1]) if key.endswith("s") else None)
