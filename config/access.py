"""Who may open which page. Deny by default: every page asks for sign-in.

`AccessPolicyMiddleware` asks every resolved view for the read permission, except the
admin's, which checks for itself (config/admin_site.py). `ARCHIVE_PUBLIC_READ` opens
reading to anyone, as a municipality may want for public records. Two decorators change
the rule for one view:

- `public_page`: no sign-in at all (the sign-in page, robots.txt). The 403, 404 and 500
  pages are rendered by Django's error handlers, outside any view, so they are public too.
- `secretary_required`: the upload permission, even when reading is open to anyone.

Both decorate a view function, the result of `as_view()`, or a class-based view's class.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.decorators import method_decorator

from config.roles import READ_PERMISSION, UPLOAD_PERMISSION

PUBLIC = "public"
READ = "read"
SECRETARY = "secretary"
# The attribute a decorator leaves on a view for the middleware to find.
RULE_ATTRIBUTE = "archive_access_rule"

View = TypeVar("View", bound=Callable)


def refusal(request: HttpRequest, permission: str) -> HttpResponse | None:
    """None when the user holds the permission. Otherwise a visitor who is not signed in is
    sent to sign in (and back afterwards); a signed-in user without it gets 403."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm(permission):
        raise PermissionDenied
    return None


def access_rule(view_func: Callable) -> str:
    """The rule a view was decorated with, READ when none."""
    for holder in (view_func, getattr(view_func, "view_class", None)):
        rule = getattr(holder, RULE_ATTRIBUTE, None)
        if rule is not None:
            return rule
    return READ


def public_page(view: View) -> View:
    """Anyone may open this view, signed in or not."""
    setattr(view, RULE_ATTRIBUTE, PUBLIC)
    return view


def secretary_required(view: View) -> View:
    """Only users who may upload minutes: anonymous visitors are sent to sign in, others get
    403, whatever ARCHIVE_PUBLIC_READ says. The view checks this itself as well, so it holds
    without the middleware."""
    if isinstance(view, type):
        view.dispatch = method_decorator(secretary_required)(view.dispatch)
        setattr(view, RULE_ATTRIBUTE, SECRETARY)
        return view

    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return refusal(request, UPLOAD_PERMISSION) or view(request, *args, **kwargs)

    setattr(guarded, RULE_ATTRIBUTE, SECRETARY)
    return guarded  # type: ignore[return-value]


class AccessPolicyMiddleware:
    """Every resolved view but the admin's requires the read permission unless decorated."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: Callable, view_args, view_kwargs):
        if "admin" in request.resolver_match.app_names:
            return None  # the admin site checks its own permission (config/admin_site.py)
        rule = access_rule(view_func)
        if rule == PUBLIC:
            return None
        if rule == SECRETARY:
            return refusal(request, UPLOAD_PERMISSION)
        if settings.ARCHIVE_PUBLIC_READ:
            return None
        return refusal(request, READ_PERMISSION)
