"""`manage.py parse_minutes FILE`: print what the parser makes of one document."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from minutes.messages import parse_error_message, warning_messages
from minutes.services import minutes_ocr_mode, ocr_limits
from parsing import PARSER_VERSION, ParsedMinutes, ParseError, parse_isolated, to_dict
from parsing.isolation import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT
from parsing.isolation import MODES as OCR_MODES


class Command(BaseCommand):
    help = "Parse one minutes document (.txt, .pdf, .docx) and print its structure as JSON."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="Path of the minutes document to parse.")
        parser.add_argument(
            "--format", choices=("json", "text"), default="json",
            help="json (default): the contract of minutes-json.md; text: a readable summary.",
        )
        parser.add_argument(
            "--timeout", type=float, default=DEFAULT_TIMEOUT,
            help=f"Seconds the parse may take before it is stopped (default {DEFAULT_TIMEOUT:g}).",
        )
        parser.add_argument(
            "--memory", type=int, default=DEFAULT_MEMORY_MB,
            help=f"Memory limit of the parsing process in MB (default {DEFAULT_MEMORY_MB}).",
        )
        parser.add_argument(
            "--ocr", choices=OCR_MODES, default=None,
            help="Read a scanned PDF by OCR: auto, always or never (default: MINUTES_OCR).",
        )

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            self._fail(_("The file %(path)s does not exist.") % {"path": path})
        except IsADirectoryError:
            self._fail(_("%(path)s is a folder, not a file.") % {"path": path})
        except OSError:
            self._fail(_("The file %(path)s cannot be opened.") % {"path": path})
        try:
            with minutes_ocr_mode(options["ocr"]):
                ocr = ocr_limits()
            parsed = parse_isolated(
                data, path.name, timeout=options["timeout"], memory_mb=options["memory"],
                ocr=ocr,
            )
        except ParseError as error:
            self._fail(f"{path.name}: {parse_error_message(error)}")
        if options["format"] == "text":
            self.stdout.write(summary(parsed))
        else:
            payload = to_dict(parsed, parser_version=PARSER_VERSION)
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))

    def _fail(self, message: str) -> None:
        # One line in Swedish and exit status 1; no "CommandError:" prefix, no traceback.
        self.stderr.write(message)
        raise SystemExit(1)


def summary(parsed: ParsedMinutes) -> str:
    """A short readable account of what was found."""
    status_names = {"present": _("Present"), "other": _("Others present"), "absent": _("Absent")}
    lines = [
        f"{_('Organisation')}: {parsed.organization or '–'}",
        f"{_('Title')}: {parsed.title or '–'}",
        f"{_('Start')}: {parsed.start or '–'}   {_('End')}: {parsed.end or '–'}",
        f"{_('Place')}: {parsed.place or '–'}",
    ]
    for status, label in status_names.items():
        people = [a for a in parsed.attendees if a.status == status]
        if people:
            lines.append(f"{label} ({len(people)}):")
            lines.extend(f"  {a.name}" + (f", {a.affiliation}" if a.affiliation else "")
                         for a in people)
    lines.append(f"{_('Agenda items')} ({len(parsed.items)}):")
    for item in parsed.items:
        lines.append(f"  {item.number}. {item.title}")
        lines.extend(f"     {_('Decision')}: {d.text}" for d in item.decisions)
    lines.append(f"{_('Secretary')}: {parsed.secretary or '–'}")
    lines.append(f"{_('Adjusters')}: {', '.join(parsed.adjusters) or '–'}")
    if parsed.warnings:
        lines.append(f"{_('To check')} ({len(parsed.warnings)}):")
        lines.extend(f"  {message}" for message in warning_messages(parsed.warnings))
    return "\n".join(lines)
