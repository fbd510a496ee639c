"""Meetings, the documents they come from, who attended and what was on the agenda."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath

import reversion
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minutes.validators import validate_meeting_date
from municipalities.models import Body, Organization, Person
from parsing import STORED_EARLIEST_DATE, STORED_END_DATE
from parsing import model as parsed

# Only these endings are kept on stored originals; anything else is stored without one.
_KNOWN_SUFFIXES = frozenset({".pdf", ".docx", ".txt"})


def source_document_path(instance: SourceDocument, filename: str) -> str:
    """Where an original is stored: named by its checksum, never by what the uploader chose."""
    suffix = PurePath(filename).suffix.lower()
    if suffix not in _KNOWN_SUFFIXES:
        suffix = ""
    return f"originals/{instance.sha256[:2]}/{instance.sha256}{suffix}"


def ocr_file_path(instance: SourceDocument, filename: str) -> str:
    """Where the PDF OCR made of an original is stored: beside it, named by its checksum."""
    return f"originals/{instance.sha256[:2]}/{instance.sha256}.ocr.pdf"


class SourceDocumentStatus(models.TextChoices):
    # Waiting for a worker of the task queue (minutes/tasks.py), then read by one.
    QUEUED = "queued", _("Queued")
    PARSING = "parsing", _("Parsing")
    # Parsed: the preview awaits a secretary's check and confirmation.
    PENDING = "pending", _("Pending")
    IMPORTED = "imported", _("Imported")
    FAILED = "failed", _("Failed")
    DISCARDED = "discarded", _("Discarded")


class SourceDocument(models.Model):
    Status = SourceDocumentStatus

    file = models.FileField(_("file"), upload_to=source_document_path, max_length=200)
    ocr_file = models.FileField(
        _("OCR version"),
        upload_to=ocr_file_path,
        max_length=200,
        blank=True,
        editable=False,
        help_text=_("The scanned original with the text layer OCR gave it; empty unless the "
                    "text was read by OCR."),
    )
    # The OCR version is named after the original, so its name cannot vouch for its bytes as
    # an original's does: scripts/backup.sh checks it against this instead.
    ocr_sha256 = models.CharField(
        _("SHA-256 checksum of the OCR version"), max_length=64, blank=True, editable=False
    )
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64, unique=True)
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="source_documents",
    )
    added_at = models.DateTimeField(_("added"), default=timezone.now)
    extracted_text = models.TextField(_("extracted text"), blank=True)
    parser_version = models.CharField(_("parser version"), max_length=20, blank=True)
    warnings = models.JSONField(
        _("warnings"),
        default=list,
        blank=True,
        help_text=_("What the parser asks a person to check, each with a code and a message."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    error = models.TextField(_("error"), blank=True)
    error_code = models.CharField(
        _("error code"), max_length=40, blank=True, help_text=_("Why the last parse failed.")
    )
    parsed = models.JSONField(
        _("parse result"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("What the parser found, kept for the preview until the import is confirmed."),
    )
    draft = models.JSONField(
        _("corrected reading"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The parse result as a secretary corrected it in the preview, in the "
                    "same form; what a confirmation stores. Empty until the first correction."),
    )
    checked_warnings = models.JSONField(
        _("checked warnings"),
        default=list,
        blank=True,
        editable=False,
        help_text=_("The warnings a secretary marked as checked, by their place in the list."),
    )
    pages = models.JSONField(
        _("page images"),
        default=list,
        blank=True,
        editable=False,
        help_text=_("The original's pages rendered for the preview: stored names, sizes and "
                    "the boxes of words OCR was unsure of."),
    )
    reparsed = models.JSONField(
        _("new reading of an imported original"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("A later parser's reading of an imported original, kept until a secretary "
                    "chooses what to take from it."),
    )
    parse_attempts = models.PositiveSmallIntegerField(
        _("parse attempts"), default=0, editable=False,
        help_text=_("How often a worker started reading this file since it was queued."),
    )
    body_name = models.CharField(
        _("meeting body chosen at upload"), max_length=200, blank=True
    )
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("status changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    file_removed_at = models.DateTimeField(
        _("file removed"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the file of a discarded upload (and its OCR version) was deleted; "
                    "the record is kept."),
    )

    class Meta:
        verbose_name = _("source document")
        verbose_name_plural = _("source documents")
        ordering = ["-added_at"]
        indexes = [
            # The purge of discarded files asks only for these; cheap enough to ask often.
            models.Index(
                fields=["status_changed_at"],
                condition=Q(status="discarded", file_removed_at__isnull=True),
                name="source_discarded_file_kept",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(sha256__regex=r"^[0-9a-f]{64}$"),
                name="source_document_sha256_hex",
            ),
            models.CheckConstraint(
                condition=Q(status__in=SourceDocumentStatus.values),
                name="source_document_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.original_name


class MeetingQuerySet(models.QuerySet):
    def newest_first(self) -> MeetingQuerySet:
        return self.order_by(
            F("start_date").desc(nulls_last=True), F("start").desc(nulls_last=True), "-pk"
        )

    def held_between(self, first: dt.date, last: dt.date) -> MeetingQuerySet:
        """Meetings whose start date falls in [first, last], both days included."""
        return self.filter(start_date__range=(first, last))


# Times are stored in UTC, in which midnight 1 January 1800 in Stockholm is the evening before.
_STORED_EARLIEST_MOMENT = dt.datetime.combine(
    STORED_EARLIEST_DATE - dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC
)
_STORED_END_MOMENT = dt.datetime.combine(STORED_END_DATE, dt.time(), tzinfo=dt.UTC)


def _date_in_stored_range(
    field: str, earliest: dt.date, end: dt.date
) -> models.CheckConstraint:
    """A CHECK that `field` is empty or in [earliest, end): fixed bounds, unlike the
    validators' range, which moves with today (parsing.daterange)."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True})
        | Q(**{f"{field}__gte": earliest, f"{field}__lt": end}),
        name=f"meeting_{field}_in_range",
        violation_error_message=_("The date lies outside what the archive can store."),
    )


@reversion.register()
class Meeting(models.Model):
    body = models.ForeignKey(
        Body,
        verbose_name=_("meeting body"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    start = models.DateTimeField(
        _("start"),
        null=True,
        blank=True,
        help_text=_("Empty when the minutes give no time."),
        validators=[validate_meeting_date],
    )
    start_date = models.DateField(
        _("date"), null=True, blank=True, db_index=True, validators=[validate_meeting_date]
    )
    end = models.DateTimeField(_("end"), null=True, blank=True, validators=[validate_meeting_date])
    place = models.CharField(_("place"), max_length=300, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
    )
    secretary = models.ForeignKey(
        Person,
        verbose_name=_("secretary"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings_as_secretary",
    )
    adjusters = models.ManyToManyField(
        Person, verbose_name=_("adjusters"), blank=True, related_name="meetings_as_adjuster"
    )
    source = models.OneToOneField(
        SourceDocument,
        verbose_name=_("source document"),
        on_delete=models.PROTECT,
        related_name="meeting",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        # The database's own safety net under the validators, which keep to 1800 - ten years
        # ahead: a start before year 1 in UTC made every page showing the meeting answer 500.
        constraints = [
            _date_in_stored_range("start_date", STORED_EARLIEST_DATE, STORED_END_DATE),
            _date_in_stored_range("start", _STORED_EARLIEST_MOMENT, _STORED_END_MOMENT),
            _date_in_stored_range("end", _STORED_EARLIEST_MOMENT, _STORED_END_MOMENT),
        ]

    def __str__(self) -> str:
        parts = [self.body.name if self.body else self.title or str(_("Meeting"))]
        if self.start_date:
            parts.append(self.start_date.isoformat())
        return " ".join(parts)


class AttendanceStatus(models.TextChoices):
    PRESENT = parsed.PRESENT, _("Present")
    OTHER = parsed.OTHER, _("Other attendee")
    ABSENT = parsed.ABSENT, _("Absent")


class AttendanceRole(models.TextChoices):
    CHAIR = parsed.CHAIR, _("Chair")
    VICE_CHAIR = parsed.VICE_CHAIR, _("Vice chair")
    SECRETARY = parsed.SECRETARY, _("Secretary")
    ADJUSTER = parsed.ADJUSTER, _("Adjuster")


@reversion.register()
class Attendance(models.Model):
    Status = AttendanceStatus
    Role = AttendanceRole

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="attendances"
    )
    name_as_written = models.CharField(_("name as written"), max_length=200)
    affiliation_as_written = models.CharField(
        _("affiliation as written"), max_length=300, blank=True
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attendances",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    # Empty, not NULL, when the person had no role (Django's convention for text).
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    items = ArrayField(
        models.PositiveSmallIntegerField(),
        verbose_name=_("items attended"),
        null=True,
        blank=True,
        help_text=_("Empty when the person attended the whole meeting."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["meeting", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="attendance_one_per_person_and_meeting"
            ),
            models.CheckConstraint(
                condition=Q(status__in=AttendanceStatus.values),
                name="attendance_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(role="") | Q(role__in=AttendanceRole.values),
                name="attendance_role_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name_as_written} ({self.get_status_display()})"


# Columns the database derives (the search vector, the copies of the meeting's date, time and
# body) are left out of history: a revert writes the row and the database derives them again.
MEETING_COPIES = ["meeting_date", "meeting_start", "body"]


def newest_first_index(name: str, *tail: str) -> models.Index:
    """The index that lists rows newest meeting first without a join or a sort."""
    return models.Index(
        F("meeting_date").desc(nulls_last=True),
        F("meeting_start").desc(nulls_last=True),
        F("meeting_id").desc(),
        *tail,
        name=name,
    )


def meeting_copy_fields() -> tuple[models.Field, models.Field, models.Field]:
    """The meeting's date, time and body, copied onto each agenda item and decision.

    Search, facets and the decision register filter, count and order by them without
    joining meetings. Database triggers (migration minutes 0005) keep them equal to the
    meeting's, whoever writes the rows: the ORM, the admin, a revert or COPY.
    """
    return (
        models.DateField(_("meeting date"), null=True, editable=False),
        models.DateTimeField(_("meeting start"), null=True, editable=False),
        models.ForeignKey(
            Body,
            verbose_name=_("meeting body"),
            on_delete=models.DO_NOTHING,
            db_constraint=False,
            db_index=False,
            null=True,
            editable=False,
            related_name="+",
        ),
    )


def case_number_clean(value: str | None) -> str:
    """A case number as stored and looked up: whitespace folded, at most 100 characters."""
    return " ".join((value or "").split())[:100]


class AgendaItemQuerySet(models.QuerySet):
    def in_case(self, case_number: str) -> AgendaItemQuerySet:
        """The items of one case number, written in any letter case (the number's index)."""
        wanted = case_number_clean(case_number).upper()
        if not wanted:
            return self.none()
        return (
            self.alias(case_upper=Upper("case_number"))
            .filter(case_upper=wanted)
            .exclude(case_number="")
        )

    def oldest_first(self) -> AgendaItemQuerySet:
        return self.order_by(
            F("meeting_date").asc(nulls_last=True),
            F("meeting_start").asc(nulls_last=True),
            "meeting_id",
            "order",
        )


@reversion.register(exclude=["search_vector", *MEETING_COPIES])
class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="items"
    )
    number = models.CharField(_("number"), max_length=20)
    title = models.CharField(_("title"), max_length=500, blank=True)
    text = models.TextField(_("text"), blank=True)
    order = models.PositiveIntegerField(_("order"))
    # The case's registry number as written after "Dnr" ("KS 2024/123"), whitespace folded;
    # empty when the minutes give none. The case page lists every item of one number.
    case_number = models.CharField(_("case number"), max_length=100, blank=True, default="")
    # Who the decision was sent to ("Beslutet skickas till"), as written.
    sent_to = ArrayField(
        models.CharField(max_length=300), verbose_name=_("sent to"), blank=True, default=list
    )
    # Weighted words of the title (A), the decisions (B) and the text (C), kept up to date by
    # the search app when the minutes.signals.meetings_changed signal is sent.
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)
    meeting_date, meeting_start, body = meeting_copy_fields()

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order"]
        indexes = [
            GinIndex(fields=["search_vector"], name="agenda_item_search"),
            newest_first_index("agenda_item_newest", "order"),
            models.Index(fields=["body", "meeting_date"], name="agenda_item_body_date"),
            # The case page and exact case-number searches look items up by number.
            models.Index(
                Upper("case_number"), name="agenda_item_case_number",
                condition=~Q(case_number=""),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"], name="agenda_item_number_unique_per_meeting"
            ),
            models.UniqueConstraint(
                fields=["meeting", "order"], name="agenda_item_order_unique_per_meeting"
            ),
        ]

    def __str__(self) -> str:
        return f"§ {self.number} {self.title}".strip()
