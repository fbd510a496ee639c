"""The admin site: for administrators and secretaries, signed in through the one sign-in page.

Django's own site admits staff users and, failing that, sends a signed-in user back to its
login form in a loop. This one admits by permission (superusers, and anyone who may correct
meetings: the "Sekreterare" and "Administratör" groups), answers 403 to a signed-in user it
does not admit, and sends anonymous visitors to the archive's sign-in page.
"""

from __future__ import annotations

from functools import wraps

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.options import TO_FIELD_VAR
from django.contrib.admin.utils import unquote
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from config.roles import ADMIN_PERMISSION

# Apps whose own configuration gives no name to translate: Django shows their label, in
# English, on the start page, in the breadcrumbs and in the permission lists.
APP_NAMES = {
    "axes": _("Sign-in protection"),
    "procrastinate": _("Task queue"),
}


def name_other_apps() -> None:
    """Give the third-party apps without a translatable name one of ours."""
    for label, name in APP_NAMES.items():
        try:
            apps.get_app_config(label).verbose_name = name
        except LookupError:
            continue  # not installed here


class ArchiveAdminSite(admin.AdminSite):
    site_header = _("Minutes archive administration")
    site_title = _("Minutes archive administration")
    index_title = _("Administration")

    def __init__(self, name="admin"):
        super().__init__(name)
        # The site is built while the apps are made ready, once all are known.
        name_other_apps()

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
            _refuse_what_the_admin_cannot_look_up(request, kwargs)
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


def _refuse_what_the_admin_cannot_look_up(request: HttpRequest, kwargs: dict) -> None:
    """Input on which Django's admin (or django-reversion's history) would answer 500.

    An empty `?_to_field=` is read as a field named "" (ModelAdmin.get_object), so it is
    dropped, as if not given. An object id holding NUL (quoted in the URL as "_00") is one no
    row can have, and PostgreSQL refuses to compare text with it: a 404.
    """
    for data in ("GET", "POST"):
        values = getattr(request, data)
        if TO_FIELD_VAR in values and not values.get(TO_FIELD_VAR):
            values = values.copy()
            del values[TO_FIELD_VAR]
            setattr(request, data, values)
    for value in kwargs.values():
        if isinstance(value, str) and "\x00" in unquote(value):
            raise Http404(_("There is no such record."))
