"""Organisations people represent at meetings, and the people themselves."""

from __future__ import annotations

from dataclasses import dataclass

import reversion
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import connections, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parsing import municipality_code, municipality_of


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


@reversion.register()
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


# Meetings whose minutes name no organisation keep their bodies here: the archive is the
# Södertörn cooperation's, and a body must belong to someone (municipalities migration 0005
# gave existing bodies without meetings the same home).
DEFAULT_BODY_ORGANIZATION = "Södertörnskommunerna"


class BodyQuerySet(models.QuerySet):
    def for_organization(self, organization: Organization | None) -> BodyQuerySet:
        """The bodies a meeting of `organization` may have (no organisation: the default's)."""
        if organization is None:
            return self.filter(organization__name=DEFAULT_BODY_ORGANIZATION)
        return self.filter(organization=organization)

    def resolve(self, name: str, organization: Organization | None) -> Body | None:
        """The existing body called `name` (spacing folded) of `organization`."""
        text = fold_whitespace(name or "")
        if not text:
            return None
        return self.for_organization(organization).filter(name=text[:200]).first()


class Body(models.Model):
    """A council, board or group that meets: it belongs to one organisation, and two
    organisations may each have a body of the same name ("Kommunstyrelsen")."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="bodies",
    )
    name = models.CharField(_("name"), max_length=200)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = BodyQuerySet.as_manager()

    class Meta:
        # The table keeps the name it had when bodies lived in the minutes app: triggers and
        # raw SQL (minutes 0005, decisions 0002, the facet counts) name it.
        db_table = "minutes_body"
        verbose_name = _("meeting body")
        verbose_name_plural = _("meeting bodies")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"], name="body_name_unique_per_organization"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def full_name(self) -> str:
        """The name with its organisation, for where two bodies share a name."""
        return f"{self.name} ({self.organization.name})"


# The least trigram similarity (0 to 1) of two normalised names for "possibly the same
# person": the administrator's list of possible duplicates and the upload preview's
# suggestions (municipalities.services.people_similar) both use it.
DUPLICATE_SIMILARITY = 0.5


@dataclass(frozen=True)
class NearDuplicate:
    """Two people whose names are alike, for an administrator to compare; never merged here."""

    person_a: Person
    person_b: Person
    similarity: float
    # True unless the two are known to belong to different organisations.
    same_organization: bool

    @property
    def percent(self) -> int:
        return round(self.similarity * 100)


class PersonQuerySet(models.QuerySet):
    def near_duplicates(
        self, threshold: float = DUPLICATE_SIMILARITY, limit: int = 100
    ) -> list[NearDuplicate]:
        """Pairs of people in this queryset with similar normalised names (pg_trgm).

        Each pair once (person_a has the lower pk), most similar first; among equally
        similar pairs, those not known to be of different organisations first. `threshold`
        is the least trigram similarity, from 0 to 1.
        """
        if not 0 <= threshold <= 1:
            raise ValueError("threshold must be between 0 and 1")
        if limit < 1:
            return []
        connection = connections[self.db]
        table = connection.ops.quote_name(self.model._meta.db_table)
        within, within_params = "", []
        if self.query.where:
            subquery, subquery_params = self.values("pk").query.sql_with_params()
            within = f" AND a.id IN ({subquery}) AND b.id IN ({subquery})"
            within_params = [*subquery_params, *subquery_params]
        # `%` (similar enough) is what the trigram GIN index answers; its threshold is a
        # setting, made local to this transaction by set_config(..., true).
        sql = f"""
            SELECT a.id, b.id,
                   similarity(a.normalized_name, b.normalized_name) AS score,
                   (a.organization_id IS NULL OR b.organization_id IS NULL
                    OR a.organization_id = b.organization_id) AS same_organization
            FROM {table} a
            JOIN {table} b ON b.normalized_name %% a.normalized_name AND a.id < b.id
            WHERE TRUE{within}
            ORDER BY score DESC, same_organization DESC, a.id, b.id
            LIMIT %s
        """
        with transaction.atomic(using=self.db), connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [str(threshold)]
            )
            cursor.execute(sql, [*within_params, limit])
            rows = cursor.fetchall()
        people = self.model.objects.select_related("organization").in_bulk(
            {pk for row in rows for pk in row[:2]}
        )
        return [
            NearDuplicate(people[a], people[b], float(score), bool(same))
            for a, b, score, same in rows
        ]


@reversion.register()
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

    objects = PersonQuerySet.as_manager()

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


class PersonMerge(models.Model):
    """One merge of two people, kept so that it can be shown and undone.

    People are referred to by id, not by foreign key: the merged person is deleted by the
    merge and comes back with the same id when it is undone, and the record outlives both.
    Undoing reverts `before_revision`, the snapshot of everything the merge touched.
    """

    kept_person_id = models.PositiveBigIntegerField(_("kept person's id"), db_index=True)
    kept_name = models.CharField(_("kept name"), max_length=200)
    merged_person_id = models.PositiveBigIntegerField(
        _("merged person's id"),
        db_index=True,
        help_text=_("The id the merged person had, and has again after an undo."),
    )
    merged_name = models.CharField(_("merged name"), max_length=200)
    moved = models.JSONField(
        _("what moved"),
        default=dict,
        blank=True,
        help_text=_("How many attendances, decisions and roles moved to the kept person."),
    )
    # PROTECT: without its revisions a merge can be neither undone nor checked.
    before_revision = models.ForeignKey(
        "reversion.Revision",
        verbose_name=_("revision before the merge"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    merge_revision = models.ForeignKey(
        "reversion.Revision",
        verbose_name=_("revision of the merge"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    undo_revision = models.ForeignKey(
        "reversion.Revision",
        verbose_name=_("revision of the undo"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("merged by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    merged_at = models.DateTimeField(_("merged"), default=timezone.now)
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undone by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("person merge")
        verbose_name_plural = _("person merges")
        ordering = ["-merged_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.merged_name} → {self.kept_name}"

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None
