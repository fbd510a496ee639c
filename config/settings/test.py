"""pytest (see pyproject.toml). Same database as dev: pytest-django creates `test_minutes`."""

from config.env import env_str

from .base import *  # noqa: F403

DEBUG = False
# The development tools (devtools/: bench, generate_minutes, search_eval, search_timing) are
# installed here and never in production (prod.py keeps base.py's apps).
INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]
SECRET_KEY = env_str(
    "DJANGO_SECRET_KEY", default="django-insecure-test-only-never-use-this-key-in-production"
)
# Whatever the shell says: a test that needs the archive open to anyone sets it itself.
ARCHIVE_PUBLIC_READ = False
# E-mails stay in memory (django.core.mail.outbox), with links to the test client's host.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SITE_URL = "http://testserver"
# Hashing is deliberately slow; tests that create users need not be.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Static files straight from the source folders, as in development: no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Two pytest runs on one cluster at once (a second checkout, a helper's run) each need a test
# database of their own: `DJANGO_TEST_DB_NAME=test_minutes_b pytest ...`.
DATABASES["default"]["TEST"] = {"NAME": env_str("DJANGO_TEST_DB_NAME", default="test_minutes")}
