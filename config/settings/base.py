"""Settings shared by every environment. Secrets and hosts come from the environment."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    # Django's admin with the archive's own site: admitted by permission (config/admin_site.py).
    "config.apps.ArchiveAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_filters",
    "reversion",
    "axes",
    "csp",
    # The task queue (minutes/tasks.py): its tables live in the archive's own PostgreSQL.
    "procrastinate.contrib.django",
    "minutes",
    "municipalities",
    "decisions",
    "search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # While PostgreSQL is unreachable every page is a Swedish 503, not a traceback
    # (config/outage.py). It wraps all below: the session and auth middleware read it too.
    "config.outage.DatabaseOutageMiddleware",
    # Archive pages read from the replica when DATABASE_REPLICA_URL is set, except right
    # after the user's own writes (config/db_routers.py); not loaded otherwise.
    "config.db_routers.ReplicaReadsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Signed-in responses are `private, no-store`, anonymous ones `no-cache`; static files
    # keep WhiteNoise's caching (config/cache_headers.py).
    "config.cache_headers.CacheHeadersMiddleware",
    # Every page asks for sign-in unless ARCHIVE_PUBLIC_READ is true (config/access.py).
    "config.access.AccessPolicyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.access",
            ],
        },
    },
]

# The private cluster that `scripts/pg.sh` runs for development and tests. `var/pg` may be a
# symlink to a directory PostgreSQL's own user can reach (see scripts/pg.sh), so resolve it
# to get the real, short socket path.
PRIVATE_CLUSTER = {
    "ENGINE": "django.db.backends.postgresql",
    "NAME": "minutes",
    "USER": "minutes",
    "HOST": str((BASE_DIR / "var" / "pg" / "run").resolve()),
    "PORT": "5432",  # part of the socket file name, whatever PGPORT says for other servers
}
_database_url = env_str("DATABASE_URL", default="")
DATABASES = {
    "default": dj_database_url.parse(_database_url) if _database_url else PRIVATE_CLUSTER,
}
# Each request's queries are short, and many requests run at once: PostgreSQL's JIT compiler
# and parallel workers cost more to start than they save on them (make bench: a search
# ranking 5,000 hits took 45 ms with two workers, 32 ms without), and workers take the cores
# other requests need.
QUERY_OPTIONS = "-c jit=off -c max_parallel_workers_per_gather=0"
# Seconds one SQL statement of a web request may run before PostgreSQL cancels it; the page
# then says the request took too long (config/outage.py), so nothing a user can ask of a page
# holds a web worker for minutes. Only the web processes get it: config/wsgi.py and
# config/asgi.py set ARCHIVE_WEB_PROCESS, while migrations, ingest and the benchmark run long
# statements on purpose.
ARCHIVE_STATEMENT_TIMEOUT = env_int("ARCHIVE_STATEMENT_TIMEOUT", default=30)
if env_bool("ARCHIVE_WEB_PROCESS", default=False):
    QUERY_OPTIONS += f" -c statement_timeout={ARCHIVE_STATEMENT_TIMEOUT * 1000}"
DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", QUERY_OPTIONS)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# An optional read replica (config/db_routers.py): the archive's pages read from it, writes,
# sessions, sign-in and migrations stay on `default`. Under tests it mirrors `default`.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", default="")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(DATABASE_REPLICA_URL)
    DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("options", QUERY_OPTIONS)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["config.db_routers.PrimaryReplicaRouter"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The archive is Swedish only: Accept-Language is not consulted (no LocaleMiddleware).
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish"))]
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Originals on S3-compatible storage (django-storages), shared by several web hosts. boto3
# finds the credentials itself: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a role.
STORAGE_BACKEND = env_str("STORAGE_BACKEND", default="filesystem").lower()
if STORAGE_BACKEND == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("S3_BUCKET"),
            "endpoint_url": env_str("S3_ENDPOINT_URL", default="") or None,
            "region_name": env_str("S3_REGION", default="") or None,
            # No ACL of our own: the bucket's policy keeps it private. Originals are served
            # only through the archive's views, which check the reader's permission.
            "default_acl": None,
            "querystring_auth": True,
            # Names are checksums: never overwrite what is stored under one.
            "file_overwrite": False,
        },
    }
elif STORAGE_BACKEND != "filesystem":
    raise ImproperlyConfigured(
        f"STORAGE_BACKEND must be 'filesystem' or 's3', not {STORAGE_BACKEND!r}."
    )

# Uploads (minutes/uploads.py). A file over the limit is refused before it is stored.
MINUTES_UPLOAD_MAX_BYTES = env_int("MINUTES_UPLOAD_MAX_MB", default=20) * 1024 * 1024
# Files one upload form may carry; each becomes an import of its own.
MINUTES_UPLOAD_MAX_FILES = env_int("MINUTES_UPLOAD_MAX_FILES", default=50)
# Parsing runs in the task queue's workers (minutes/tasks.py), in a child process with these
# limits (parsing/isolation/sandbox.py): they stop a runaway (a hostile or broken document),
# they do not keep a request short. Measured on two cores (docs/queue.md): the largest
# corpus PDF (40 pages of text) parses in about 6 s, so 120 s is a runaway.
MINUTES_PARSE_TIMEOUT = env_int("MINUTES_PARSE_TIMEOUT", default=120)
MINUTES_PARSE_MEMORY_MB = env_int("MINUTES_PARSE_MEMORY_MB", default=1024)
# Scanned PDFs (no text layer, or a garbage one) are read by OCR (parsing/isolation/ocr.py):
# "auto" when needed, "always" for every PDF, "never". OCR may take this many seconds per
# page, for scans of at most this many pages; the parse's own timeout comes on top.
MINUTES_OCR = env_str("MINUTES_OCR", default="auto")
# Two real 2-page scans read with OCR timed out at 15 s a page on two cores and were read at
# 90 s a page allowed; a worker has the time, so 90.
MINUTES_OCR_SECONDS_PER_PAGE = env_int("MINUTES_OCR_SECONDS_PER_PAGE", default=90)
MINUTES_OCR_MAX_PAGES = env_int("MINUTES_OCR_MAX_PAGES", default=40)
# The preview shows the original's first this many pages as images beside the editor
# (minutes/original_pages.py); it says when more were left out. About 140 ms and 100 kB a
# page (timings in minutes/page_render.py).
MINUTES_PREVIEW_MAX_PAGES = env_int("MINUTES_PREVIEW_MAX_PAGES", default=60)
# A discarded upload (never imported) keeps its file this many days, so a mistaken discard
# can be undone; then the task queue's hourly purge (also `manage.py purge_discarded`, and
# `make run`) deletes the file and keeps the record (minutes/upload_purge.py).
MINUTES_DISCARDED_RETENTION_DAYS = env_int("MINUTES_DISCARDED_RETENTION_DAYS", default=30)

# The task queue (Procrastinate on the archive's PostgreSQL; minutes/tasks.py, docs/queue.md).
# A worker that sends no heartbeat for QUEUE_STALLED_SECONDS is taken for dead: its job is
# retried, up to QUEUE_PARSE_ATTEMPTS starts of a parse, then the upload is marked failed.
QUEUE_STALLED_SECONDS = env_int("QUEUE_STALLED_SECONDS", default=60)
QUEUE_PARSE_ATTEMPTS = env_int("QUEUE_PARSE_ATTEMPTS", default=3)
# How often a worker looks for the jobs of dead workers and for uploads with no job (cron;
# a sixth column counts seconds).
QUEUE_RECOVER_CRON = env_str("QUEUE_RECOVER_CRON", default="* * * * *")
PROCRASTINATE_WORKER_DEFAULTS = {
    # Heartbeats every 10 s; a worker silent for the stalled timeout is pruned by the others.
    "update_heartbeat_interval": 10,
    "stalled_worker_timeout": QUEUE_STALLED_SECONDS,
}

# E-mail: the alerts of saved searches (search/alerts.py). Production sends through the SMTP
# server the environment names (prod.py), development prints to the console (dev.py), tests
# keep every message in memory (test.py). A server that does not answer in EMAIL_TIMEOUT
# seconds fails that e-mail, which is tried again on the next run, instead of holding a worker.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", default="webmaster@localhost")
# The archive's address as readers reach it, for the links of e-mails (no request to take it
# from): scheme and host, no trailing path.
SITE_URL = env_str("SITE_URL", default="http://localhost:8000")
# How often a worker sends the alerts of saved searches (cron). Meetings archived in the last
# SEARCH_ALERTS_SETTLE_SECONDS wait for the next run: an import still being written may not be
# visible yet, and would otherwise be passed over for good.
SEARCH_ALERTS_CRON = env_str("SEARCH_ALERTS_CRON", default="*/15 * * * *")
SEARCH_ALERTS_SETTLE_SECONDS = 120

# Search and the decision register (minutes/search_views.py, minutes/facets.py), measured by
# `make bench` at a million agenda items (docs/scaling.md):
# - a list longer than FACET_COUNT_LIMIT is not counted to the end, and only its first rows
#   can be paged and exported (counting 400,000 hits of a broad word took seconds);
# - above FACET_ATTENDANCE_LIMIT rows the municipality and person facets are left out (they
#   join every attendance of every hit's meeting: 9,000 hits already cost 0.9 s);
# - up to SEARCH_RANK_LIMIT hits are ordered by best match, more come newest first (ranking
#   reads every hit's vector);
# - SEARCH_RESULTS_PER_PAGE results on a page.
FACET_COUNT_LIMIT = 10_000
FACET_ATTENDANCE_LIMIT = 2_000
SEARCH_RANK_LIMIT = 5_000
SEARCH_RESULTS_PER_PAGE = 20

FILE_UPLOAD_HANDLERS = [
    "minutes.upload_handlers.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Sign-in (config/access.py, config/views.py). Every page asks for it unless reading is opened
# to anyone, as a municipality may want for public records; uploading never is.
ARCHIVE_PUBLIC_READ = env_bool("ARCHIVE_PUBLIC_READ", default=False)
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
# A working day; the session ends with it, not with the browser.
SESSION_COOKIE_AGE = 60 * 60 * 10

# Sign-in throttling (django-axes): five wrong passwords for one user name from one address
# lock that pair out for a while, not for good; `manage.py axes_reset` lifts a lockout.
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("ARCHIVE_LOCKOUT_MINUTES", default=15))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "config.views.lockout_response"

# Content-Security-Policy (django-csp): no inline script or style, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
