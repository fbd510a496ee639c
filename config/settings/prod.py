"""Production: refuses to start without a secret key and allowed hosts."""

import dj_database_url

from config.env import env_bool, env_int, env_list, env_str

from .base import *  # noqa: F403

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# E-mail through an SMTP server (the alerts of saved searches, search/alerts.py). Links in
# e-mails go to SITE_URL, by default the first allowed host over https; the sender is
# DEFAULT_FROM_EMAIL, by default "arkivet@" that host. A wildcard host names neither: then
# both are required.
_MAIL_HOST = ALLOWED_HOSTS[0].lstrip(".")
_MAIL_HOST = _MAIL_HOST if _MAIL_HOST not in ("", "*") else None
SITE_URL = env_str("SITE_URL", default=_MAIL_HOST and f"https://{_MAIL_HOST}")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", default=_MAIL_HOST and f"arkivet@{_MAIL_HOST}")
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env_str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env_int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)

# Never the private development cluster: without DATABASE_URL, libpq's own defaults
# (PGHOST, PGUSER, PGPASSWORD, ...) apply, with the database `minutes`.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", default="postgres:///minutes"),
        conn_max_age=60,
        conn_health_checks=True,
    ),
}
DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", QUERY_OPTIONS)
# The read replica, as in base.py (config/db_routers.py), with the same persistent connections.
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=60, conn_health_checks=True
    )
    DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("options", QUERY_OPTIONS)

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# Behind a TLS proxy, gunicorn marks requests https from X-Forwarded-Proto when the proxy's
# address is in FORWARDED_ALLOW_IPS (gunicorn's setting), so no SECURE_PROXY_SSL_HEADER.
# Sign-in cookies only over https, the session's out of reach of scripts; a session lasts a
# working day (SESSION_COOKIE_AGE in base.py).
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
