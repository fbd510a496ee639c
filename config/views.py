"""The project's own pages: sign-in, sign-out, the lockout page, robots.txt, the favicon."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from config.access import public_page


@public_page
class SignInView(auth_views.LoginView):
    template_name = "registration/login.html"


@public_page
class SignOutView(auth_views.LogoutView):
    """POST only (Django's LogoutView): a link could sign anyone out from another site."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You have signed out."))
        return response


def lockout_response(request: HttpRequest, original_response=None, credentials=None):
    """django-axes' answer to a sign-in while the user name is locked out (AXES_LOCKOUT_CALLABLE):
    a page that says when to try again, with 429 Too Many Requests."""
    cool_off = get_cool_off(request) or dt.timedelta(0)
    minutes = max(1, round(cool_off.total_seconds() / 60))
    context = {
        "minutes": minutes,
        "retry_at": timezone.localtime() + cool_off,
    }
    return render(request, "registration/lockout.html", context, status=429)


@public_page
@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Search engines may index the archive only when it is open to anyone."""
    lines = ["User-agent: *"]
    if settings.ARCHIVE_PUBLIC_READ:
        lines += ["Disallow: /konto/", "Disallow: /admin/"]
    else:
        lines += ["Disallow: /"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


# A day: the icon hardly ever changes, and every page load asks for it.
FAVICON_MAX_AGE = 60 * 60 * 24


@cache
def _favicon() -> bytes:
    return Path(finders.find("favicon.ico")).read_bytes()


@public_page
@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever a page links to, signed in or not; the same icon
    for everyone, so any cache may keep it."""
    response = HttpResponse(_favicon(), content_type="image/x-icon")
    patch_cache_control(response, public=True, max_age=FAVICON_MAX_AGE)
    return response
