"""The task queue's jobs in the admin, in Swedish.

Procrastinate's own admin (procrastinate.contrib.django) names its models, fields, columns
and actions in English with nothing marked for translation. This one replaces it, with the
same behaviour, and gives its models and fields Swedish names for the admin to show. Only
the names shown are set, not what the migrations read (`Options.original_attrs`, a field's
`_verbose_name`), so no migration follows from them.
"""

from __future__ import annotations

from django.contrib import admin
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from procrastinate.contrib.django import admin as queue_admin
from procrastinate.contrib.django import models as queue

JOB_STATUSES = {
    "todo": _("waiting"),
    "doing": _("running"),
    "succeeded": _("done"),
    "failed": _("failed"),
    "cancelled": _("cancelled"),
    "aborted": _("aborted"),
    "aborting": _("aborting"),
}
EVENT_TYPES = {
    "deferred": _("queued"),
    "started": _("started"),
    "deferred_for_retry": _("queued to retry"),
    "failed": _("failed"),
    "succeeded": _("done"),
    "cancelled": _("cancelled"),
    "abort_requested": _("abort requested"),
    "aborted": _("aborted"),
    "scheduled": _("scheduled"),
}
MODEL_NAMES = {
    queue.ProcrastinateJob: (_("job"), _("jobs")),
    queue.ProcrastinateEvent: (_("job event"), _("job events")),
    queue.ProcrastinateWorker: (_("worker"), _("workers")),
    queue.ProcrastinatePeriodicDefer: (_("periodic job"), _("periodic jobs")),
}
FIELD_NAMES = {
    queue.ProcrastinateJob: {
        "id": _("ID"),
        "queue_name": _("queue"),
        "task_name": _("task"),
        "priority": _("priority"),
        "lock": _("lock"),
        "args": _("arguments"),
        "status": _("status"),
        "scheduled_at": _("scheduled for"),
        "attempts": _("attempts"),
        "queueing_lock": _("queueing lock"),
        "abort_requested": _("abort requested"),
        "worker": _("worker"),
    },
    queue.ProcrastinateEvent: {
        "id": _("ID"),
        "job": _("job"),
        "type": _("event"),
        "at": _("time"),
    },
}


def name_queue_models() -> None:
    for model, (singular, plural) in MODEL_NAMES.items():
        model._meta.verbose_name = singular
        model._meta.verbose_name_plural = plural
    for model, fields in FIELD_NAMES.items():
        for name, verbose_name in fields.items():
            model._meta.get_field(name).verbose_name = verbose_name


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status__exact"

    def lookups(self, request, model_admin):
        return [(status, JOB_STATUSES[status]) for status in queue.ProcrastinateJob.STATUSES]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(status=self.value())
        return queryset


class JobAdmin(queue_admin.ProcrastinateJobAdmin):
    fields = [
        "id",
        "short_task_name",
        "pretty_args",
        "pretty_status",
        "queue_name",
        "lock",
        "queueing_lock",
        "priority",
        "scheduled_at",
        "attempts",
        "events",
    ]
    list_display = ["id", "short_task_name", "pretty_args", "pretty_status", "summary"]
    list_filter = [StatusFilter, "queue_name", "task_name", "scheduled_at", "priority"]
    # The events are listed in Swedish by `events`; the inline would name each in English.
    inlines = []
    actions = ["retry", "cancel", "abort"]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "events"]

    @admin.display(description=_("events"))
    def events(self, instance: queue.ProcrastinateJob) -> str:
        return render_to_string(
            "admin/procrastinate/events.html",
            {
                "events": [
                    (EVENT_TYPES.get(event.type, event.type), event.at)
                    for event in instance.procrastinateevent_set.all()
                ]
            },
        )

    @admin.display(description=_("status"))
    def pretty_status(self, instance: queue.ProcrastinateJob) -> str:
        emoji = queue_admin.JOB_STATUS_EMOJI_MAPPING.get(instance.status, "")
        return f"{emoji} {JOB_STATUSES.get(instance.status, instance.status)}".strip()

    @admin.display(description=_("task"))
    def short_task_name(self, instance: queue.ProcrastinateJob) -> str:
        return super().short_task_name(instance)

    @admin.display(description=_("arguments"))
    def pretty_args(self, instance: queue.ProcrastinateJob) -> str:
        return super().pretty_args(instance)

    @admin.display(description=_("last event"))
    def summary(self, instance: queue.ProcrastinateJob) -> str:
        event = instance.procrastinateevent_set.first()
        if event is None:
            return ""
        return render_to_string(
            "admin/procrastinate/summary.html",
            {
                "event": event,
                "event_name": EVENT_TYPES.get(event.type, event.type),
                "job": instance,
            },
        )

    @admin.action(description=_("Retry the selected failed jobs"))
    def retry(self, request, queryset):
        super().retry(request, queryset)

    @admin.action(description=_("Cancel the selected waiting jobs"))
    def cancel(self, request, queryset):
        super().cancel(request, queryset)

    @admin.action(description=_("Abort the selected waiting and running jobs"))
    def abort(self, request, queryset):
        super().abort(request, queryset)


def register(site: admin.AdminSite) -> None:
    name_queue_models()
    if site.is_registered(queue.ProcrastinateJob):
        site.unregister(queue.ProcrastinateJob)
    site.register(queue.ProcrastinateJob, JobAdmin)
