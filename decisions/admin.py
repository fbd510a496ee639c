from django.contrib import admin

from decisions.models import Ballot, Decision, Statement, Vote
from minutes.admin_mixins import MeetingChangedOnSave
from minutes.models import AgendaItem
from municipalities.history import HistoryAdmin


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0
    fields = ["order", "heading", "text", "assigned"]
    autocomplete_fields = ["assigned"]


class StatementInline(admin.TabularInline):
    model = Statement
    extra = 0
    fields = ["order", "kind", "person", "name_as_written", "affiliation_as_written", "text"]
    autocomplete_fields = ["person"]


class VoteInline(admin.TabularInline):
    # Who voted how is corrected on the vote's own page (a link from here).
    model = Vote
    extra = 0
    fields = ["order", "yes", "no", "abstain"]
    show_change_link = True


class BallotInline(admin.TabularInline):
    model = Ballot
    extra = 0
    fields = ["order", "person", "name_as_written", "affiliation_as_written", "choice"]
    autocomplete_fields = ["person"]


@admin.register(Vote)
class VoteAdmin(MeetingChangedOnSave, HistoryAdmin):
    list_display = ["__str__", "item", "yes", "no", "abstain"]
    list_select_related = ["item__meeting__body"]
    search_fields = ["item__title", "item__case_number", "ballots__name_as_written"]
    autocomplete_fields = ["item"]
    inlines = [BallotInline]
    meeting_id_path = "item.meeting_id"


@admin.register(Decision)
class DecisionAdmin(MeetingChangedOnSave, HistoryAdmin):
    list_display = ["__str__", "item", "heading"]
    list_filter = ["item__meeting__body"]
    list_select_related = ["item__meeting__body"]
    search_fields = ["text", "heading", "item__title"]
    autocomplete_fields = ["item", "assigned"]
    meeting_id_path = "item.meeting_id"


# An agenda item is edited with its decisions, so its admin lives here, above minutes: the
# minutes app knows nothing of decisions (municipalities <- minutes <- decisions).
@admin.register(AgendaItem)
class AgendaItemAdmin(MeetingChangedOnSave, HistoryAdmin):
    list_display = ["__str__", "meeting"]
    list_filter = ["meeting__body"]
    list_select_related = ["meeting__body"]
    search_fields = ["number", "case_number", "title", "text", "meeting__title"]
    autocomplete_fields = ["meeting"]
    inlines = [DecisionInline, VoteInline, StatementInline]
