from django.contrib import admin

from minutes import queue_admin
from minutes.admin_mixins import MeetingChangedOnSave
from minutes.models import AgendaItem, Attendance, Meeting, SourceDocument
from municipalities.history import HistoryAdmin

# The task queue (minutes/tasks.py) reads the uploads: its jobs, in Swedish.
queue_admin.register(admin.site)


@admin.register(SourceDocument)
class SourceDocumentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "status", "content_type", "size", "added_at", "added_by"]
    list_filter = ["status", "content_type", "parser_version"]
    list_select_related = ["added_by"]
    search_fields = ["original_name", "sha256"]
    date_hierarchy = "added_at"
    # What the file is and where it came from is fixed once it is archived.
    readonly_fields = [
        "file",
        "sha256",
        "original_name",
        "content_type",
        "size",
        "added_by",
        "added_at",
        "parser_version",
    ]

    def has_add_permission(self, request) -> bool:
        # Originals come in through ingest, which checksums and parses them.
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        # What is not fixed above is the upload workflow's record (status, who changed it and
        # when, error, warnings, extracted text): it changes only through uploads and ingest,
        # for superusers too. A status set back by hand would let an import run twice.
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # The archive is a public record: an original is kept forever.
        return False


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    fields = [
        "person",
        "name_as_written",
        "affiliation_as_written",
        "organization",
        "status",
        "role",
        "items",
        "order",
    ]
    autocomplete_fields = ["person", "organization"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "organization")


class AgendaItemInline(admin.StackedInline):
    model = AgendaItem
    extra = 0
    fields = ["number", "title", "text", "order"]
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(MeetingChangedOnSave, HistoryAdmin):
    # The title is mostly the body's name, which the first column already shows; dropping it
    # lets the list fit 1366 px beside the navigation and the filters.
    list_display = ["__str__", "start_date", "place", "organization"]
    list_filter = ["body", "organization"]
    list_select_related = ["body", "organization"]
    search_fields = ["title", "place", "body__name", "organization__name"]
    date_hierarchy = "start_date"
    ordering = ["-start_date", "-pk"]
    autocomplete_fields = ["body", "organization", "secretary", "adjusters", "source"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [AttendanceInline, AgendaItemInline]
    meeting_id_path = "pk"


@admin.register(Attendance)
class AttendanceAdmin(HistoryAdmin):
    list_display = ["name_as_written", "meeting", "organization", "status", "role"]
    list_filter = ["status", "role", "meeting__body"]
    list_select_related = ["meeting__body", "organization"]
    search_fields = ["name_as_written", "person__full_name", "affiliation_as_written"]
    autocomplete_fields = ["meeting", "person", "organization"]
