"""The project's own pages: sign-in, sign-out, the lockout page, robots.txt."""

from __future__ import annotations

import datetime as dt

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
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
