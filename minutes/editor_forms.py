"""Forms of the preview editor: an attendee, split, merge, remove, and a warning checked.

Each form that changes the attendee list carries `state`, a fingerprint of the list it was
shown with: a form from another tab, or a second click, that would act on a row that moved
meanwhile is refused instead (minutes.editor_views).
"""

from __future__ import annotations

import hashlib
import json
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from minutes.models import Attendance

NEW_PERSON = "new"
# "3, 5-7" or "§§ 3, 5–7": paragraph numbers, with ranges.
_PARAGRAPHS = re.compile(r"^\s*(\d{1,4})\s*(?:[-–]\s*(\d{1,4}))?\s*$")
_MAX_PARAGRAPHS = 1000


def attendees_state(attendees: list[dict]) -> str:
    """A short fingerprint of the attendee list, to notice that it changed since shown."""
    written = json.dumps(attendees, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(written.encode()).hexdigest()[:16]


def paragraphs_text(items: list[int] | None) -> str:
    return ", ".join(str(number) for number in items) if items else ""


class StateForm(forms.Form):
    state = forms.CharField(widget=forms.HiddenInput, max_length=64)
    # The row acted on: read by the view itself (minutes.editor_views._row), kept here so
    # that the form sends it.
    row = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class AttendeeForm(StateForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    affiliation = forms.CharField(
        label=_("Affiliation"), max_length=300, required=False,
        help_text=_("Organisation, party or title, as the minutes write it."),
    )
    status = forms.ChoiceField(label=_("Attendance"), choices=Attendance.Status.choices)
    role = forms.ChoiceField(
        label=_("Role"), required=False,
        choices=[("", _("No role")), *Attendance.Role.choices],
    )
    items = forms.CharField(
        label=_("Paragraphs"), max_length=500, required=False,
        help_text=_("The paragraphs the attendance applies to, for example 3, 5-7. Leave "
                    "empty for the whole meeting."),
    )
    person = forms.ChoiceField(
        label=_("Person in the archive"),
        required=False,
        help_text=_("Which known person this is, or a new person."),
    )

    def __init__(self, *args, people: list[tuple[str, str]] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [*people, (NEW_PERSON, _("New person"))]

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Give the attendee's name."), code="required")
        return name

    def clean_affiliation(self) -> str:
        return " ".join(self.cleaned_data["affiliation"].split())

    def clean_items(self) -> list[int] | None:
        written = self.cleaned_data["items"].replace("§", " ").strip()
        if not written:
            return None
        numbers: list[int] = []
        for part in written.split(","):
            found = _PARAGRAPHS.match(part)
            if found is None:
                raise forms.ValidationError(
                    _("Write paragraph numbers separated by commas, for example 3, 5-7."),
                    code="invalid",
                )
            first = int(found[1])
            last = int(found[2]) if found[2] else first
            if last < first or last - first > _MAX_PARAGRAPHS:
                raise forms.ValidationError(
                    _("A range of paragraphs goes from the lower number to the higher."),
                    code="invalid",
                )
            numbers.extend(range(first, last + 1))
        if len(set(numbers)) > _MAX_PARAGRAPHS:
            raise forms.ValidationError(_("Too many paragraphs."), code="invalid")
        return sorted(set(numbers))


class SplitForm(StateForm):
    first_name = forms.CharField(label=_("First person's name"), max_length=200)
    first_affiliation = forms.CharField(
        label=_("First person's affiliation"), max_length=300, required=False)
    second_name = forms.CharField(label=_("Second person's name"), max_length=200)
    second_affiliation = forms.CharField(
        label=_("Second person's affiliation"), max_length=300, required=False)

    def clean(self):
        cleaned = super().clean()
        for key in ("first_name", "first_affiliation", "second_name", "second_affiliation"):
            if key in cleaned:
                cleaned[key] = " ".join(cleaned[key].split())
        for key in ("first_name", "second_name"):
            if key in cleaned and not cleaned[key]:
                self.add_error(key, forms.ValidationError(
                    _("Give the attendee's name."), code="required"))
        return cleaned


class MergeForm(StateForm):
    keep = forms.TypedChoiceField(label=_("Keep this attendee"), coerce=int)
    merge = forms.TypedChoiceField(label=_("and merge this one into it"), coerce=int)

    def __init__(self, *args, rows: list[tuple[int, str]] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(index), label) for index, label in rows]
        self.fields["keep"].choices = choices
        self.fields["merge"].choices = choices

    def clean(self):
        cleaned = super().clean()
        if "keep" in cleaned and "merge" in cleaned and cleaned["keep"] == cleaned["merge"]:
            self.add_error("merge", forms.ValidationError(
                _("Choose two different attendees."), code="same"))
        return cleaned


class WarningCheckForm(forms.Form):
    warning = forms.IntegerField(min_value=0, max_value=10_000, widget=forms.HiddenInput)
