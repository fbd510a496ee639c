"""A synthetic meeting written out as minutes text, in the seeds' format.

Letterhead, title, "Tid"/"Plats", the attendee lists under their headings, numbered items
with their "Beslut" blocks, and the signatures. Wording varies between meetings (labels,
headings, how the date is written, how decisions are set out) the way real minutes do,
chosen by the meeting's `layout` number so that the same meeting always reads the same.
"""

from __future__ import annotations

import random

from .data import MONTHS, WEEKDAYS
from .generator import ABSENT, ADJUSTER, CHAIR, OTHER, PRESENT, SECRETARY, SyntheticMeeting

WIDTH = 90  # characters a line of running text is wrapped at
_ROLE_WORDS = {CHAIR: "ordförande", SECRETARY: "sekreterare", ADJUSTER: "justerare"}
_STATUS_HEADINGS = {
    PRESENT: ("Deltagare", "Närvarande ledamöter", "Beslutande", "Ledamöter"),
    OTHER: ("Övriga deltagare", "Övriga närvarande", "Tjänstepersoner", "Övriga"),
    ABSENT: ("Frånvarande", "Ej närvarande", "Anmält förhinder"),
}
_DECISION_MARKERS = ("Beslut", "Beslut:", "Nämnden beslutar", "Beslutet")
_SECRETARY_LABELS = ("Vid protokollet", "Vid anteckningarna", "Sekreterare")
_ADJUSTER_LABELS = ("Justerat", "Justeras", "Justerare")


def minutes_text(meeting: SyntheticMeeting) -> str:
    """The meeting as a minutes text file's content."""
    return "\n".join(minutes_lines(meeting)) + "\n"


def minutes_lines(meeting: SyntheticMeeting) -> list[str]:
    """The lines of the minutes; "" is a blank line, "\\t" separates signature columns."""
    rng = random.Random(meeting.layout)
    lines = _header(meeting, rng)
    for item in meeting.items:
        lines.extend(_item(meeting, item, rng))
    lines.extend(_signatures(meeting, rng))
    return lines


def wrap(text: str, width: int = WIDTH, *, never_first: frozenset[str] = frozenset()) -> list[str]:
    """Lines of at most about `width` characters, broken at single spaces only.

    No line ends in a hyphen ("Barn-" would read as a hyphenated word) and no line after
    the first starts with a word in `never_first` (an "att" would open a new decision).
    """
    lines: list[str] = []
    current: list[str] = []
    length = 0
    for word in text.split(" "):
        if (current and length + 1 + len(word) > width and not current[-1].endswith("-")
                and word.casefold() not in never_first):
            lines.append(" ".join(current))
            current, length = [word], len(word)
        else:
            length += len(word) + bool(current)
            current.append(word)
    if current:
        lines.append(" ".join(current))
    return lines


def when_text(meeting: SyntheticMeeting, variant: int) -> str:
    start, end = meeting.start, meeting.end
    weekday = WEEKDAYS[start.weekday()]
    date = f"{start.day} {MONTHS[start.month - 1]} {start.year}"
    times = (f"{start:%H.%M}", f"{end:%H.%M}")
    if variant == 0:
        return f"{weekday.capitalize()}en den {date} kl {times[0]}-{times[1]}"
    if variant == 1:
        return f"{weekday} {date}, kl. {times[0]}–{times[1]}"
    if variant == 2:
        return f"{start:%Y-%m-%d}, kl. {times[0]}–{times[1]}"
    if variant == 3:
        return f"{weekday.capitalize()}en den {date} klockan {times[0]} – {times[1]}"
    return f"{date} kl. {start.hour}.{start:%M}-{times[1]}"


def _header(meeting: SyntheticMeeting, rng: random.Random) -> list[str]:
    letterhead = meeting.letterhead
    if letterhead.endswith(" kommun") and rng.random() < 0.3:
        letterhead = letterhead.upper()
    lines = [letterhead]
    if meeting.url and rng.random() < 0.5:
        lines.append(meeting.url)
    lines += ["", meeting.title, ""]
    time_label = rng.choice(("Tid", "Tid:", "Datum och tid:"))
    lines.append(f"{time_label} {when_text(meeting, rng.randrange(5))}")
    lines.append(f"{rng.choice(('Plats', 'Plats:', 'Lokal:'))} {meeting.place}")
    for status in (PRESENT, OTHER, ABSENT):
        listed = [a for a in meeting.attendees if a.status == status]
        if listed:
            lines += ["", rng.choice(_STATUS_HEADINGS[status])]
            lines.extend(_attendee_line(meeting, attendee) for attendee in listed)
    lines.append("")
    if rng.random() < 0.4:
        lines += [rng.choice(("Ärenden", "Ärenden:")), ""]
    return lines


def _attendee_line(meeting: SyntheticMeeting, attendee) -> str:
    parts = [f"{attendee.name} {attendee.affiliation}"]
    if attendee.role:
        parts.append(_ROLE_WORDS[attendee.role])
    if attendee.items:
        numbers = ", ".join(str(n) for n in attendee.items)
        parts.append(f"endast punkt {numbers}" if meeting.numbering == "dot" else f"§ {numbers}")
    return ", ".join(parts)


def _item(meeting: SyntheticMeeting, item, rng: random.Random) -> list[str]:
    heading = f"{item.number}. {item.title}" if meeting.numbering == "dot" else (
        f"§ {item.number} {item.title}")
    lines = [heading, ""]
    for paragraph in item.text.split("\n\n"):
        lines += [*wrap(paragraph), ""]
    if not item.decisions:
        return lines
    if item.decision_style == "inline":
        return lines + [*wrap(f"Beslut: {item.decisions[0]}"), ""]
    lines += [rng.choice(_DECISION_MARKERS), ""]
    for decision in item.decisions:
        if item.decision_style == "att":
            lines += wrap(decision, never_first=frozenset({"att"}))
        elif item.decision_style == "bullet":
            lines += wrap(f"- {decision}")
        else:
            lines += [*wrap(decision), ""]
    if lines[-1]:
        lines.append("")
    return lines


def _signatures(meeting: SyntheticMeeting, rng: random.Random) -> list[str]:
    lines = [rng.choice(_SECRETARY_LABELS), "", meeting.secretary, ""]
    if rng.random() < 0.5:
        lines += ["Ordförande", "", meeting.chair, ""]
    if meeting.adjusters:
        lines += [rng.choice(_ADJUSTER_LABELS), "", "\t".join(meeting.adjusters), ""]
    return lines[:-1]
