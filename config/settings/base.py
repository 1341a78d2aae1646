"""Settings shared by every environment.

The project package is called ``config`` rather than ``site``: Python's standard library
owns the module name ``site`` and imports it before any project code runs.
"""

import logging
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


INSTALLED_APPS = [
    "core",
    "programs",
    "collective",
    "home",
    "intake",
    "demo",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_recaptcha",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compression only where a response can hold no secret (BREACH, see core/compression.py).
    "core.compression.SafeGZipMiddleware",
    # Whole pages for anonymous visitors, answered before the session, CSRF or the database are
    # touched (core/cache.py); then the site of the host name from the cache (core/routing.py).
    "core.cache.PageCacheMiddleware",
    "core.routing.CachedSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# Hostile input and outages (issue "Hardening" 5-7): a database outage answers 503 (last, so its
# `process_exception` sees the views' exceptions first); a failed CSRF check gets a friendly page.
MIDDLEWARE += ["core.middleware.DatabaseOutageMiddleware"]
CSRF_FAILURE_VIEW = "core.views.csrf_failure"

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Django's form renderer, with the <input> widgets written in Python (a third of a form page's
# rendering time; the HTML is the same, see core/form_renderer.py).
FORM_RENDERER = "core.form_renderer.FastInputRenderer"

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite (development, the demo and the tests) is shared by the server and the task worker:
    # transactions take the write lock when they start and wait for it, instead of failing with
    # "database is locked" when a read turns into a write while the worker writes (e.g. publishing
    # a translation in the admin while Wagtail's background tasks run).
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Dutch first (at /), English second (at /en/).
# LANGUAGE_CODE must be "nl" before the first migration, or the default Locale is wrong.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# "Translate this page" makes the new translation a draft, never a live copy of the Dutch page: it
# goes live when the translator publishes it from the translation editor (wagtail-localize's default,
# True, publishes it at once when the source is live, with the Dutch title, slug and text).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# The Editors group publishes its own pages, snippets and settings (core/roles.py); there is no
# separate moderators' group, so Wagtail's approval workflow ("Moderators approval", whose requests
# went to a group without members) is switched off.
WAGTAIL_WORKFLOW_ENABLED = False
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "MeeleefGezin"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt"]
# Documents are always downloaded through Wagtail's serve view (never straight from MEDIA_URL), as
# attachments (PDFs too), with `X-Content-Type-Options: nosniff` and `default-src 'none'`.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
# No SVG: an SVG can carry script, and Wagtail would store and serve it as uploaded. Willow checks
# each upload's content too, so an SVG renamed to .png is refused as well.
WAGTAILIMAGES_EXTENSIONS = ["png", "jpg", "jpeg", "webp"]
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# No avatars from gravatar.com in the admin: no editor's e-mail hash leaves the site, and the admin's
# Content-Security-Policy needs no third-party image host.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does the dashboard ask releases.wagtail.org for new versions: upgrades go through the pinned
# requirements, and the admin's Content-Security-Policy allows no outside host to connect to.
WAGTAIL_ENABLE_UPDATE_CHECK = False

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "MeeleefGezin <noreply@example.org>")

# Cache: local memory unless REDIS_URL is set (production uses Redis, shared by all workers).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # When Redis cannot be reached, reads miss and writes are dropped (logged): pages are rendered
    # uncached and the rate limits let requests through (intake/signup/abuse.py), never a 500.
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient", "IGNORE_EXCEPTIONS": True},
        }
    }
    # Wagtail keeps image renditions here (one look-up per image instead of a query per size).
    CACHES["renditions"] = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "renditions",
        "TIMEOUT": 24 * 3600,
        "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient", "IGNORE_EXCEPTIONS": True},
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "renditions"},
    }

# The page cache and the site's fragment caches (core/cache.py; README, "Performance and scale").
# Kept at most PAGE_CACHE_SECONDS; cleared at once by every publish, move or deletion, menu, footer,
# contact-settings or program-facts change. Browsers may keep a page PAGE_CACHE_BROWSER_MAX_AGE
# seconds (0: they ask again, so a publish shows on the next request), shared caches (a CDN)
# PAGE_CACHE_SHARED_MAX_AGE seconds (`s-maxage`; purge it with the frontend cache below).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_BROWSER_MAX_AGE = int(os.environ.get("PAGE_CACHE_BROWSER_MAX_AGE", "0"))
PAGE_CACHE_SHARED_MAX_AGE = int(os.environ.get("PAGE_CACHE_SHARED_MAX_AGE", "300"))
# The views whose answers may be kept (by URL name), and the page types that never are: pages with
# a form (a CSRF token, typed answers, a personal answer).
PAGE_CACHE_VIEWS = ("wagtail_serve", "search", "sitemap", "robots_txt")
PAGE_CACHE_EXCLUDED_PAGE_TYPES = ("intake.IntakeFormPage", "intake.FindSupportPage")
PAGE_CACHE_SKIP_PREFIXES = ("/admin/", "/documents/", "/api/", "/_util/")

# A CDN or caching proxy in front: wagtail.contrib.frontend_cache purges it on every change that
# clears the page cache. Off unless configured (README, "Environment variables").
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["FRONTEND_CACHE_CLOUDFLARE_ZONE_ID"],
        "BEARER_TOKEN": os.environ.get("FRONTEND_CACHE_CLOUDFLARE_TOKEN", ""),
    }
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")

# Intake protection -------------------------------------------------------------------------
# Keys for encrypting personal and health data at rest (comma-separated Fernet keys; the first
# encrypts, all decrypt, so keys can be rotated). Set per environment.
INTAKE_ENCRYPTION_KEYS = env_list("INTAKE_ENCRYPTION_KEYS")
# Sign-ups allowed per client address per hour, per form.
INTAKE_RATE_LIMIT = os.environ.get("INTAKE_RATE_LIMIT", "10/h")
# Rate limits (README, "Environment variables"): posts of a sign-up form, accepted or not, and
# requests to the routing API, per client address. The address comes from X-Forwarded-For only
# through the trusted reverse proxies configured here; by default it is REMOTE_ADDR.
INTAKE_ATTEMPT_LIMIT = os.environ.get("INTAKE_ATTEMPT_LIMIT", "60/h")
ROUTING_API_RATE_LIMIT = os.environ.get("ROUTING_API_RATE_LIMIT", "300/h")
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0") or 0)
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
RECAPTCHA_PUBLIC_KEY = os.environ.get("RECAPTCHA_PUBLIC_KEY", "")
RECAPTCHA_PRIVATE_KEY = os.environ.get("RECAPTCHA_PRIVATE_KEY", "")
RATELIMIT_USE_CACHE = "default"

# `load_demo_content` and `load_demo_intake` create an `admin` account with a published password:
# only dev and test settings allow them.
DEMO_CONTENT_ALLOWED = False

# Background tasks (Django's Tasks framework, the django-tasks backport): queued in the database and
# run by ONE worker, `manage.py db_worker`, for Wagtail's own tasks and the sign-up e-mails alike.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def drop_task_info(record):
    """The task worker's per-task lines ("Task id=... state=...") are INFO: keep only warnings.

    `db_worker` sets the `django_tasks` and `django_tasks_db` loggers to INFO itself (at the default
    verbosity), overriding their levels below, so the console handler filters them too."""
    return not (record.name.startswith("django_tasks") and record.levelno < logging.WARNING)


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"drop_task_info": {"()": "django.utils.log.CallbackFilter", "callback": drop_task_info}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["drop_task_info"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Every task's start and finish is logged at INFO; failures are logged at ERROR.
    "loggers": {"django_tasks": {"level": "WARNING"}, "django_tasks_db": {"level": "WARNING"}},
}


# Security headers: Content-Security-Policy and Permissions-Policy (core/headers.py) -------------
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE  # noqa: E402

MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "core.headers.ContentSecurityPolicyMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("core.headers.ContentSecurityPolicyMiddleware") + 1,
    "core.headers.PermissionsPolicyMiddleware",
)
INSTALLED_APPS.append("csp")
# The public site: no inline script except one carrying the request's nonce (`request.csp_nonce`).
# The sign-up form pages add reCAPTCHA's hosts to their own responses when its keys are set.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail admin (/admin/, including page previews): Wagtail 8 writes inline scripts and styles,
# so 'unsafe-inline' is needed there, and nothing else beyond this origin. It frames itself (the
# preview panel), so frame-src and frame-ancestors are 'self'. `blob:` shows images chosen for upload.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
# Browser features nobody on this site needs, switched off for every page (an empty list: nobody).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "browsing-topics",
        "interest-cohort",
    )
}
# Admin security: login lockout, second factor, idle staff sessions (core/admin_security/) ------
INSTALLED_APPS += ["axes", "django_otp", "django_otp.plugins.otp_totp", "django_otp.plugins.otp_static"]
MIDDLEWARE += [
    "django_otp.middleware.OTPMiddleware",
    "core.admin_security.middleware.StaffIdleTimeoutMiddleware",
    "core.admin_security.middleware.SecondFactorMiddleware",
    # django-axes turns a locked-out login into its lockout page; it must come last.
    "axes.middleware.AxesMiddleware",
]
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
# After ADMIN_LOGIN_FAILURE_LIMIT wrong passwords, the username (and the client address) is locked for
# ADMIN_LOGIN_COOLOFF_MINUTES; every further failure during the lock restarts the cool-off.
AXES_FAILURE_LIMIT = int(os.environ.get("ADMIN_LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("ADMIN_LOGIN_COOLOFF_MINUTES", "30")))
# Comma-separated; "a+b" locks the combination only, e.g. "username+ip_address".
AXES_LOCKOUT_PARAMETERS = [
    item.split("+") if "+" in item else item for item in env_list("ADMIN_LOCKOUT_PARAMETERS", "username,ip_address")
]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.admin_security.lockout.locked_out"
AXES_CLIENT_IP_CALLABLE = "core.clients.client_address"
# Who must use a second factor (TOTP) before any admin page: everybody who may open sign-ups.
# Accounts that enrolled voluntarily must verify too.
ADMIN_SECOND_FACTOR_REQUIRED = "intake.permissions.works_intakes"
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# Signed-in sessions end after this much inactivity (only visitors who signed in have one to end).
STAFF_IDLE_TIMEOUT = timedelta(minutes=int(os.environ.get("STAFF_IDLE_TIMEOUT_MINUTES", "30")))
# Sessions last hours, not Django's two weeks: a visitor's session holds only the thanks page's
# opaque token (intake/signup/flow.py), and it goes three hours after the last change. A signed-in
# session is renewed by the idle check above on every active minute, so working in the admin is
# never cut short (and 30 minutes without a request end it anyway).
SESSION_COOKIE_AGE = 3 * 60 * 60
# The admin asks no third party: no avatars from gravatar.com, no update check at releases.wagtail.org.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
