from django.contrib import admin

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
