"""The minutes parser: bytes or text in, frozen dataclasses out. No Django, no ORM.

    from parsing import parse_bytes
    minutes = parse_bytes(open("protokoll.pdf", "rb").read(), "protokoll.pdf")
"""

from .bodies import body_of
from .daterange import (
    EARLIEST_MEETING_DATE,
    STORED_EARLIEST_DATE,
    STORED_END_DATE,
    latest_meeting_date,
    meeting_date_in_range,
)
from .extract import sniff_format
from .isolation import parse_isolated
from .jsonout import from_dict, to_dict, warning_from_dict, warning_to_dict
from .model import (
    PRESENT,
    Document,
    OcrOutput,
    ParsedAttendee,
    ParsedDecision,
    ParsedItem,
    ParsedMinutes,
    ParseError,
    ParseWarning,
)
from .orgs import municipality_code, municipality_of
from .parser import PARSER_VERSION, parse_bytes, parse_document, parse_text

__all__ = [
    "EARLIEST_MEETING_DATE",
    "PARSER_VERSION",
    "PRESENT",
    "STORED_EARLIEST_DATE",
    "STORED_END_DATE",
    "Document",
    "OcrOutput",
    "ParseError",
    "ParseWarning",
    "ParsedAttendee",
    "ParsedDecision",
    "ParsedItem",
    "ParsedMinutes",
    "body_of",
    "from_dict",
    "latest_meeting_date",
    "meeting_date_in_range",
    "municipality_code",
    "municipality_of",
    "parse_bytes",
    "parse_document",
    "parse_isolated",
    "parse_text",
    "sniff_format",
    "to_dict",
    "warning_from_dict",
    "warning_to_dict",
]
