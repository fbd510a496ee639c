"""Writes to organisations and people."""

from __future__ import annotations

from django.db import transaction

from minutes.parsing.orgs import municipality_code, municipality_of
from municipalities.models import Organization, fold_whitespace

_AGENCY_ENDINGS = ("verket", "myndigheten")
_COOPERATION_ENDINGS = ("kommunerna", "förbund", "förbundet")


def organization_kind_guess(name: str) -> str:
    """The kind of organisation a name suggests; municipalities are recognised elsewhere."""
    text = fold_whitespace(name)
    folded = text.casefold()
    words = folded.split()
    if folded.startswith("region "):
        return Organization.Kind.REGION
    if text.endswith(" AB") or text.startswith("AB "):
        return Organization.Kind.COMPANY
    if any(word.endswith(_AGENCY_ENDINGS) for word in words) or folded.startswith(
        "länsstyrelsen"
    ):
        return Organization.Kind.AGENCY
    if any(word.endswith(_COOPERATION_ENDINGS) for word in words):
        return Organization.Kind.COOPERATION
    return Organization.Kind.OTHER


@transaction.atomic
def organization_get_or_create(*, name: str) -> Organization:
    """The organisation `name` refers to, created with a guessed kind on first sight.

    A municipality is stored under its canonical name with its code, and the form first
    seen is kept as an alias.
    """
    text = fold_whitespace(name)
    if not text:
        raise ValueError("An organisation needs a name.")
    found = Organization.objects.resolve(text)
    if found is not None:
        return found

    canonical = municipality_of(text)
    if canonical is not None:
        organization, _created = Organization.objects.get_or_create(
            name=canonical,
            defaults={
                "kind": Organization.Kind.MUNICIPALITY,
                "code": municipality_code(canonical),
                "aliases": [text] if text != canonical else [],
            },
        )
        return organization

    organization, _created = Organization.objects.get_or_create(
        name=text, defaults={"kind": organization_kind_guess(text)}
    )
    return organization
