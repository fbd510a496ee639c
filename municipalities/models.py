"""Organisations people represent at meetings, and the people themselves."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from minutes.parsing.orgs import municipality_code, municipality_of


def fold_whitespace(text: str) -> str:
    return " ".join(text.split())


def normalize_name(name: str) -> str:
    """The form people are matched by: case and spacing folded, diacritics kept.

    Diacritics stay because "Sandberg" and "Söderberg" are different people in Swedish.
    """
    return fold_whitespace(name).casefold()


class OrganizationQuerySet(models.QuerySet):
    def resolve(self, name: str) -> Organization | None:
        """The organisation `name` refers to: by name, by alias, or as a municipality.

        "Haninge", "Haninge kommun" and "Haninges kommun" all give Haninge.
        """
        text = fold_whitespace(name or "")
        if not text:
            return None
        found = self.filter(name__iexact=text).first()
        if found is None:
            found = self.filter(aliases__contains=[text]).first()
        if found is None:
            canonical = municipality_of(text)
            if canonical is not None:
                code = municipality_code(canonical)
                same_place = Q(name__iexact=canonical)
                if code:
                    same_place |= Q(code=code)
                found = self.filter(same_place).order_by("pk").first()
        return found


class OrganizationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    REGION = "region", _("Region")
    AGENCY = "agency", _("Government agency")
    COMPANY = "company", _("Company")
    COOPERATION = "cooperation", _("Cooperation body")
    OTHER = "other", _("Other")


class Organization(models.Model):
    Kind = OrganizationKind

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    # NULL, not "", for "no code": the code is unique only among organisations that have one.
    code = models.CharField(  # noqa: DJ001
        _("municipality code"),
        max_length=4,
        null=True,
        blank=True,
        help_text=_("The four-digit code Statistics Sweden gives a municipality."),
    )
    aliases = ArrayField(
        models.CharField(max_length=200),
        verbose_name=_("aliases"),
        default=list,
        blank=True,
        help_text=_("Other forms of the name, as minutes write it."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(code__isnull=False),
                name="organization_code_unique",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=OrganizationKind.values),
                name="organization_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    full_name = models.CharField(_("full name"), max_length=200)
    normalized_name = models.CharField(
        _("normalised name"),
        max_length=200,
        editable=False,
        help_text=_("The name in lower case with single spaces, used for matching."),
    )
    aliases = ArrayField(
        models.CharField(max_length=200),
        verbose_name=_("aliases"),
        default=list,
        blank=True,
        help_text=_("Other spellings of the name seen in minutes."),
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name"]
        indexes = [
            models.Index(fields=["normalized_name"], name="person_normalized_name"),
            # Similar names ("Sundberg" / "Sandberg") for the administrator's review list.
            GinIndex(
                OpClass("normalized_name", name="gin_trgm_ops"),
                name="person_normalized_name_trgm",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs) -> None:
        self.normalized_name = normalize_name(self.full_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "full_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "normalized_name"}
        super().save(*args, **kwargs)
