"""pytest (see pyproject.toml). Same database as dev: pytest-django creates `test_minutes`."""

from config.env import env_str

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env_str(
    "DJANGO_SECRET_KEY", default="django-insecure-test-only-never-use-this-key-in-production"
)
# Whatever the shell says: a test that needs the archive open to anyone sets it itself.
ARCHIVE_PUBLIC_READ = False
# Hashing is deliberately slow; tests that create users need not be.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Static files straight from the source folders, as in development: no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
