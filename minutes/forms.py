"""Forms of the upload pages: the file with its meeting body, and the meeting's own facts."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from minutes.services import MINUTES_TIMEZONE
from minutes.validators import validate_meeting_date
from parsing import ParsedMinutes, body_of

ACCEPTED_TYPES = ".pdf,.docx,.txt,application/pdf,text/plain," + (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)


def too_large_message() -> str:
    return _("The file is larger than %(limit)s, the most this archive accepts.") % {
        "limit": filesizeformat(settings.MINUTES_UPLOAD_MAX_BYTES)
    }


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One or more files in the one field (Django's documented pattern for `multiple`)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            if not data:
                return single(None, initial)
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    file = MultipleFileField(
        label=_("Minutes files"),
        help_text=_("PDFs, Word documents (.docx) or text files; choose several at once."),
        widget=MultipleFileInput(attrs={"accept": ACCEPTED_TYPES}),
    )
    body = forms.CharField(
        label=_("Meeting body (optional)"),
        help_text=_("For example Kommunstyrelsen. It can also be given in the preview."),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"list": "known-bodies", "autocomplete": "off"}),
    )

    def __init__(self, *args, too_large: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.too_large = too_large
        self.fields["file"].help_text = _(
            "PDFs, Word documents (.docx) or text files, at most %(limit)s each; choose "
            "several at once to upload them together."
        ) % {"limit": filesizeformat(settings.MINUTES_UPLOAD_MAX_BYTES)}

    def clean_file(self):
        uploads = self.cleaned_data.get("file") or []
        if len(uploads) > settings.MINUTES_UPLOAD_MAX_FILES:
            raise forms.ValidationError(
                _("At most %(count)d files can be uploaded at once.")
                % {"count": settings.MINUTES_UPLOAD_MAX_FILES},
                code="too_many",
            )
        for upload in uploads:
            if upload.size > settings.MINUTES_UPLOAD_MAX_BYTES:
                raise forms.ValidationError(
                    _("%(name)s: %(reason)s") % {"name": upload.name,
                                                 "reason": too_large_message()},
                    code="too_large",
                )
        return uploads

    def clean(self):
        cleaned = super().clean()
        if self.too_large:
            # The upload handler skipped the file; "required" would not say why.
            self.errors.pop("file", None)
            self.add_error("file", forms.ValidationError(too_large_message(), code="too_large"))
        return cleaned


class MeetingFactsForm(forms.Form):
    """The meeting's own facts as the parser read them, for the secretary to correct."""

    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    date = forms.DateField(
        label=_("Date"),
        required=False,
        help_text=_("As year-month-day, for example 2024-03-18."),
        validators=[validate_meeting_date],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    start_time = forms.TimeField(
        label=_("Start time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    end_date = forms.DateField(
        label=_("End date"),
        required=False,
        help_text=_("Only for a meeting that ends on a later day."),
        validators=[validate_meeting_date],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end_time = forms.TimeField(
        label=_("End time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    body = forms.CharField(
        label=_("Meeting body"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"list": "known-bodies", "autocomplete": "off"}),
    )

    @classmethod
    def initial_from(cls, parsed: ParsedMinutes, *, body_name: str) -> dict:
        start, end = parsed.start, parsed.end
        date = start.date() if isinstance(start, dt.datetime) else start
        end_date = end.date() if isinstance(end, dt.datetime) else None
        return {
            "title": parsed.title or "",
            "date": date,
            "start_time": start.time() if isinstance(start, dt.datetime) else None,
            "end_date": end_date if end_date and end_date != date else None,
            "end_time": end.time() if isinstance(end, dt.datetime) else None,
            "place": parsed.place or "",
            # The body chosen at upload, else the one the document names, else the one its
            # title names (parsing.body_of), as storing chooses.
            "body": body_name or parsed.body or body_of(parsed.title) or "",
        }

    def clean(self):
        cleaned = super().clean()
        date, start, end = (cleaned.get(key) for key in ("date", "start_time", "end_time"))
        end_date = cleaned.get("end_date")
        if (start or end or end_date) and not date and "date" not in self.errors:
            self.add_error("date", _("Give the date the times belong to."))
        if end_date and not end and "end_time" not in self.errors:
            self.add_error("end_time", _("Give the time the meeting ended."))
        if date and start and end and (end_date or date, end) < (date, start):
            self.add_error("end_time", _("The meeting cannot end before it starts."))
        elif date and end_date and end_date < date:
            self.add_error("end_date", _("The meeting cannot end before it starts."))
        return cleaned

    def meeting_facts(self) -> dict:
        """The Meeting fields these facts set (the body is passed on separately)."""
        data = self.cleaned_data
        date = data.get("date")

        def moment(day: dt.date | None, time: dt.time | None) -> dt.datetime | None:
            if day is None or time is None:
                return None
            return dt.datetime.combine(day, time, tzinfo=MINUTES_TIMEZONE)

        return {
            "title": data.get("title", ""),
            "start_date": date,
            "start": moment(date, data.get("start_time")),
            "end": moment(data.get("end_date") or date, data.get("end_time")),
            "place": data.get("place", ""),
        }
