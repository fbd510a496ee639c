"""What every page's menu needs to know about access."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest


def access(request: HttpRequest) -> dict[str, object]:
    return {
        "archive_public_read": settings.ARCHIVE_PUBLIC_READ,
        # Called by the template only where it is used: the admin site's own rule.
        "may_administer": lambda: admin.site.has_permission(request),
    }
