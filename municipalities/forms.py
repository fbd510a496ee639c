"""Forms of the people administration."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from municipalities.models import Person, fold_whitespace, normalize_name


class LinesField(forms.CharField):
    """A list of short texts typed one per line; blank lines and repeated forms are dropped.

    Names hold commas ("Sundberg, Helena"), so one per line is safer than a comma list.
    """

    widget = forms.Textarea(attrs={"rows": 4})

    def __init__(self, *, max_line_length: int = 200, **kwargs) -> None:
        self.max_line_length = max_line_length
        kwargs.setdefault("strip", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def to_python(self, value) -> list[str]:
        if isinstance(value, list | tuple):
            value = "\n".join(value)
        lines, seen = [], set()
        for line in (value or "").splitlines():
            text = fold_whitespace(line)
            if text and normalize_name(text) not in seen:
                seen.add(normalize_name(text))
                lines.append(text)
        return lines

    def validate(self, value: list[str]) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        for number, line in enumerate(value, start=1):
            if len(line) > self.max_line_length:
                raise ValidationError(
                    _("Line %(number)d is longer than %(limit)d characters."),
                    code="max_length",
                    params={"number": number, "limit": self.max_line_length},
                )


class PersonForm(forms.ModelForm):
    aliases = LinesField(
        label=_("Aliases"),
        required=False,
        help_text=_(
            "Other spellings of the name seen in minutes, one per line. The person's own "
            "name is not needed here."
        ),
    )

    class Meta:
        model = Person
        fields = ["full_name", "organization", "aliases"]

    def clean(self):
        cleaned = super().clean()
        name = cleaned.get("full_name")
        if name and "aliases" in cleaned:
            own = normalize_name(name)
            cleaned["aliases"] = [a for a in cleaned["aliases"] if normalize_name(a) != own]
        return cleaned
