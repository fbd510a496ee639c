"""The archive's URLs plus the benchmark's floor: a view that does nothing but answer."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.access import public_page
from config.urls import urlpatterns as archive_urlpatterns


@public_page
def hello(request: HttpRequest) -> HttpResponse:
    """Django's floor on this machine: routing, middleware and a response, nothing more."""
    return HttpResponse("Hej", content_type="text/plain; charset=utf-8")


def hello_signed_in(request: HttpRequest) -> HttpResponse:
    """The same behind the archive's access check: what signing in costs every page."""
    return HttpResponse("Hej", content_type="text/plain; charset=utf-8")


urlpatterns = [
    *archive_urlpatterns,
    path("bench/hello/", hello, name="bench-hello"),
    path("bench/hello-signed-in/", hello_signed_in, name="bench-hello-signed-in"),
]
