"""The parser's results: frozen dataclasses, no Django, no ORM."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass, field

PRESENT = "present"
OTHER = "other"
ABSENT = "absent"
STATUSES = (PRESENT, OTHER, ABSENT)

CHAIR = "chair"
VICE_CHAIR = "vice_chair"
SECRETARY = "secretary"
ADJUSTER = "adjuster"
ROLES = (CHAIR, VICE_CHAIR, SECRETARY, ADJUSTER)


@dataclass(frozen=True)
class ParseWarning:
    """Something a person should check.

    `code` is stable ("year", "weekday", "encoding", "unplaced", ...) so that a
    user interface can translate it; `message` is the English sentence printed in
    the JSON contract. `params` holds the facts of the message as (name, text)
    pairs -- which variant of a code applies ("basis" for "year", "kind" for
    codes with several sentences), years, dates, the text quoted -- so that a
    translation can say the same thing without parsing the English.
    """

    code: str
    message: str
    params: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        return self.message


def make_warning(code: str, message: str, **params: object) -> ParseWarning:
    """A ParseWarning whose params are the keyword arguments, as strings, in order."""
    return ParseWarning(code, message, tuple((name, str(value)) for name, value in params.items()))


class ParseError(Exception):
    """A document that cannot be read at all (not one that reads with warnings).

    `code` names the reason ("empty", "no_text_layer", "unsupported_type",
    "corrupt_pdf", "corrupt_docx", "too_large", "timeout", "memory"); the
    message is English and is translated for users by the Django layer.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Document:
    """Text taken out of a file, before any structure is looked for.

    `pages` holds one string per page (a text file is one page). Lines are
    separated by "\\n"; cells of one visual table row (PDF layout, .docx
    tables) are separated by "\\t".
    """

    pages: tuple[str, ...]
    source_format: str  # "text", "pdf" or "docx"
    warnings: tuple[ParseWarning, ...] = ()


@dataclass(frozen=True)
class When:
    """A meeting's start and end, as far as the document gives them."""

    start: dt.datetime | dt.date | None
    end: dt.datetime | dt.date | None
    warnings: tuple[ParseWarning, ...] = ()


@dataclass(frozen=True)
class ParsedAttendee:
    name: str
    affiliation: str | None
    municipality: str | None
    status: str
    role: str | None = None
    items: tuple[int, ...] | None = None
    # A serving substitute's member ("tjg ers för Per Ek (S)"), when the document names one.
    substitute_for: str | None = None


@dataclass(frozen=True)
class ParsedDecision:
    text: str
    heading: str | None = None


@dataclass(frozen=True)
class PersonStatement:
    """Who entered a reservation, declared jäv or had a note minuted, and what they said.

    `name` is None when only a party is named ("Ledamöterna i (S) reserverar sig").
    """

    name: str | None
    affiliation: str | None
    text: str | None = None


@dataclass(frozen=True)
class Voter:
    name: str
    affiliation: str | None
    vote: str  # "yes", "no" or "abstain"


@dataclass(frozen=True)
class ParsedVotes:
    """A vote (omröstning): the counts the protokoll states, and who voted how."""

    yes: int
    no: int
    abstain: int
    members: tuple[Voter, ...] = ()


@dataclass(frozen=True)
class ParsedItem:
    number: str
    title: str
    text: str
    decisions: tuple[ParsedDecision, ...] = ()
    # Municipal protokoll (sammanträdesprotokoll) only; empty elsewhere.
    case_number: str | None = None
    votes: ParsedVotes | None = None  # the last of `all_votes`: see protokoll/__init__.py
    reservations: tuple[PersonStatement, ...] = ()
    recusals: tuple[PersonStatement, ...] = ()
    notes: tuple[PersonStatement, ...] = ()
    sent_to: tuple[str, ...] = ()
    # Every vote of the paragraph in order (procedural ones before the main question); not
    # part of the JSON contract, which holds one vote per item.
    all_votes: tuple[ParsedVotes, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class OcrOutput:
    """A scanned PDF with the text layer OCR gave it, and what OCR was unsure of."""

    pdf: bytes = field(repr=False)
    pages: int
    seconds: float
    uncertain: tuple[str, ...]  # words Tesseract was least sure of, in reading order, once each

    def as_json(self) -> dict:
        """As the parse worker sends it to its parent (the PDF in base64)."""
        return {"pdf": base64.b64encode(self.pdf).decode("ascii"), "pages": self.pages,
                "seconds": self.seconds, "uncertain": list(self.uncertain)}

    @classmethod
    def from_json(cls, data: dict) -> OcrOutput:
        return cls(pdf=base64.b64decode(data["pdf"]), pages=int(data["pages"]),
                   seconds=float(data["seconds"]), uncertain=tuple(data["uncertain"]))


@dataclass(frozen=True)
class ParsedMinutes:
    organization: str | None
    title: str | None
    start: dt.datetime | dt.date | None
    end: dt.datetime | dt.date | None
    place: str | None
    attendees: tuple[ParsedAttendee, ...]
    items: tuple[ParsedItem, ...]
    secretary: str | None
    adjusters: tuple[str, ...]
    warnings: tuple[ParseWarning, ...]
    source_format: str = "text"
    text: str = field(default="", repr=False)
    # Set when the text was read by OCR (parsing.isolation.ocr): not part of the JSON contract.
    ocr: OcrOutput | None = field(default=None, repr=False, compare=False)
    # The meeting body as the document names it ("Byggnadsnämndens arbetsutskott"), or None.
    body: str | None = None
