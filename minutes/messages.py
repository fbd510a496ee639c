"""User-facing Swedish messages for the parser's error and warning codes.

The parser speaks English (its warnings are part of the JSON contract) and gives each
warning a stable code and its facts as params; the sentences users read are built here,
from English msgids translated by gettext.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from parsing import ParseError, ParseWarning, warning_to_dict


def parse_error_message(error: ParseError) -> str:
    """One sentence telling a user why a document could not be read."""
    messages = {
        "empty": _("The file is empty."),
        "no_text_layer": _(
            "The PDF has no text layer: it looks like a scanned document, and reading scans by "
            "OCR (text recognition) is turned off on this server."
        ),
        "unsupported_type": _(
            "The file is not a PDF, a Word document (.docx) or a text file."
        ),
        "corrupt_pdf": _("The PDF file is damaged or password-protected and cannot be read."),
        "corrupt_docx": _("The Word document is damaged and cannot be read."),
        "too_large": _("The file is too large, or unpacks to far more data than minutes hold."),
        "timeout": _("Reading the file took too long and was stopped."),
        "memory": _("Reading the file needed too much memory and was stopped."),
        "ocr_unavailable": _(
            "The PDF has no readable text layer: it looks like a scanned document, and OCR "
            "(text recognition) is not available on this server."
        ),
        "ocr_no_text": _(
            "The PDF has no readable text, and OCR (text recognition) found none on its pages "
            "either: the scan may be blank, too faint or upside down. Check the scan, or upload "
            "a version with a text layer."
        ),
        "ocr_too_long": _(
            "The scan has too many pages to be read by OCR here; split it into parts or ask "
            "the archive's administrator."
        ),
    }
    return messages.get(error.code, _("The file could not be read."))


def warning_message(warning: Mapping[str, Any]) -> str:
    """A parser warning ({"code", "message", "params"}) as one sentence for users.

    Stored warnings from before params existed (or with params this code does not
    know) get a general sentence for their code: never the English message.
    """
    code = str(warning.get("code", ""))
    params = warning.get("params")
    if isinstance(params, Mapping):
        sentence = _full_sentence(code, params)
        if sentence is not None:
            return sentence
    return _general_sentence(code)


def warning_messages(warnings: Iterable[ParseWarning | Mapping[str, Any]]) -> list[str]:
    """`warning_message` for each warning, whether parsed just now or stored."""
    return [
        warning_message(warning_to_dict(w) if isinstance(w, ParseWarning) else w)
        for w in warnings
    ]


def ocr_uncertain_words(warnings: Iterable[Mapping[str, Any]] | None) -> list[str]:
    """The words OCR was unsure of, from a record's stored warnings ("ocr_uncertain")."""
    for warning in warnings or ():
        params = warning.get("params") if isinstance(warning, Mapping) else None
        if warning.get("code") == "ocr_uncertain" and isinstance(params, Mapping):
            return [word for word in str(params.get("words", "")).split("\n") if word]
    return []


def _full_sentence(code: str, params: Mapping[str, Any]) -> str | None:
    variant = params.get("basis") if code == "year" else params.get("kind")
    template = _templates(code, params).get(variant)
    if template is None:
        return None
    try:
        return template % _values(params)
    except (KeyError, ValueError, TypeError):  # params that do not fit the sentence
        return None


def _values(params: Mapping[str, Any]) -> dict[str, str]:
    """The params as the sentence shows them: month and weekday numbers become names."""
    values = {str(name): str(value) for name, value in params.items()}
    if "month" in values:
        values["month"] = str(MONTHS[int(values["month"])])
    for name in ("weekday", "said", "actual"):
        if name in values:
            values[name] = str(WEEKDAYS[int(values[name])])
    if "role" in values:
        values["role"] = _role_name(values["role"])
    if "words" in values:
        values["words"] = ", ".join(values["words"].split("\n"))
    return values


def _role_name(role: str) -> str:
    names = {
        "chair": pgettext("role in a sentence", "chair"),
        "vice_chair": pgettext("role in a sentence", "vice chair"),
        "secretary": pgettext("role in a sentence", "secretary"),
        "adjuster": pgettext("role in a sentence", "adjuster"),
    }
    return names.get(role, role)


def _templates(code: str, params: Mapping[str, Any]) -> dict[str | None, str]:
    """The sentences of one warning code, by variant (None: the code has only one); a
    sentence with a count is already in the singular or plural its params ask for."""
    if code == "year":
        return _year_templates()
    if code == "weekday":
        return {None: _("The document says %(said)s (%(written)s) but %(date)s is a %(actual)s.")}
    if code == "date":
        return {
            "invalid": _("The date “%(text)s” is not a valid date."),
            "end_before_start": _("The meeting ends (%(end)s) before it starts (%(start)s)."),
            "missing": _("No meeting date was found."),
            "out_of_range": _(
                "The date “%(text)s” lies outside the dates a meeting can have (%(earliest)s to "
                "%(latest)s) and was left empty; give the right date."
            ),
        }
    if code == "time":
        return {
            "invalid": _("The time “%(text)s” is not a valid time."),
            "after_midnight": _(
                "The end time %(end)s is before the start time %(start)s; the meeting was "
                "taken to end the next day."
            ),
        }
    if code == "items":
        return {
            "missing": _("No agenda items were found."),
            "unnumbered": _(
                "The document does not number its agenda items; they were numbered in order."
            ),
        }
    if code == "ocr":
        return _ocr_templates(params)
    if code == "encoding":
        return {
            None: _(
                "The file is not UTF-8 and was read as %(encoding)s; check the letters å, ä "
                "and ö."
            ),
            "lost": _(
                "%(count)s characters of the text were lost to an encoding error before it "
                "reached the archive (shown as �, e.g. %(examples)s); check å, ä and ö against "
                "the original."
            ),
        }
    if code == "votes":
        return {
            None: _(
                "In § %(number)s the members named in the vote (%(named_yes)s yes, "
                "%(named_no)s no, %(named_abstain)s abstaining) do not add up to the counts "
                "the minutes state (%(yes)s yes, %(no)s no, %(abstain)s abstaining); the "
                "stated counts were kept."
            ),
            "one_of_several": _(
                "In § %(number)s, vote %(vote)s of %(votes)s, the members named (%(named_yes)s "
                "yes, %(named_no)s no, %(named_abstain)s abstaining) do not add up to the "
                "counts the minutes state (%(yes)s yes, %(no)s no, %(abstain)s abstaining); "
                "the stated counts were kept."
            ),
        }
    if code == "attendees":
        return {
            "missing": _("No list of attendees was found."),
            "organisations": _(
                "The list of attendees names organisations rather than people: %(names)s."
            ),
        }
    single = {
        "ligatures": _(
            "The PDF's font gives no text for the ligatures ft, ti and tt; %(count)s such "
            "places were corrected, e.g. “aU” to “att”."
        ),
        "unplaced": _("Text before the first agenda item was not understood: “%(text)s”."),
        "role": _("The first name “%(name)s” (%(role)s) fits no single attendee."),
        "ocr_uncertain": _(
            "OCR was least sure of these names and numbers; check them against the original: "
            "%(words)s."
        ),
        "paragraphs": _(
            "The front page lists §§ %(listed)s but the paragraphs found differ (missing: "
            "%(missing)s; not listed: %(extra)s)."
        ),
    }
    return {None: single[code]} if code in single else {}


def _ocr_templates(params: Mapping[str, Any]) -> dict[str | None, str]:
    try:
        pages = int(params.get("pages", ""))
    except (TypeError, ValueError):
        return {}  # the general sentence, rather than a plural that may be wrong
    return {
        "scan": ngettext(
            "The PDF is a scan without text: its %(pages)s page was read by OCR (text "
            "recognition). Check names, dates and numbers against the original.",
            "The PDF is a scan without text: its %(pages)s pages were read by OCR (text "
            "recognition). Check names, dates and numbers against the original.",
            pages,
        ),
        "garbage": ngettext(
            "The PDF's text layer could not be read, so its %(pages)s page was read again "
            "by OCR (text recognition). Check names, dates and numbers against the original.",
            "The PDF's text layer could not be read, so its %(pages)s pages were read again "
            "by OCR (text recognition). Check names, dates and numbers against the original.",
            pages,
        ),
        "always": ngettext(
            "The PDF's %(pages)s page was read by OCR (text recognition), as this archive "
            "is set to do. Check names, dates and numbers against the original.",
            "The PDF's %(pages)s pages were read by OCR (text recognition), as this archive "
            "is set to do. Check names, dates and numbers against the original.",
            pages,
        ),
    }


def _year_templates() -> dict[str | None, str]:
    return {
        "weekday_mentioned": _(
            "The document gives no year; %(year)s was inferred (%(day)s %(month)s is a "
            "%(weekday)s in %(year)s, and the text speaks of “%(evidence)s”)."
        ),
        "weekday_nearest_to_most_mentioned": _(
            "The document gives no year; %(year)s was inferred (%(day)s %(month)s is a "
            "%(weekday)s in %(year)s, the nearest such year to %(anchor)s, the year the "
            "text mentions most)."
        ),
        "weekday_nearest_to_current": _(
            "The document gives no year; %(year)s was inferred (%(day)s %(month)s is a "
            "%(weekday)s in %(year)s, the nearest such year to the current year, %(anchor)s)."
        ),
        "most_mentioned": _(
            "The document gives no year; %(year)s was inferred (the year the text mentions "
            "most, as in “%(evidence)s”)."
        ),
        "mentioned": _(
            "The document gives no year; %(year)s was inferred (a year the text mentions, "
            "as in “%(evidence)s”)."
        ),
        "current": _(
            "The document gives no year; %(year)s was inferred (the current year; the text "
            "mentions no year)."
        ),
        "nearest_to_most_mentioned": _(
            "The document gives no year; %(year)s was inferred (the nearest year to "
            "%(anchor)s that has a %(day)s %(month)s; the text mentions %(anchor)s most)."
        ),
        "nearest_to_current": _(
            "The document gives no year; %(year)s was inferred (the nearest year to the "
            "current year, %(anchor)s, that has a %(day)s %(month)s)."
        ),
    }


def _general_sentence(code: str) -> str:
    """What a warning without (usable) params can still say: what to check."""
    sentences = {
        "year": _("The year was inferred; check the date."),
        "weekday": _("The weekday does not match the date; check the date."),
        "date": _("The meeting date could not be read; check the date."),
        "time": _("A time could not be read; check the times."),
        "encoding": _("The file is not UTF-8 and its letters were guessed; check å, ä and ö."),
        "ligatures": _("Letters the PDF's font lost were put back; check the text."),
        "items": _("Check the agenda items."),
        "attendees": _("Check the list of attendees."),
        "unplaced": _("Some text could not be placed; check the document."),
        "role": _("A role could not be linked to an attendee; check the roles."),
        "ocr": _("The text was read by OCR; check names, dates and numbers."),
        "ocr_uncertain": _("OCR was unsure of some words; check names and numbers."),
        "votes": _("A vote's named members do not add up to its counts; check the vote."),
        "paragraphs": _("The paragraphs found differ from the front page; check them."),
    }
    return sentences.get(code, _("Something in the document needs checking."))
