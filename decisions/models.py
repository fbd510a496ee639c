"""Decisions taken under an agenda item, and the people they assign work to."""

from __future__ import annotations

import reversion
from django.db import models
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
