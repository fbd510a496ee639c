"""The minutes parser: bytes or text in, frozen dataclasses out. No Django, no ORM.

    from minutes.parsing import parse_bytes
    minutes = parse_bytes(open("protokoll.pdf", "rb").read(), "protokoll.pdf")
"""

from .jsonout import from_dict, to_dict, warning_from_dict, warning_to_dict
from .model import (
    AgendaItem,
    Attendee,
    Decision,
    Document,
    ParsedMinutes,
    ParseError,
    ParseWarning,
)
from .parser import PARSER_VERSION, parse_bytes, parse_document, parse_text
from .sandbox import parse_isolated

__all__ = [
    "PARSER_VERSION",
    "AgendaItem",
    "Attendee",
    "Decision",
    "Document",
    "ParseError",
    "ParseWarning",
    "ParsedMinutes",
    "from_dict",
    "parse_bytes",
    "parse_document",
    "parse_isolated",
    "parse_text",
    "to_dict",
    "warning_from_dict",
    "warning_to_dict",
]
