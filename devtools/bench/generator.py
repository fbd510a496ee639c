"""Synthetic meetings: the facts of one meeting of a generated archive, from a seed and an index.

Meeting `index` of the archive made with `seed` depends on nothing else, so any range of
indexes can be generated in any process, in any order, with the same result. What recurs
across meetings (the people of each organisation, a body's members in each four-year term)
is drawn from the seed alone and cached per process.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from functools import cache

from . import prose
from .data import (
    BUILDINGS,
    FIRST_NAMES,
    GUEST_ORGANISATIONS,
    LAST_NAMES,
    MUNICIPAL_BODIES,
    MUNICIPAL_BODIES_ALWAYS,
    MUNICIPALITIES,
    OTHER_BODIES,
    OTHER_ORGANISATIONS,
    ROOMS,
    SODERTORN_BODIES,
    SODERTORNSKOMMUNERNA,
    TOPICS,
    Organisation,
)
from .vocabulary import vocabulary

PRESENT, OTHER, ABSENT = "present", "other", "absent"
CHAIR, SECRETARY, ADJUSTER = "chair", "secretary", "adjuster"
FIRST_DAY = dt.date(1996, 1, 1)
LAST_DAY = dt.date(2025, 12, 31)
PEOPLE_PER_ORGANISATION = 450
_START_TIMES = ((8, 30), (9, 0), (9, 30), (10, 0), (13, 0), (13, 30), (14, 0), (15, 0),
                (17, 30), (18, 0), (18, 30), (19, 0))


@dataclass(frozen=True)
class SyntheticAttendee:
    name: str
    affiliation: str
    status: str  # "present", "other" or "absent"
    role: str | None = None  # "chair", "secretary", "adjuster" or None
    items: tuple[int, ...] | None = None  # the items a guest attended; None: all


@dataclass(frozen=True)
class SyntheticItem:
    number: str
    title: str
    text: str  # paragraphs separated by one blank line
    decisions: tuple[str, ...]
    # How the minutes write the decisions: "att" lines, "bullet" points, "para"graphs, or
    # "inline" after "Beslut:".
    decision_style: str


@dataclass(frozen=True)
class SyntheticMeeting:
    seed: int
    index: int
    body: str
    organisation: str  # as the parser names it from the letterhead
    letterhead: str
    url: str | None
    title: str
    start: dt.datetime
    end: dt.datetime
    place: str
    attendees: tuple[SyntheticAttendee, ...]  # present, then others, then absent
    secretary: str
    adjusters: tuple[str, ...]
    chair: str
    items: tuple[SyntheticItem, ...]
    numbering: str  # "dot" ("1. Title") or "paragraph" ("§ 112 Title")
    layout: int  # chooses the wording of labels and headings when written out


@dataclass(frozen=True)
class _Body:
    name: str
    organisation: Organisation
    member_organisations: tuple[Organisation, ...]


@dataclass(frozen=True)
class _Person:
    name: str
    organisation: Organisation


@dataclass(frozen=True)
class _Roster:
    members: tuple[_Person, ...]  # the first is the chair
    officials: tuple[_Person, ...]  # the first is the secretary


@cache
def bodies(seed: int) -> tuple[_Body, ...]:
    """About forty bodies: each municipality's own, Södertörnskommunerna's and a few more."""
    rng = random.Random(f"{seed}/bodies")
    found: list[_Body] = []
    for municipality in MUNICIPALITIES:
        names = MUNICIPAL_BODIES_ALWAYS + tuple(rng.sample(MUNICIPAL_BODIES, 2))
        found.extend(_Body(name, municipality, (municipality,)) for name in names)
    found.extend(_Body(name, SODERTORNSKOMMUNERNA, MUNICIPALITIES) for name in SODERTORN_BODIES)
    for organisation in OTHER_ORGANISATIONS:
        found.extend(_Body(name, organisation, MUNICIPALITIES)
                     for name in OTHER_BODIES[organisation.key])
    return tuple(found)


@cache
def _people(seed: int, organisation_key: str) -> tuple[str, ...]:
    rng = random.Random(f"{seed}/people/{organisation_key}")
    names: dict[str, None] = {}
    while len(names) < PEOPLE_PER_ORGANISATION:
        names.setdefault(f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}", None)
    return tuple(names)


def _guest_organisation(name: str) -> Organisation:
    return Organisation(name, name, name, None, None)


@cache
def _roster(seed: int, body: _Body, term: int) -> _Roster:
    """The members and officials of a body in one four-year term of office."""
    rng = random.Random(f"{seed}/roster/{body.organisation.key}/{body.name}/{term}")
    members: list[_Person] = []
    size = rng.randint(7, 13)
    while len(members) < size:
        organisation = rng.choice(body.member_organisations)
        person = _Person(rng.choice(_people(seed, organisation.key)), organisation)
        if person.name not in {m.name for m in members}:
            members.append(person)
    officials: list[_Person] = []
    size = rng.randint(3, 5)
    while len(officials) < size:
        person = _Person(rng.choice(_people(seed, body.organisation.key)), body.organisation)
        if person.name not in {p.name for p in members + officials}:
            officials.append(person)
    return _Roster(tuple(members), tuple(officials))


def _affiliation(organisation: Organisation, short: bool) -> str:
    if organisation.municipality is not None:
        return organisation.municipality if short else organisation.written
    return organisation.affiliation or organisation.written


def _meeting_day(rng: random.Random) -> dt.date:
    span = (LAST_DAY - FIRST_DAY).days
    day = FIRST_DAY + dt.timedelta(days=rng.randint(0, span))
    if day.weekday() >= 5:  # meetings are held on weekdays
        day -= dt.timedelta(days=day.weekday() - 4)
    return day


def synthetic_meeting(seed: int, index: int) -> SyntheticMeeting:
    """Meeting number `index` of the synthetic archive generated with `seed`."""
    rng = random.Random(f"{seed}/{index}")
    body = rng.choice(bodies(seed))
    day = _meeting_day(rng)
    hour, minute = rng.choice(_START_TIMES)
    start = dt.datetime.combine(day, dt.time(hour, minute))
    end = start + dt.timedelta(minutes=rng.randrange(30, 240, 5))
    if end.date() != day:
        end = dt.datetime.combine(day, dt.time(23, 55))
    roster = _roster(seed, body, (day.year - 1994) // 4)
    attendees = _attendees(rng, roster)
    present = [a.name for a in attendees if a.status == PRESENT]
    numbering = "paragraph" if rng.random() < 0.4 else "dot"
    items = _items(rng, numbering, day.year, present, [a for a in attendees if a.items])
    attendees = _guests_to_items(attendees, items)
    adjusters = tuple(a.name for a in attendees if a.role == ADJUSTER)
    return SyntheticMeeting(
        seed=seed,
        index=index,
        body=body.name,
        organisation=body.organisation.written,
        letterhead=body.organisation.letterhead,
        url=body.organisation.url,
        title=_title(rng, body.name),
        start=start,
        end=end,
        place=_place(rng, body.organisation),
        attendees=attendees,
        secretary=roster.officials[0].name,
        adjusters=adjusters,
        chair=roster.members[0].name,
        items=items,
        numbering=numbering,
        layout=rng.getrandbits(32),
    )


def _title(rng: random.Random, body: str) -> str:
    return rng.choice((f"Protokoll {body}", f"Sammanträdesprotokoll, {body}",
                       f"{body}, protokoll", f"Minnesanteckningar från möte med {body}"))


def _place(rng: random.Random, organisation: Organisation) -> str:
    where = organisation.municipality or rng.choice(MUNICIPALITIES).municipality
    return rng.choice((f"{rng.choice(BUILDINGS)}, {where}", f"{rng.choice(ROOMS)}, {where}",
                       f"{rng.choice(ROOMS)}, {rng.choice(BUILDINGS).lower()}"))


def _attendees(rng: random.Random, roster: _Roster) -> tuple[SyntheticAttendee, ...]:
    short = rng.random() < 0.5
    chair, *others = roster.members
    absent = [m for m in others if rng.random() < 0.12]
    present = [m for m in others if m not in absent]
    adjusters = set(rng.sample([m.name for m in present], min(len(present), rng.randint(1, 2))))
    result = [SyntheticAttendee(chair.name, _affiliation(chair.organisation, short), PRESENT,
                                CHAIR)]
    result.extend(
        SyntheticAttendee(m.name, _affiliation(m.organisation, short), PRESENT,
                          ADJUSTER if m.name in adjusters else None)
        for m in present
    )
    secretary, *officials = roster.officials
    result.append(SyntheticAttendee(secretary.name, _affiliation(secretary.organisation, short),
                                    OTHER, SECRETARY))
    result.extend(SyntheticAttendee(p.name, _affiliation(p.organisation, short), OTHER)
                  for p in officials if rng.random() < 0.7)
    taken = {a.name for a in result} | {m.name for m in absent}
    for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
        # A guest from another organisation, for one item: which one is settled with the items.
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if name not in taken:
            taken.add(name)
            result.append(SyntheticAttendee(name, rng.choice(GUEST_ORGANISATIONS), OTHER,
                                            items=(0,)))
    result.extend(SyntheticAttendee(m.name, _affiliation(m.organisation, short), ABSENT)
                  for m in absent)
    return tuple(result)


def _item_count(rng: random.Random) -> int:
    return min(25, max(3, round(rng.gammavariate(4.0, 2.5))))


# Shares of short, medium and long item texts; of items with 0, 1, 2 and 3 decisions.
_LENGTHS = ((0.35, prose.SHORT), (0.80, prose.MEDIUM), (1.0, prose.LONG))
_DECISION_COUNTS = ((0.3, 0), (0.7, 1), (0.9, 2), (1.0, 3))
_DECISION_STYLES = ("att", "att", "para", "bullet", "inline")


def _share(value: float, shares: tuple[tuple[float, object], ...]):
    """The choice whose cumulative share first exceeds `value` (cheaper than choices())."""
    for limit, choice in shares:
        if value < limit:
            return choice
    return shares[-1][1]


def _items(rng: random.Random, numbering: str, year: int, present: list[str],
           guests: list[SyntheticAttendee]) -> tuple[SyntheticItem, ...]:
    words = vocabulary()
    uniform = rng.random
    count = max(_item_count(rng), len(guests) + 1)
    first = 1 if numbering == "dot" else rng.randint(1, 180)
    result = []
    for position, title in enumerate(prose.titles(rng, count, year)):
        presenter = prose.pick(rng, present) if uniform() < 0.3 else None
        text = prose.item_text(rng, words, _share(uniform(), _LENGTHS), presenter)
        style = _DECISION_STYLES[int(uniform() * len(_DECISION_STYLES))]
        decisions = _share(uniform(), _DECISION_COUNTS)
        if style == "inline":
            decisions = min(decisions, 1)
        topic = f"{title[:1].lower()}{title[1:]}" if uniform() < 0.5 else prose.pick(rng, TOPICS)
        texts = tuple(
            prose.decision(rng, style, prose.pick(rng, present) if uniform() < 0.3 else None,
                           topic, text)
            for _ in range(decisions)
        )
        result.append(SyntheticItem(str(first + position), title, text, texts, style))
    return tuple(result)


def _guests_to_items(attendees: tuple[SyntheticAttendee, ...],
                     items: tuple[SyntheticItem, ...]) -> tuple[SyntheticAttendee, ...]:
    """Each guest attends one item of their own, the later ones later on the agenda."""
    numbers = [int(item.number) for item in items]
    result = []
    guest = 0
    for attendee in attendees:
        if attendee.items:
            guest += 1
            attendee = SyntheticAttendee(attendee.name, attendee.affiliation, attendee.status,
                                         attendee.role, (numbers[guest],))
        result.append(attendee)
    return tuple(result)
