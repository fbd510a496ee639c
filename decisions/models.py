"""Decisions taken under an agenda item and the people they assign work to; the votes,
reservations, recusals and protocol notes of an item."""

from __future__ import annotations

import reversion
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from minutes.models import (
    MEETING_COPIES,
    AgendaItem,
    Meeting,
    meeting_copy_fields,
    newest_first_index,
)
from municipalities.models import Person


@reversion.register(exclude=["meeting", *MEETING_COPIES])
class Decision(models.Model):
    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    text = models.TextField(_("text"))
    # Empty, not NULL, when the decision has no sub-heading (Django's convention for text).
    heading = models.CharField(_("sub-heading"), max_length=300, blank=True)
    order = models.PositiveIntegerField(_("order"))
    assigned = models.ManyToManyField(
        Person,
        verbose_name=_("assigned people"),
        blank=True,
        related_name="assigned_decisions",
        help_text=_("Attendees the decision names as responsible."),
    )
    # The item's meeting, and its date, time and body: copies kept by database triggers
    # (minutes.models.meeting_copy_fields).
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        editable=False,
        related_name="+",
    )
    meeting_date, meeting_start, body = meeting_copy_fields()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["item", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "order"], name="decision_order_unique_per_item"
            ),
        ]
        indexes = [
            newest_first_index("decision_newest"),
            models.Index(fields=["body", "meeting_date"], name="decision_body_date"),
        ]

    def __str__(self) -> str:
        text = " ".join(self.text.split())
        return text if len(text) <= 80 else f"{text[:79]}…"


class VoteChoice(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    ABSTAIN = "abstain", _("Abstains")


@reversion.register()
class Vote(models.Model):
    """A vote (omröstning) under an agenda item: the counts the minutes state."""

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="votes"
    )
    order = models.PositiveIntegerField(_("order"))
    yes = models.PositiveIntegerField(_("yes"))
    no = models.PositiveIntegerField(_("no"))
    abstain = models.PositiveIntegerField(_("abstaining"))

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["item", "order"]
        constraints = [
            models.UniqueConstraint(fields=["item", "order"], name="vote_order_unique_per_item"),
        ]

    def __str__(self) -> str:
        return f"{self.yes}–{self.no}–{self.abstain}"


@reversion.register()
class Ballot(models.Model):
    """How one member voted, linked to the person like an attendance."""

    Choice = VoteChoice

    vote = models.ForeignKey(
        Vote, verbose_name=_("vote"), on_delete=models.CASCADE, related_name="ballots"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="ballots"
    )
    name_as_written = models.CharField(_("name as written"), max_length=200)
    affiliation_as_written = models.CharField(
        _("affiliation as written"), max_length=300, blank=True
    )
    choice = models.CharField(_("vote"), max_length=10, choices=VoteChoice.choices)
    order = models.PositiveIntegerField(_("order"))

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["vote", "order"]
        constraints = [
            models.CheckConstraint(
                condition=Q(choice__in=VoteChoice.values), name="ballot_choice_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name_as_written}: {self.get_choice_display()}"


class StatementKind(models.TextChoices):
    RESERVATION = "reservation", _("Reservation")
    RECUSAL = "recusal", _("Recusal")
    NOTE = "note", _("Protocol note")


@reversion.register()
class Statement(models.Model):
    """A reservation, a declared jäv (recusal) or a protocol note under an agenda item.

    `person` is empty when only a party is named ("Ledamöterna i (S) reserverar sig"): the
    party stays in `affiliation_as_written`.
    """

    Kind = StatementKind

    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.CASCADE,
        related_name="statements",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=StatementKind.choices)
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
    )
    name_as_written = models.CharField(_("name as written"), max_length=200, blank=True)
    affiliation_as_written = models.CharField(
        _("affiliation as written"), max_length=300, blank=True
    )
    text = models.TextField(_("text"), blank=True)
    order = models.PositiveIntegerField(_("order"))

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["item", "kind", "order"]
        indexes = [models.Index(fields=["kind", "item"], name="statement_kind_item")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=StatementKind.values), name="statement_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        who = self.name_as_written or f"({self.affiliation_as_written})"
        return f"{self.get_kind_display()}: {who}"
