"""User-facing Swedish messages for the parser's error codes."""

from __future__ import annotations

from django.utils.translation import gettext as _

from minutes.parsing import ParseError


def parse_error_message(error: ParseError) -> str:
    """One sentence telling a user why a document could not be read."""
    messages = {
        "empty": _("The file is empty."),
        "no_text_layer": _(
            "The PDF has no text layer: it looks like a scanned document, and scanned "
            "minutes cannot be read yet."
        ),
        "unsupported_type": _(
            "The file is not a PDF, a Word document (.docx) or a text file."
        ),
        "corrupt_pdf": _("The PDF file is damaged or password-protected and cannot be read."),
        "corrupt_docx": _("The Word document is damaged and cannot be read."),
        "too_large": _("The file is too large, or unpacks to far more data than minutes hold."),
        "timeout": _("Reading the file took too long and was stopped."),
        "memory": _("Reading the file needed too much memory and was stopped."),
    }
    return messages.get(error.code, _("The file could not be read."))
