from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _

from municipalities.models import Organization, Person


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    ordering = ["name"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "organization"]
    list_filter = ["organization__kind", "organization"]
    list_select_related = ["organization"]
    search_fields = ["full_name", "normalized_name", "organization__name"]
    autocomplete_fields = ["organization"]
    readonly_fields = ["normalized_name", "created_at", "updated_at"]
    ordering = ["full_name"]
    change_list_template = "admin/municipalities/person/change_list.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "near-duplicates/",
                self.admin_site.admin_view(self.near_duplicates_view),
                name="{}_{}_near_duplicates".format(*info),
            ),
            *super().get_urls(),
        ]

    def near_duplicates_view(self, request):
        """People with similar names, for the administrator to compare and merge by hand."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Possible duplicates"),
            "pairs": Person.objects.near_duplicates(),
        }
        return TemplateResponse(
            request, "admin/municipalities/person/near_duplicates.html", context
        )
