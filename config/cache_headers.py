"""Cache-Control for every response the archive's views make (static files are WhiteNoise's).

- Signed in: `private, no-store`. Pages, originals, CSV/JSON/Atom exports and the admin show
  what this user may see (minutes may hold names and personal matters), often on a shared
  office computer: nothing of it should stay in the browser's cache after signing out, nor
  ever in a proxy's. Pages are made in milliseconds, and an original is a download the user
  saves anyway, so a cached copy would not be worth the risk.
- Not signed in: `no-cache`. The sign-in page and redirects to it, the error pages and, with
  ARCHIVE_PUBLIC_READ, public records. Any cache may keep those but must ask again before
  reuse, so a correction in the admin shows at once and a signed-in visitor is never handed a
  stored anonymous copy.
- A view that sets Cache-Control itself keeps it. One marked `public` is the same for
  everyone (the favicon); any other gets `private` added for a signed-in user, and
  `no-store` too unless it gave a max-age of its own (a view that should be kept a little
  while for speed says so with `private, max-age=...`).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


def cache_directives(response: HttpResponse) -> set[str]:
    """The directive names in the response's Cache-Control, lower case, without values."""
    header = response.get("Cache-Control", "")
    return {part.split("=", 1)[0].strip().lower() for part in header.split(",") if part.strip()}


class CacheHeadersMiddleware:
    """Below AuthenticationMiddleware, so it knows whether the response is a signed-in one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        directives = cache_directives(response)
        if "public" in directives:
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True)
            if "max-age" not in directives:
                patch_cache_control(response, no_store=True)
        elif not directives:
            patch_cache_control(response, no_cache=True)
        return response
