"""Template helpers for the archive pages: anchors, dates, item scopes and warnings."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping

from django import template
from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from minutes.messages import warning_message as _warning_message
from minutes.models import Attendance

register = template.Library()

_LONG_DATE = "l j F Y"
# How Swedish writes a time of day: "kl. 13.00".
_TIME = "H.i"


@register.simple_tag
def person_link(person) -> str:
    """A link to a person's page, with the name: cheaper than an include on long lists."""
    url = reverse("municipalities:person-detail", args=[person.pk])
    return format_html('<a href="{}">{}</a>', url, person.full_name)


@register.filter
def ocr_marked(text: object, words: list[str] | None) -> SafeString:
    """`text` escaped, with each word OCR was unsure of in a <mark> saying "check"."""
    text = str(text)
    if not words:
        return conditional_escape(text)
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")(?!\w)"
    )
    parts = pattern.split(text)
    html = [
        format_html('<mark class="ocr-uncertain">{}<span class="visually-hidden"> ({})</span>'
                    "</mark>", part, _("check"))
        if index % 2 else conditional_escape(part)
        for index, part in enumerate(parts)
    ]
    return SafeString("".join(html))


@register.filter
def marked(row: object, field: str) -> SafeString:
    """`row.field` escaped, with the searched words in <mark> when the meeting page marked
    them (`minutes.marking.mark_meeting` sets `marked_<field>`)."""
    html = getattr(row, f"marked_{field}", None)
    return html if html is not None else conditional_escape(getattr(row, field))


@register.filter
def grouped(value: int) -> str:
    """A number with its thousands grouped as the language writes them: "10 000"."""
    return number_format(value, force_grouping=True)


@register.filter
def anchor_part(value: object) -> str:
    """An item number as it appears in an anchor: no spaces, so "12 a" gives "12-a"."""
    return re.sub(r"\s+", "-", str(value).strip())


@register.filter
def item_anchor(item) -> str:
    """The stable anchor of an agenda item: "punkt-3"."""
    return f"punkt-{anchor_part(item.number)}"


@register.filter
def decision_anchor(decision) -> str:
    """The stable anchor of a decision: "beslut-3-1" is the first decision under item 3."""
    return f"beslut-{anchor_part(decision.item.number)}-{decision.order + 1}"


@register.filter
def meeting_label(meeting) -> str:
    """What a meeting is called: its title, else its body, else just "Meeting"."""
    if meeting.title:
        return meeting.title
    if meeting.body_id is not None:
        return meeting.body.name
    return _("Meeting")


@register.filter
def warning_message(entry: object) -> str:
    """A parser warning stored on a source document, as a sentence for users."""
    if isinstance(entry, Mapping):
        return _warning_message(entry)
    return str(entry)


def _runs(numbers: Iterable[int]) -> list[str]:
    """Sorted numbers as runs: [2, 3, 4, 7] gives ["2–4", "7"]."""
    runs: list[list[int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return [str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs]


@register.filter
def item_scope(items: Iterable[int] | None) -> str:
    """The items someone attended: "" for the whole meeting, "endast punkt 2", "punkt 2–7"."""
    if not items:
        return ""
    numbers = sorted(set(items))
    if len(numbers) == 1:
        return _("only item %(number)s") % {"number": numbers[0]}
    return _("items %(numbers)s") % {"numbers": ", ".join(_runs(numbers))}


def _date_html(value: dt.date) -> SafeString:
    return format_html(
        '<time datetime="{}">{}</time>', value.isoformat(), date_format(value, _LONG_DATE)
    )


def _time_html(value: dt.datetime, *, with_date: bool) -> SafeString:
    text = date_format(value, _TIME)
    if with_date:
        text = _("%(date)s at %(time)s") % {"date": date_format(value, _LONG_DATE), "time": text}
    return format_html('<time datetime="{}">{}</time>', value.isoformat(), text)


@register.simple_tag
def meeting_when(meeting) -> str:
    """When a meeting was held, in Swedish: "onsdag 6 juni 2018 kl. 13.00–15.30"."""
    if meeting.start is None:
        if meeting.start_date is None:
            return _("Date not given")
        return _date_html(meeting.start_date)
    start = localtime(meeting.start)
    html = _time_html(start, with_date=True)
    if meeting.end is not None:
        end = localtime(meeting.end)
        # A meeting over two days gives the second day in full.
        end_html = _time_html(end, with_date=end.date() != start.date())
        html = format_html("{}–{}", html, end_html)
    return html


@register.simple_tag
def meeting_date(meeting) -> str:
    """The day a meeting was held, for tables: "6 juni 2018"."""
    if meeting.start_date is None:
        return _("Date not given")
    return format_html(
        '<time datetime="{}">{}</time>',
        meeting.start_date.isoformat(),
        date_format(meeting.start_date, "j F Y"),
    )


@register.simple_tag
def page_links(page_obj) -> list[object]:
    """Page numbers around the current page, with "…" for the pages left out."""
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2))


@register.filter
def attendance_status(value: str) -> str:
    """A parsed attendance status ("present", ...) as users read it."""
    try:
        return str(Attendance.Status(value).label)
    except ValueError:
        return value


@register.filter
def attendance_role(value: str) -> str:
    """A parsed role ("chair", ...) as users read it, in lower case after a comma."""
    try:
        return str(Attendance.Role(value).label).lower()
    except ValueError:
        return value
