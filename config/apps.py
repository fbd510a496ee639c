from django.contrib.admin.apps import AdminConfig


class ArchiveAdminConfig(AdminConfig):
    """Django's admin with the archive's own site (config/admin_site.py) as `admin.site`."""

    default_site = "config.admin_site.ArchiveAdminSite"

    def ready(self) -> None:
        super().ready()  # autodiscovery registers Django's own user and group admins
        from django.contrib import admin

        from config.user_admin import register

        register(admin.site)
