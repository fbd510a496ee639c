"""Production settings for the outage test's gunicorn, less what needs collectstatic.

Everything that matters during an outage is production's own: DEBUG off, persistent
connections with health checks (CONN_MAX_AGE, CONN_HEALTH_CHECKS), the middleware.
"""

from config.settings.prod import *  # noqa: F403

# Static files from the source folders, as in development: the test runs no collectstatic.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
