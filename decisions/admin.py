from django.contrib import admin

from decisions.models import Decision
from minutes.admin_mixins import HistoryAdmin, ReindexMeetingOnSave


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0
    fields = ["order", "heading", "text", "assigned"]
    autocomplete_fields = ["assigned"]


@admin.register(Decision)
class DecisionAdmin(ReindexMeetingOnSave, HistoryAdmin):
    list_display = ["__str__", "item", "heading"]
    list_filter = ["item__meeting__body"]
    list_select_related = ["item__meeting__body"]
    search_fields = ["text", "heading", "item__title"]
    autocomplete_fields = ["item", "assigned"]
    meeting_id_path = "item.meeting_id"
