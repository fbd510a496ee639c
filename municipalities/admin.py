"""Administration of organisations and people: editing, history, merging, GDPR export."""

from __future__ import annotations

import json

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Max, Min
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from municipalities.export import person_export
from municipalities.forms import PersonForm
from municipalities.history import HistoryAdmin
from municipalities.models import Body, Organization, Person, PersonMerge
from municipalities.services import (
    PersonMergeError,
    changed_since_merge,
    person_merge,
    person_merge_plan,
    person_merge_undo,
)

# Merging deletes a person and rewrites others' records; undoing it does the same backwards.
MERGE_PERMISSIONS = ("municipalities.change_person", "municipalities.delete_person")
EXPORT_PERMISSIONS = ("municipalities.view_person", "municipalities.change_person")


def may_merge(request) -> bool:
    return request.user.has_perms(MERGE_PERMISSIONS)


def people_with_meetings(pks) -> dict[int, Person]:
    """The people by id, each with what tells two of the same name apart: organisation,
    number of meetings attended, and the dates of the first and the last."""
    return (
        Person.objects.filter(pk__in=pks)
        .select_related("organization")
        .annotate(
            meeting_count=Count("attendances__meeting", distinct=True),
            first_meeting=Min("attendances__meeting__start_date"),
            last_meeting=Max("attendances__meeting__start_date"),
        )
        .in_bulk()
    )


@admin.register(Organization)
class OrganizationAdmin(HistoryAdmin):
    list_display = ["name", "kind", "code"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    ordering = ["name"]


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "created_at"]
    list_filter = ["organization"]
    list_select_related = ["organization"]
    search_fields = ["name", "organization__name"]
    autocomplete_fields = ["organization"]


@admin.register(Person)
class PersonAdmin(HistoryAdmin):
    form = PersonForm
    fields = ["full_name", "organization", "aliases", "normalized_name", "created_at", "updated_at"]
    list_display = ["full_name", "organization"]
    list_filter = ["organization__kind", "organization"]
    list_select_related = ["organization"]
    search_fields = ["full_name", "normalized_name", "aliases", "organization__name"]
    autocomplete_fields = ["organization"]
    readonly_fields = ["normalized_name", "created_at", "updated_at"]
    ordering = ["full_name"]
    actions = ["merge_two"]
    change_list_template = "admin/municipalities/person/change_list.html"
    change_form_template = "admin/municipalities/person/change_form.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path(
                "near-duplicates/",
                view(self.near_duplicates_view),
                name="{}_{}_near_duplicates".format(*info),
            ),
            path(
                "merge/<int:keep_id>/<int:merge_id>/",
                view(self.merge_view),
                name="{}_{}_merge".format(*info),
            ),
            path(
                "<path:object_id>/export/",
                view(self.export_view),
                name="{}_{}_export".format(*info),
            ),
            *super().get_urls(),
        ]

    def has_merge_permission(self, request) -> bool:
        return may_merge(request)

    def changelist_view(self, request, extra_context=None):
        extra = {"may_merge": may_merge(request), **(extra_context or {})}
        return super().changelist_view(request, extra)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra = {
            "may_export": request.user.has_perms(EXPORT_PERMISSIONS),
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra)

    @admin.action(permissions=["merge"], description=gettext_lazy("Merge the two selected people"))
    def merge_two(self, request, queryset):
        people = list(queryset.annotate(attendance_count=Count("attendances"))[:3])
        if len(people) != 2:
            self.message_user(
                request, _("Select exactly two people to merge."), messages.WARNING
            )
            return None
        # The one with more attendances is kept unless the administrator swaps them.
        keep, merge = sorted(people, key=lambda p: (-p.attendance_count, p.pk))
        return redirect(self.merge_url(keep, merge))

    def merge_url(self, keep: Person, merge: Person) -> str:
        info = self.opts.app_label, self.opts.model_name
        return reverse(
            "{}:{}_{}_merge".format(self.admin_site.name, *info), args=[keep.pk, merge.pk]
        )

    def near_duplicates_view(self, request):
        """People with similar names, for the administrator to compare and merge."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        pairs = Person.objects.near_duplicates()
        people = people_with_meetings(
            {pk for pair in pairs for pk in (pair.person_a.pk, pair.person_b.pk)}
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Possible duplicates"),
            "pairs": pairs,
            "rows": [
                (pair, people[pair.person_a.pk], people[pair.person_b.pk]) for pair in pairs
            ],
            "may_merge": may_merge(request),
        }
        return TemplateResponse(
            request, "admin/municipalities/person/near_duplicates.html", context
        )

    def merge_view(self, request, keep_id: int, merge_id: int):
        """What merging would move, and a POST that merges."""
        if not may_merge(request):
            raise PermissionDenied
        people = Person.objects.select_related("organization")
        keep = get_object_or_404(people, pk=keep_id)
        merge = get_object_or_404(people, pk=merge_id)
        if request.method == "POST":
            return self._merge(request, keep, merge)
        try:
            plan = person_merge_plan(keep=keep, merge=merge)
        except PersonMergeError as error:
            self.message_user(request, str(error), messages.ERROR)
            return redirect(self._changelist_url())
        described = people_with_meetings([keep.pk, merge.pk])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Merge %(merged)s into %(kept)s")
            % {"merged": merge.full_name, "kept": keep.full_name},
            "plan": plan,
            "people": [
                (person, person.attendances.count(), person.assigned_decisions.count())
                for person in (described[keep.pk], described[merge.pk])
            ],
            "swap_url": self.merge_url(merge, keep),
            "changelist_url": self._changelist_url(),
        }
        return TemplateResponse(request, "admin/municipalities/person/merge.html", context)

    def _changelist_url(self) -> str:
        return reverse(f"{self.admin_site.name}:municipalities_person_changelist")

    def _merge(self, request, keep: Person, merge: Person):
        try:
            record = person_merge(keep=keep, merge=merge, user=request.user)
        except PersonMergeError as error:
            self.message_user(request, str(error), messages.ERROR)
            return redirect(self._changelist_url())
        keep.refresh_from_db()
        self.log_change(request, keep, record.merge_revision.comment)
        undo = reverse(f"{self.admin_site.name}:municipalities_personmerge_undo", args=[record.pk])
        self.message_user(
            request,
            format_html(
                _('{merged} was merged into {kept}. <a href="{undo}">Undo the merge</a>'),
                merged=record.merged_name,
                kept=record.kept_name,
                undo=undo,
            ),
            messages.SUCCESS,
        )
        return redirect(
            reverse(f"{self.admin_site.name}:municipalities_person_change", args=[keep.pk])
        )

    def export_view(self, request, object_id: str):
        """Everything stored about the person as a JSON download (GDPR article 15)."""
        if not request.user.has_perms(EXPORT_PERMISSIONS):
            raise PermissionDenied
        # get_object answers None, not a 500, for an id that is no number.
        person = self.get_object(request, unquote(object_id))
        if person is None:
            raise Http404(_("There is no such record."))
        body = json.dumps(
            person_export(person=person), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
        )
        response = HttpResponse(body.encode(), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=f"personuppgifter-{person.pk}.json"
        )
        return response


@admin.register(PersonMerge)
class PersonMergeAdmin(admin.ModelAdmin):
    """The merges made, read-only, each with its undo page."""

    list_display = ["merged_at", "merged_name", "kept", "merged_by", "state"]
    list_select_related = ["merged_by", "undone_by"]
    search_fields = ["merged_name", "kept_name"]
    date_hierarchy = "merged_at"
    fields = [
        "merged_name",
        "merged_person_id",
        "kept_name",
        "kept_person_id",
        "moved",
        "merged_at",
        "merged_by",
        "undone_at",
        "undone_by",
    ]

    def has_view_permission(self, request, obj=None) -> bool:
        return may_merge(request) or super().has_view_permission(request, obj)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # The record of a merge is what undoing it needs.
        return False

    @admin.display(description=gettext_lazy("kept person"), ordering="kept_name")
    def kept(self, merge: PersonMerge):
        if not Person.objects.filter(pk=merge.kept_person_id).exists():
            return merge.kept_name
        url = reverse(
            f"{self.admin_site.name}:municipalities_person_change", args=[merge.kept_person_id]
        )
        return format_html('<a href="{}">{}</a>', url, merge.kept_name)

    @admin.display(description=gettext_lazy("state"))
    def state(self, merge: PersonMerge):
        if merge.is_undone:
            return _("Undone")
        url = reverse(f"{self.admin_site.name}:municipalities_personmerge_undo", args=[merge.pk])
        label = _("Undo the merge of %(merged)s into %(kept)s") % {
            "merged": merge.merged_name,
            "kept": merge.kept_name,
        }
        return format_html('<a href="{}" aria-label="{}">{}</a>', url, label, _("Undo"))

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/undo/",
                self.admin_site.admin_view(self.undo_view),
                name="{}_{}_undo".format(*info),
            ),
            *super().get_urls(),
        ]

    def undo_view(self, request, object_id: str):
        """What undoing a merge brings back, and a POST that undoes it."""
        if not may_merge(request):
            raise PermissionDenied
        record = self.get_object(request, unquote(object_id))
        if record is None:
            raise Http404(_("There is no such record."))
        changelist = reverse(f"{self.admin_site.name}:municipalities_personmerge_changelist")
        if request.method == "POST":
            try:
                person_merge_undo(merge_record=record, user=request.user)
            except PersonMergeError as error:
                self.message_user(request, str(error), messages.ERROR)
                return redirect(request.path)
            person_change = f"{self.admin_site.name}:municipalities_person_change"
            self.message_user(
                request,
                format_html(
                    _('The merge was undone: <a href="{merged_url}">{merged}</a> and '
                      '<a href="{kept_url}">{kept}</a> are two people again.'),
                    merged=record.merged_name,
                    merged_url=reverse(person_change, args=[record.merged_person_id]),
                    kept=record.kept_name,
                    kept_url=reverse(person_change, args=[record.kept_person_id]),
                ),
                messages.SUCCESS,
            )
            return redirect(changelist)
        versions = record.before_revision.version_set.select_related("content_type")
        restored: dict[str, list[str]] = {}
        for version in versions.order_by("content_type_id", "pk"):
            model = version.content_type.model_class()
            label = str(model._meta.verbose_name_plural).capitalize() if model else "?"
            restored.setdefault(label, []).append(version.object_repr)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Undo the merge of %(merged)s into %(kept)s")
            % {"merged": record.merged_name, "kept": record.kept_name},
            "record": record,
            "restored": restored,
            "changed": [] if record.is_undone else changed_since_merge(record),
            "changelist_url": changelist,
        }
        return TemplateResponse(request, "admin/municipalities/personmerge/undo.html", context)
