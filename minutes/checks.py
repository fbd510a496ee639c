"""System checks of the minutes app, run by `manage.py check`, `runserver` and `migrate`."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import CheckMessage, register
from django.core.checks import Warning as CheckWarning

from parsing.isolation import ocr


@register()
def check_ocr(app_configs=None, **kwargs) -> list[CheckMessage]:
    """minutes.W001: OCR is on (MINUTES_OCR is not "never") but a program it needs is missing,
    so scanned PDFs are refused. Looked up afresh each time: installing the package ends it."""
    if settings.MINUTES_OCR == ocr.NEVER:
        return []
    package = ocr.missing()
    if package is None:
        return []
    return [
        CheckWarning(
            f"OCR lacks the Debian package {package}: scanned PDFs (images without text) "
            "cannot be read on this server until it is installed.",
            hint=f"Install it as root: apt-get install {package}. To turn OCR off on "
            "purpose instead, set MINUTES_OCR=never.",
            id="minutes.W001",
        )
    ]
