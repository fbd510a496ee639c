"""ASGI entry point. Defaults to the production settings, as config/wsgi.py does."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")
# A web process: its SQL statements get a time limit (ARCHIVE_STATEMENT_TIMEOUT, settings).
os.environ["ARCHIVE_WEB_PROCESS"] = "true"

application = get_asgi_application()
