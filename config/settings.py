"""Settings for Fibertrace, read once from the environment.

Defaults run the app alone (SQLite under var/, an embedded filesystem broker);
DATABASE_URL / REDIS_URL switch to PostgreSQL and Redis. FIBERTRACE_PRODUCTION=1
turns on the hardened settings that pass ``manage.py check --deploy``.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("FIBERTRACE_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean flag the way shells write them (1/true/yes/on)."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = env_bool("FIBERTRACE_PRODUCTION", False)
DEBUG = env_bool("DEBUG", not PRODUCTION)
SECRET_KEY = os.environ.get(
    "SECRET_KEY", "dev-insecure-fibertrace-key-change-me-in-production-0123456789"
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "django_htmx",
    "polarity",
    "inventory",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
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
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'fibertrace.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# --- Cache (DRF throttles need a shared cache in production) ---
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery ---
CELERY_BROKER_URL = REDIS_URL or "filesystem://"
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = (
    {"visibility_timeout": 3600}
    if REDIS_URL
    else {
        "data_folder_in": str(VAR_DIR / "broker" / "out"),
        "data_folder_out": str(VAR_DIR / "broker" / "out"),
        "processed_folder": str(VAR_DIR / "broker" / "processed"),
        "store_processed": False,
    }
)
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 600
CELERY_TASK_SOFT_TIME_LIMIT = 540
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TIMEZONE = TIME_ZONE
FIBERTRACE_DIGEST_DAY = int(os.environ.get("FIBERTRACE_DIGEST_DAY", "1"))  # 0=Sunday … 6
FIBERTRACE_DIGEST_HOUR = int(os.environ.get("FIBERTRACE_DIGEST_HOUR", "7"))
FIBERTRACE_WEAR_SCAN_HOUR = int(os.environ.get("FIBERTRACE_WEAR_SCAN_HOUR", "3"))
FIBERTRACE_WEAR_WARNING_SHARE = float(os.environ.get("FIBERTRACE_WEAR_WARNING_SHARE", "0.8"))
FIBERTRACE_BASE_URL = os.environ.get("FIBERTRACE_BASE_URL", "http://127.0.0.1:8000")

# --- Email ---
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "fibertrace@localhost")

# --- REST framework ---
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {"validate": os.environ.get("VALIDATE_THROTTLE", "600/minute")},
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Fibertrace API",
    "DESCRIPTION": "Fiber plant inventory, MACs and polarity validation for DCIM integration.",
    "VERSION": "1.0.0",
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_INCLUDE_SCHEMA": False,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REFERRER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"
    SECURE_CONTENT_TYPE_NOSNIFF = True
else:
    X_FRAME_OPTIONS = "DENY"

# --- Polarity engine: the catalogue comes from the admin-editable Application rows ---
FIBERTRACE_CATALOGUE_PROVIDER = "inventory.catalogue.application_catalogue"

# --- Stored-plant validation (issue 4) ---

# --- Wear, alerts, weekly digest (issue 7) ---
from celery.schedules import crontab  # noqa: E402

# One beat process fires these (see README "Tasks, worker and beat"); times are TIME_ZONE.
CELERY_BEAT_SCHEDULE = {
    "wear-scan-daily": {
        "task": "inventory.wear_scan",
        "schedule": crontab(minute=0, hour=FIBERTRACE_WEAR_SCAN_HOUR),
        "options": {"expires": 6 * 3600},
    },
    "weekly-digest": {
        "task": "inventory.send_weekly_digests",
        "schedule": crontab(
            minute=0, hour=FIBERTRACE_DIGEST_HOUR, day_of_week=FIBERTRACE_DIGEST_DAY
        ),
        "options": {"expires": 12 * 3600},
    },
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Redis redelivers an unacked (acks_late) task after visibility_timeout (3600 s above): it
# stays above the longest retry countdown (900 s) and the task time limit (600 s).

# --- API (issue 5) ---
REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"] = "api.schema.FibertraceAutoSchema"
SPECTACULAR_SETTINGS["SCHEMA_PATH_PREFIX"] = r"/api/v1"
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] = {
    "GenderEnum": "inventory.choices.GENDER_CHOICES",
    "PolishEnum": "inventory.choices.POLISH_CHOICES",
    "ConnectorEnum": "inventory.choices.CONNECTOR_CHOICES",
    "CablePolarityEnum": "inventory.choices.CABLE_POLARITY_CHOICES",
    "CassettePolarityEnum": "inventory.choices.CASSETTE_POLARITY_CHOICES",
    "CableStatusEnum": "inventory.choices.CableStatus",
    "ChannelStatusEnum": "inventory.choices.ChannelStatus",
    "DeliveryStatusEnum": "api.models.DeliveryStatus",
    "WebhookEventEnum": "api.models.WebhookEvent",
    "TraceStatusEnum": "api.views.channels.TRACE_STATUSES",
}

# --- Web UI (issue 6) ---
TEMPLATES[0]["OPTIONS"]["context_processors"].append("inventory.views.common.nav")  # type: ignore[index]
