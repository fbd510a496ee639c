"""Development only: a 404 shows the archive's Swedish page, not Django's debug page.

With DEBUG on, Django answers an unknown address with its technical 404 page, which lists
every URL pattern of the site, and a view's Http404 with where it was raised. What a reader
meets in production is `templates/404.html`, so `make run` shows that too;
`DJANGO_DEBUG_404=true` brings Django's page back (config/settings/dev.py).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import Resolver404
from django.views.defaults import page_not_found


class ArchiveNotFoundMiddleware:
    """Answers every 404 that Django would make its debug page with the Swedish 404 page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 404 and request.resolver_match is None:
            # No URL pattern matched, so no view made this 404: it is Django's list of them.
            return page_not_found(request, Resolver404({"path": request.path_info}))
        return response

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None
