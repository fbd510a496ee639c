"""The archive's URLs plus one whose statement PostgreSQL cancels, as a statement that runs
past ARCHIVE_STATEMENT_TIMEOUT is cancelled in a web process."""

from django.db import connection, transaction
from django.urls import path

from config.urls import urlpatterns as archive_urlpatterns


def cancelled_view(request):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = 50")
        cursor.execute("SELECT pg_sleep(5)")


urlpatterns = [*archive_urlpatterns, path("langsam/", cancelled_view)]
