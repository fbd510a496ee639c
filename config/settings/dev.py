"""Local development: `make run`, `manage.py` (its default)."""

from config.env import env_bool, env_list, env_str

from .base import *  # noqa: F403

DEBUG = env_bool("DJANGO_DEBUG", default=True)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
SECRET_KEY = env_str(
    "DJANGO_SECRET_KEY", default="django-insecure-dev-only-never-use-this-key-in-production"
)
# Persistent connections checked before reuse, as in prod: after a database restart
# `make run` comes back by itself, the same way production does (config/outage.py).
DATABASES["default"].update(CONN_MAX_AGE=60, CONN_HEALTH_CHECKS=True)
# gunicorn serves static files through WhiteNoise straight from the app folders, so
# `make run` needs no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
