"""Release Ledger settings: one module, read from the environment.

RELEASE_LEDGER_ENV=production turns on the production checks: a real SECRET_KEY and
ALLOWED_HOSTS are then required, and DEBUG is off unless explicitly asked for.
Everything else has a development default so that `make run` works on a fresh machine.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy

from config.caches import cache_settings

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


ENVIRONMENT = os.environ.get("RELEASE_LEDGER_ENV", "development")
IS_PRODUCTION = ENVIRONMENT == "production"

DEBUG = env_bool("DJANGO_DEBUG", default=not IS_PRODUCTION)

# Development only: production refuses it (below), as it refuses any key Django's own
# `check --deploy` would call weak (security.W009).
DEVELOPMENT_SECRET_KEY = "development-only-key-not-for-production"  # noqa: S105
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "") or (
    "" if IS_PRODUCTION else DEVELOPMENT_SECRET_KEY
)
if IS_PRODUCTION and (
    len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
    or SECRET_KEY == DEVELOPMENT_SECRET_KEY
    or SECRET_KEY.startswith("django-insecure-")
):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be a random string of at least 50 characters when "
        "RELEASE_LEDGER_ENV=production, the same on every app server; make one with "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", "" if IS_PRODUCTION else "127.0.0.1,localhost,testserver"
)
if IS_PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS must be set when RELEASE_LEDGER_ENV=production: the comma-separated "
        "host names the site answers to, e.g. ledger.example.org."
    )
if IS_PRODUCTION and not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured(
        "DATABASE_URL must be set when RELEASE_LEDGER_ENV=production, e.g. "
        "postgres://ledger:PASSWORD@db.internal:5432/ledger (docs/deploy.md)."
    )
# Origins (scheme and host) allowed to POST: needed only when the site is reached under a name
# other than its Host header, e.g. behind a proxy that rewrites it (docs/deploy.md).
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Django's admin, on a site that asks publishers and administrators for a second factor.
    "ledger.second_factor.apps.LedgerAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_filters",
    "django_countries",
    "simple_history",
    "import_export",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Redoc served from our static files (no CDN)
    "corsheaders",
    # Layers, each importing only those below it (docs/architecture.md, .importlinter).
    "ledger",
    "prisoners",
    "releases",
    "interchange",
    "pages",
]
# The synthetic ledger of the benchmarks (`manage.py generate_synthetic`): never in production.
if not IS_PRODUCTION:
    INSTALLED_APPS.append("bench")

MIDDLEWARE = [
    # Outermost, so that a page from the cache gets its 304 too: an ETag from the content, and
    # 304 Not Modified when the visitor already holds it.
    "django.middleware.http.ConditionalGetMiddleware",
    # Before the page cache: a first visit from a Belarusian, Russian or Polish browser to an
    # English (unprefixed) page goes to the page in its language (pages.languages).
    "pages.languages.FirstVisitLanguageMiddleware",
    # Before the page cache, so that a download or search from the cache counts too.
    "ledger.limits.AnonymousRateLimitMiddleware",
    # Next, so that a cached page skips everything below (ledger.caching.pages).
    "ledger.caching.pages.PageCacheMiddleware",
    # Before CommonMiddleware, as django-cors-headers asks; it acts on /api/ only (CORS_URLS_REGEX).
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Inside the page cache, so that the headers are stored with the page; the same for everyone.
    "csp.middleware.CSPMiddleware",
    "config.http_headers.PermissionsPolicyMiddleware",
    "config.http_headers.PublicCacheControlMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Inside the page cache and the reader's language: no public answer names a person the
    # public may not see, whatever text carried the name (config.redaction).
    "config.redaction.RedactionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session was signed in with a second factor.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Public pages are cached whole, keyed by a version in the database that every committed write to
# the record moves on (ledger.caching.pages, docs/performance.md "Page cache"). On by default in
# production only: in development and the test suite an editor's change shows at once without
# depending on the cache, and tests turn it on where they test it.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", default=IS_PRODUCTION)
PAGE_CACHE_ALIAS = "default"
# Seconds a page may sit in the cache; a save invalidates it at once whatever this says, so this
# only bounds the memory kept by pages no one asks for.
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", 60 * 60))
# Seconds a process may reuse the version it read instead of one query per page: faster, but a
# save then reaches the other processes' visitors up to this late. 0 reads it for every page.
PAGE_CACHE_VERSION_TTL = float(os.environ.get("PAGE_CACHE_VERSION_TTL", "0"))
# /api/: every anonymous API request goes through the rate limit, which a cached reply would skip
# (docs/open-data.md).
PAGE_CACHE_EXCLUDED_PATHS = ["/admin/", "/static/", "/api/"]
# Finished CSV exports kept as files, one per query and site version (ledger.caching.exports),
# while the page cache is on: local disk of each app server; empty turns it off.
EXPORT_CACHE_DIR = os.environ.get("EXPORT_CACHE_DIR", str(BASE_DIR / "var" / "export-cache"))
# The bound on those files, per app server: after each write the oldest go until at most this many
# files of at most this many bytes in all are left (a full export is ~34 MB at 100,000 people).
EXPORT_CACHE_MAX_FILES = int(os.environ.get("EXPORT_CACHE_MAX_FILES", "100"))
EXPORT_CACHE_MAX_BYTES = int(os.environ.get("EXPORT_CACHE_MAX_BYTES", str(2 * 1024**3)))

# The pages' cache and the rate limits' counters (config/caches.py): local memory by default,
# Redis where the environment says (CACHE_BACKEND/CACHE_LOCATION, LIMITS_CACHE_URL).
CACHES = cache_settings(os.environ)
# Requests per anonymous client address in each window: a CSV or spreadsheet download, a name
# search (`?q=` on the people list). Empty turns one off.
DOWNLOAD_ANON_RATE = os.environ.get("DOWNLOAD_ANON_RATE", "20/minute") or None
SEARCH_ANON_RATE = os.environ.get("SEARCH_ANON_RATE", "60/minute") or None
# The visitor's address behind the trusted proxies (config.proxy), for every limit.
CLIENT_IP_CALLABLE = "config.proxy.client_ip"

# The public address of the site, for the absolute URLs in the dataset, the CSVs of the bundle, the
# API and the feeds, and for citing a record (docs/open-data.md).
# Required in production: without it the API, the feeds and "how to cite" would point every reader
# at 127.0.0.1 (`make serve` sets http://127.0.0.1:$(PORT)).
SITE_BASE_URL = os.environ.get("SITE_BASE_URL", "").strip().rstrip("/") or (
    "" if IS_PRODUCTION else "http://127.0.0.1:8000"
)
if IS_PRODUCTION and not SITE_BASE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        "SITE_BASE_URL must be set when RELEASE_LEDGER_ENV=production: the public address of the "
        "site, with its scheme and no path, e.g. https://ledger.example.org. The API, the feeds, "
        "the dataset and every citation link are written with it (docs/deploy.md)."
    )

# The empty choice of every filter select (django-filter's default is "---------").
FILTERS_EMPTY_CHOICE_LABEL = gettext_lazy("Any")

# The read-only API (docs/open-data.md): JSON only, no sign-in (everyone is an anonymous client),
# filtered by the same FilterSets as the HTML lists.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PagePagination",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AnonymousClientThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.api_exception_handler",
    # A client is its address: REMOTE_ADDR, or behind DJANGO_TRUSTED_PROXY_COUNT proxies the
    # X-Forwarded-For entry the outermost one wrote, as for the admin's sign-in throttle
    # (config.proxy); trusting the header by default would let a client pick its own.
    "NUM_PROXIES": int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0")),
}
# Requests per anonymous client (by address): "120/minute"; empty turns the limit off.
API_ANON_RATE = os.environ.get("API_ANON_RATE", "120/minute") or None
SPECTACULAR_SETTINGS = {
    "TITLE": "Release Ledger API",
    "DESCRIPTION": "Read-only JSON of the public record: people, releases, deals, facilities, "
    "sources, claims and citations. Every list takes the same filters as its page on the site. "
    "Anonymous clients are rate-limited (429 with Retry-After); for the whole record at once, use "
    "the dataset bundle (see /data/).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Models here have no `objects` (ledger.publication): the schema reads the public manager.
    "DEFAULT_QUERY_MANAGER": "public_objects",
    # Not at `check --deploy`: generating the schema reads the database (content types), which a
    # new deployment has not migrated yet. tests/api/test_schema.py generates it, refusing warnings.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.enumerate_filter_choices",
    ],
}

# CORS: any origin may read the API (GET, HEAD and the preflight OPTIONS), and nothing else.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False

ROOT_URLCONF = "config.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# SQLite is the embedded default; production sets DATABASE_URL=postgres://...
# Connections are persistent, one per gunicorn worker (docs/deploy.md, "Database connections"):
# a sync worker serves one request at a time on one thread, so it never needs a second, and N
# workers on M app servers hold at most N x M. The health check (one round trip at a request's
# first query) replaces a connection that died with a restart of PostgreSQL, so the site serves
# again with the first request after it is back. Not psycopg's pool (OPTIONS["pool"]): in a
# one-thread process it would keep the same single connection behind pool threads, and after an
# outage it reconnects on a backoff (1, 2, 4, 8 s...) that can outlast the outage by seconds.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable server fails the request in seconds (a 503, config.errors) instead of
    # holding the worker until gunicorn kills it.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5"))
    )
    # No JIT compilation unless DATABASE_JIT=on: a page's query whose estimate passes
    # jit_above_cost (the release list's counts for 50 releases, costed for all of them) spent
    # 0.2-0.3 s compiling to run in 0.1 s at 100,000 people. Pages read few rows; JIT pays only
    # on long scans.
    if not env_bool("DATABASE_JIT"):
        DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("be", "Беларуская"),
    ("ru", "Русский"),
    ("pl", "Polski"),
]
# locale/ first: the interface. locale_countries/: django-countries' names in Belarusian, which
# it does not ship (docs/languages.md, "Country names in Belarusian").
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_countries"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if IS_PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Imports are all-or-nothing: django-import-export wraps every import in a transaction
# and rolls it back when any row fails.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
# The CSV import of people (interchange.people_import, docs/import-format.md): files over these
# limits are refused before they are read; uploads wait for confirmation in IMPORT_TMP_DIR
# (default: a folder in the system's temp directory) and are swept after IMPORT_TMP_MAX_AGE seconds.
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", 2 * 1024 * 1024))
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", 5000))
# The caseload workbook (interchange.caseload, docs/import-format.md).
CASELOAD_MAX_BYTES = int(os.environ.get("CASELOAD_MAX_BYTES", 50 * 1024 * 1024))
# Imports' size limits are enforced while the upload is read (interchange.upload_limits).
FILE_UPLOAD_HANDLERS = [
    "interchange.upload_limits.ImportSizeLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
IMPORT_TMP_DIR = os.environ.get("IMPORT_TMP_DIR") or None
IMPORT_TMP_MAX_AGE = int(os.environ.get("IMPORT_TMP_MAX_AGE", 24 * 60 * 60))

SIMPLE_HISTORY_REVERT_DISABLED = False

# -- HTTPS and headers (docs/deploy.md, "Security headers") --------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Neither cookie is read by any script (the admin posts its token from the form).
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
# Behind a TLS-terminating proxy the request reaches Django as plain HTTP; with this set, the
# proxy's X-Forwarded-Proto says whether the visitor used HTTPS. Only set it when the proxy
# overwrites that header on every request, or a client could claim HTTPS itself.
if env_bool("DJANGO_TRUSTED_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies in front append to X-Forwarded-For (config.proxy.client_ip): 0 uses the
# connection's own address, which behind a proxy is the proxy's.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))
if IS_PRODUCTION:
    # Plain HTTP on loopback (make serve, make bench, make loadtest) turns the redirect and the
    # secure cookies off by name; a real deployment leaves them on.
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    # HSTS, sent on HTTPS responses only. A year with subdomains and preload is what
    # `check --deploy` and the browsers' preload list ask for; a first deployment may start
    # lower (DJANGO_HSTS_SECONDS=3600) and raise it once HTTPS is known to work everywhere.
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 365 * 24 * 60 * 60))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)

# django-csp: everything from this site only, and no inline script or style anywhere (the
# templates have none; tests/deploy/test_http_headers.py keeps it so). No nonce: the page
# cache stores the header with the page, so it must be the same for every visitor.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Browser features no page uses, switched off for the site and anything it might embed.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
# Anonymous public responses may be kept this many seconds by browsers and shared caches (a
# CDN); the ETag makes the check after that cheap. An editor's save reaches such a visitor up
# to this late (docs/deploy.md, "What a CDN may cache"). 0 makes them revalidate every time.
PUBLIC_CACHE_MAX_AGE = int(os.environ.get("PUBLIC_CACHE_MAX_AGE", "60"))

# -- admin sign-in throttling (django-axes) ------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username and address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# A sign-in whose `?next=` is refused (another site) lands on the admin's index, not a 404.
LOGIN_REDIRECT_URL = "admin:index"
# The name authenticator apps show beside the account (ledger.second_factor).
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Release Ledger")
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "5")))
# Per account from any address, and per address over any accounts (docs/security.md, "Admin
# sign-in"): guessing one editor's password from many addresses gets AXES_FAILURE_LIMIT tries per
# cool-off, however many addresses; one address gets as many over all accounts. The cool-off is
# short, so a stranger can hold an account shut only by failing again every few minutes, and an
# administrator lifts it at once with `manage.py axes_reset_username`.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"
AXES_CLIENT_IP_CALLABLE = CLIENT_IP_CALLABLE
# A sign-in failure is logged by axes at WARNING with the username and address; successes are not
# stored (the admin's own log records what editors do).
AXES_DISABLE_ACCESS_LOG = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# The people list's status index carries the citizenship codes for PostgreSQL's index-only
# count (prisoners migration 0026); SQLite, the development database, builds it without them.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
