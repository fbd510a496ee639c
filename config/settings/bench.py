"""The benchmark (`make bench`, `manage.py bench`): production-like, on a database of its own.

Debug off and cached templates as in production, but served on loopback without TLS, with
the private cluster's database `minutes_bench` (or BENCH_DATABASE_URL), so the million
synthetic agenda items never mix with a developer's archive.
"""

import dj_database_url

from config.env import env_str

from .base import *  # noqa: F403

DEBUG = False
# The development tools (devtools/: bench, generate_minutes, search_eval, search_timing) are
# installed here and never in production (prod.py keeps base.py's apps).
INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]
SECRET_KEY = env_str(
    "DJANGO_SECRET_KEY", default="django-insecure-bench-only-never-use-this-key-in-production"
)
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "devtools.urls"

_bench_url = env_str("BENCH_DATABASE_URL", default="")
DATABASES = {
    "default": dj_database_url.parse(_bench_url, conn_max_age=60, conn_health_checks=True)
    if _bench_url
    else {**PRIVATE_CLUSTER, "NAME": "minutes_bench", "CONN_MAX_AGE": 60,
          "CONN_HEALTH_CHECKS": True},
}
DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", QUERY_OPTIONS)
MEDIA_ROOT = BASE_DIR / "var" / "bench" / "media"
WHITENOISE_USE_FINDERS = True
