"""Local development: `make run`, `manage.py` (its default)."""

from config.env import env_bool, env_list, env_str

from .base import *  # noqa: F403

DEBUG = env_bool("DJANGO_DEBUG", default=True)
# The development tools (devtools/: bench, generate_minutes, search_eval, search_timing) are
# installed here and never in production (prod.py keeps base.py's apps).
INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
SECRET_KEY = env_str(
    "DJANGO_SECRET_KEY", default="django-insecure-dev-only-never-use-this-key-in-production"
)
# E-mails (the alerts of saved searches) are printed where `make run` runs, never sent.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
SITE_URL = env_str("SITE_URL", default="http://127.0.0.1:8000")
# Persistent connections checked before reuse, as in prod: after a database restart
# `make run` comes back by itself, the same way production does (config/outage.py).
DATABASES["default"].update(CONN_MAX_AGE=60, CONN_HEALTH_CHECKS=True)
# gunicorn serves static files through WhiteNoise straight from the app folders, so
# `make run` needs no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# With DEBUG, Django's 404 page lists every URL pattern; show the Swedish one a reader sees
# in production instead, unless asked for Django's (config/debug_404.py).
DEBUG_404 = env_bool("DJANGO_DEBUG_404", default=False)
if DEBUG and not DEBUG_404:
    # Inside every other middleware but django-axes (which asks to be last), so the page
    # still passes their responses (CommonMiddleware's APPEND_SLASH redirect, frame options).
    MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
    MIDDLEWARE.insert(MIDDLEWARE.index("axes.middleware.AxesMiddleware"),
                      "config.debug_404.ArchiveNotFoundMiddleware")
