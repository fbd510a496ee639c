"""A paragraph's sub-sections: "Beslut", "Sammanfattning av ärendet", "Reservation", ...

Only the sections that say what the body decided give decisions; the summary, the
background and the recipients never do. A decision paragraph broken by a page or column
gap (the next line goes on in lower case) stays one decision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lines import fold
from ..model import ParsedDecision, PersonStatement
from .names import party_of_group, people_with_party

_PLAIN_DECISION = re.compile(r"^(?:beslut|(?:\S+\s+){0,5}\S+s\s+beslut)$", re.IGNORECASE)
_PROPOSAL = re.compile(
    r"^(?:beslut\s*[–—-]\s*\S.*|förslag\s+till\s+beslut(?:\s+(?:i|till)\s+(?!.*sammanträdet)\S.*)?)$",
    re.IGNORECASE,
)
_OTHER = frozenset({
    "sammanfattning av ärendet", "sammanfattning", "ärendet", "ärendebeskrivning",
    "beskrivning av ärendet", "bakgrund", "beslutsunderlag", "handlingar", "yrkanden",
    "yrkande", "förslag till beslut på sammanträdet", "ärendets behandling på sammanträdet",
    "ärendets behandling", "propositionsordning", "beslutsgång", "omröstning",
    "omröstningsresultat", "votering", "reservation", "reservationer", "jäv",
    "deltar inte i beslutet", "deltar ej i beslutet", "deltar ej i beslut",
    "deltar inte i beslut", "protokollsanteckning", "protokollsanteckningar",
    "beslutet skickas till", "expedieras", "expedieras till", "skickas till", "expediering",
    "beslutsmotivering", "motivering", "motivering till beslut", "kommunicering",
    "upplysningar", "beslutet kan överklagas", "hur man överklagar", "särskilt yttrande",
    "särskilda yttranden", "ajournering", "information", "förvaltningens förslag till beslut",
})
_BULLET = re.compile(r"^(?:[-•*]\s+|\d{1,2}[.)]\s+|[a-z][.)]\s+)")
_SENTENCE_END = (".", "!", "?", ":", ";")


@dataclass(frozen=True)
class Section:
    heading: str  # as written; "" for the text before the first heading
    lines: tuple[str, ...]

    @property
    def key(self) -> str:
        return heading_key(self.heading)


def heading_key(line: str) -> str:
    return " ".join(line.casefold().rstrip(":").split())


def is_section(line: str) -> bool:
    line = fold(line)
    if not line or len(line) > 70:
        return False
    key = heading_key(line)
    return key in _OTHER or bool(_PLAIN_DECISION.match(key)) or bool(_PROPOSAL.match(key))


def split_sections(lines: list[str]) -> list[Section]:
    sections: list[Section] = []
    heading, current = "", []
    for raw in lines:
        if is_section(raw):
            sections.append(Section(heading, tuple(current)))
            heading, current = fold(raw).rstrip(":"), []
        else:
            current.append(raw)
    sections.append(Section(heading, tuple(current)))
    return [s for s in sections if s.heading or any(line.strip() for line in s.lines)]


def decisions(sections: list[Section]) -> list[ParsedDecision]:
    found: list[ParsedDecision] = []
    for section in sections:
        if not section.heading or section.key in _OTHER:
            continue
        heading = None if _PLAIN_DECISION.match(section.key) else section.heading
        found.extend(ParsedDecision(text, heading) for text in decision_texts(section.lines))
    return found


def decision_texts(lines: tuple[str, ...] | list[str]) -> list[str]:
    """One text per decision point: paragraphs, numbered points, bullets."""
    texts = [fold(" ".join(p)) for p in _paragraphs(lines)]
    # "beslutar att" + points: each point is a decision of its own, read with the lead-in.
    result: list[str] = []
    lead = ""
    for text in texts:
        if re.search(r"\b(?:att|följande)\s*:?$", text) and not _BULLET.match(text):
            lead = text.rstrip(":") + " "
            continue
        result.append((lead + _BULLET.sub("", text)) if lead and _BULLET.match(text) else text)
    return [text for text in result if text]


def _paragraphs(lines) -> list[list[str]]:
    content = [line for line in lines if not line.strip().startswith(("|", "[Tabell"))]
    width = max((len(fold(line)) for line in content), default=0)
    paragraphs: list[list[str]] = []
    current: list[str] = []
    gap = False
    for raw in content:
        line = fold(raw)
        if not line:
            gap = bool(current) or gap
            continue
        starts_new = (
            not current
            or _BULLET.match(line)
            or (gap and not _continues(current[-1], line))
            or (current[-1].endswith(_SENTENCE_END) and len(current[-1]) < 0.8 * width
                and line[:1].isupper())
        )
        if starts_new and current:
            paragraphs.append(current)
            current = []
        current.append(line)
        gap = False
    if current:
        paragraphs.append(current)
    return paragraphs


def _continues(previous: str, line: str) -> bool:
    """A paragraph goes on over a gap when it stops mid-sentence and the next line is lower case."""
    return not previous.endswith(_SENTENCE_END) and line[:1].islower()


def section_text(sections: list[Section], *keys: str) -> str:
    return "\n".join(line for s in sections if s.key in keys for line in s.lines)


def sent_to(sections: list[Section]) -> list[str]:
    recipients: list[str] = []
    for section in sections:
        if section.key not in ("beslutet skickas till", "expedieras", "expedieras till",
                               "skickas till", "expediering"):
            continue
        for raw in section.lines:
            line = _BULLET.sub("", fold(raw)).strip(" ,;")
            if line and not line.startswith(("|", "[Tabell")) and line not in recipients:
                recipients.append(line)
    return recipients


def statements(sections: list[Section], keys: tuple[str, ...], verb: str | None,
               item_text: str) -> list[PersonStatement]:
    """Who said what in the sections `keys` (or, when there are none, in sentences of the
    item text containing `verb`)."""
    texts = [fold(" ".join(p)) for s in sections if s.key in keys for p in _joined(s.lines)]
    if not texts and verb:
        texts = [s for s in re.split(r"(?<=[.!?])\s+", fold(item_text)) if verb in s.casefold()]
    found: list[PersonStatement] = []
    for text in texts:
        cut = text.casefold().find(verb) if verb else -1
        subject = text[:cut] if cut > 0 else text[:120]
        said = text[cut:] if cut > 0 else text
        people = people_with_party(subject)
        if people:
            found.extend(PersonStatement(name, party, said) for name, party in people)
        elif (party := party_of_group(subject)) is not None:
            found.append(PersonStatement(None, party, said))
    return found


def _joined(lines) -> list[list[str]]:
    """Paragraphs, those that go on over a gap joined."""
    paragraphs: list[list[str]] = []
    for paragraph in _paragraphs(lines):
        if paragraphs and _continues(paragraphs[-1][-1], paragraph[0]):
            paragraphs[-1].extend(paragraph)
        else:
            paragraphs.append(paragraph)
    return paragraphs


def recusals(sections: list[Section], item_text: str) -> list[PersonStatement]:
    found: dict[str, PersonStatement] = {}
    sentences = re.findall(r"[^.]*\b(?:på grund av|p\.\s?g\.\s?a\.?|pga\.?)\s+jäv",
                           fold(item_text), re.IGNORECASE)
    for text in [section_text(sections, "jäv"), *sentences]:
        for name, party in people_with_party(text):
            found.setdefault(name, PersonStatement(name, party))
    return list(found.values())
