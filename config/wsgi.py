"""WSGI entry point for gunicorn: `gunicorn config.wsgi`.

Defaults to the production settings, so a server started without DJANGO_SETTINGS_MODULE
never runs with DEBUG on; `make run` sets config.settings.dev explicitly.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")
# A web process: its SQL statements get a time limit (ARCHIVE_STATEMENT_TIMEOUT, settings).
os.environ["ARCHIVE_WEB_PROCESS"] = "true"

application = get_wsgi_application()
