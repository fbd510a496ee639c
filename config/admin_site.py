"""The admin site: for administrators and secretaries, signed in through the one sign-in page.

Django's own site admits staff users and, failing that, sends a signed-in user back to its
login form in a loop. This one admits by permission (superusers, and anyone who may correct
meetings: the "Sekreterare" and "Administratör" groups), answers 403 to a signed-in user it
does not admit, and sends anonymous visitors to the archive's sign-in page.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from minutes.roles import ADMIN_PERMISSION


class ArchiveAdminSite(admin.AdminSite):
    site_header = _("Minutes archive administration")
    site_title = _("Minutes archive administration")
    index_title = _("Administration")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return user.is_active and (user.is_superuser or user.has_perm(ADMIN_PERMISSION))

    def admin_view(self, view, cacheable=False):
        checked = super().admin_view(view, cacheable)

        @wraps(checked)
        def inner(request, *args, **kwargs):
            if not self.has_permission(request):
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied
            return checked(request, *args, **kwargs)

        return inner

    def login(self, request, extra_context=None):
        """The archive's sign-in page signs in for the admin too."""
        next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = reverse("admin:index", current_app=self.name)
        return redirect_to_login(next_url)
