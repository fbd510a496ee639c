from django.contrib.admin.apps import AdminConfig


class ArchiveAdminConfig(AdminConfig):
    """Django's admin with the archive's own site (config/admin_site.py) as `admin.site`."""

    default_site = "config.admin_site.ArchiveAdminSite"
