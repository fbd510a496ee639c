"""Forms of the agenda items' editor (minutes.item_editor_views).

Each carries `state`, the fingerprint of the item (or, to add one, of the agenda) it was shown
with (minutes.draft_items.state_of): a form from another tab, or a second click, that would
act on a decision or paragraph that moved meanwhile is refused instead. Field names are the
same in every form of a kind, so that one view reads them all; each form on the item page
gets its own ids through `auto_id`.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from minutes.draft_items import (
    AFFILIATION_LENGTH,
    CASE_NUMBER_LENGTH,
    COUNT_MAX,
    HEADING_LENGTH,
    NAME_LENGTH,
    NUMBER_LENGTH,
    TEXT_LENGTH,
    TITLE_LENGTH,
)

INDEX_MAX = 100_000


def _text(label, *, required: bool = False, rows: int = 6, help_text: str = ""):
    return forms.CharField(label=label, required=required, max_length=TEXT_LENGTH,
                           help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": rows}))


class StateForm(forms.Form):
    state = forms.CharField(widget=forms.HiddenInput, max_length=64)


class ItemForm(StateForm):
    number = forms.CharField(label=_("Number"), max_length=NUMBER_LENGTH,
                             help_text=_("The paragraph number, for example 12."))
    title = forms.CharField(label=_("Title"), max_length=TITLE_LENGTH, required=False)
    case_number = forms.CharField(label=_("Case number"), max_length=CASE_NUMBER_LENGTH,
                                  required=False, help_text=_("As written after Dnr."))
    text = _text(_("Text"), rows=12, help_text=_(
        "Paragraphs are separated by a blank line."))

    def clean_number(self) -> str:
        number = " ".join(self.cleaned_data["number"].split()).lstrip("§").strip()
        if not number:
            raise forms.ValidationError(_("Give the item's number."), code="required")
        return number


class NewItemForm(ItemForm):
    position = forms.TypedChoiceField(label=_("Place in the agenda"), coerce=int)

    def __init__(self, *args, places: list[tuple[int, str]] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["position"].choices = [(str(value), label) for value, label in places]


class ItemRemoveForm(StateForm):
    sure = forms.BooleanField(
        label=_("Yes, remove the item with its decisions, vote and reservations"),
        error_messages={"required": _("Tick the box to remove the item.")},
    )


class DecisionForm(StateForm):
    # The decision corrected; empty for a new one.
    index = forms.IntegerField(min_value=0, max_value=INDEX_MAX, required=False,
                               widget=forms.HiddenInput)
    heading = forms.CharField(label=_("Sub-heading"), max_length=HEADING_LENGTH,
                              required=False, help_text=_("For example Förslag till beslut."))
    text = _text(_("Decision"), required=True, rows=4)


class IndexForm(StateForm):
    """An action on one decision, paragraph or reservation, named by its place."""

    index = forms.IntegerField(min_value=0, max_value=INDEX_MAX, widget=forms.HiddenInput)


class ParagraphMoveForm(IndexForm):
    to = forms.ChoiceField(label=_("Into"), required=False)

    def __init__(self, *args, decisions: list[tuple[str, str]] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [("", _("a new decision")), *decisions]


class VotesForm(StateForm):
    yes = forms.IntegerField(label=_("Yes"), min_value=0, max_value=COUNT_MAX)
    no = forms.IntegerField(label=_("No"), min_value=0, max_value=COUNT_MAX)
    abstain = forms.IntegerField(label=_("Abstaining"), min_value=0, max_value=COUNT_MAX)


class MemberForm(forms.Form):
    """One row of the vote's list of who voted how (read from the lists the page posts)."""

    name = forms.CharField(label=_("Name"), max_length=NAME_LENGTH, required=False)
    affiliation = forms.CharField(label=_("Party"), max_length=AFFILIATION_LENGTH,
                                  required=False)
    vote = forms.ChoiceField(label=_("Their vote"), required=False, choices=[
        ("", "–"), ("yes", _("Yes")), ("no", _("No")), ("abstain", _("Abstains")),
    ])
    remove = forms.BooleanField(label=_("Remove"), required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("remove") or self.is_blank():
            return cleaned
        if not " ".join(cleaned.get("name", "").split()):
            self.add_error("name", forms.ValidationError(_("Give the member's name."),
                                                         code="required"))
        if "vote" in cleaned and not cleaned["vote"]:
            self.add_error("vote", forms.ValidationError(_("Choose how the member voted."),
                                                         code="required"))
        return cleaned

    def is_blank(self) -> bool:
        """An empty row (the one offered for a new member) adds nothing."""
        return not any((self.data.get(key) or "").strip()
                       for key in ("name", "affiliation", "vote"))


class ReservationForm(StateForm):
    # The reservation corrected; empty for a new one.
    index = forms.IntegerField(min_value=0, max_value=INDEX_MAX, required=False,
                               widget=forms.HiddenInput)
    name = forms.CharField(label=_("Name"), max_length=NAME_LENGTH, required=False)
    affiliation = forms.CharField(label=_("Party"), max_length=AFFILIATION_LENGTH,
                                  required=False)
    text = _text(_("Text"), rows=3, help_text=_("What the reservation says, if written."))

    def clean(self):
        cleaned = super().clean()
        if not any(" ".join(cleaned.get(key, "").split()) for key in ("name", "affiliation")):
            self.add_error("name", forms.ValidationError(
                _("Give the name of who reserved themselves, or their party."),
                code="required"))
        return cleaned
