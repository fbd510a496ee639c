"""The archive's URLs plus one that fails, to see the 500 page as a reader would."""

from django.urls import path

from config.urls import urlpatterns as archive_urlpatterns


def failing_view(request):
    raise RuntimeError("a deliberate failure for the 500 page's test")


urlpatterns = [*archive_urlpatterns, path("fel/", failing_view)]
