"""Settings shared by every environment, read from environment variables.

With nothing set, motcua runs on SQLite with background jobs in-process.
``DATABASE_URL`` switches to PostgreSQL; ``REDIS_URL`` sends Celery jobs to Redis.
"""

from __future__ import annotations

import os
from datetime import time
from pathlib import Path

import dj_database_url
from csp.constants import NONE as CSP_NONE
from csp.constants import SELF as CSP_SELF
from csp.constants import UNSAFE_INLINE as CSP_UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = Path(os.environ.get("MOTCUA_DATA_DIR", BASE_DIR / "var"))
# Where the public reference data lives (procedure catalogue, units, holidays).
SHARED_DATA_DIR = Path(
    os.environ.get("MOTCUA_SHARED_DATA", BASE_DIR.parent / "shared" / "data")
)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item]


SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_htmx",
    "ninja",
    "motcua.core",
    "motcua.accounts",
    "motcua.calendars",
    "motcua.agencies",
    "motcua.procedures",
    "motcua.citizens",
    "motcua.dossiers",
    "motcua.submissions",
    "motcua.ratings",
    "motcua.notices",
    "motcua.queueing",
    "motcua.reports",
    "motcua.privacy",
    "motcua.notifications",
    "motcua.population",
    "motcua.printed_forms",
    "motcua.files",
    "motcua.payments",
    "motcua.api",
    "motcua.backoffice",
    "motcua.portal",
    "motcua.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy (django-csp) and Permissions-Policy on every answer.
    "csp.middleware.CSPMiddleware",
    "motcua.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Vietnamese unless the person chose English (never the browser's language).
    "motcua.core.middleware.ChosenLanguageMiddleware",
    # Refuses oversized bodies, NUL bytes, deep JSON; out-of-range values → 400.
    "motcua.core.edge.EdgeInputMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): has this session passed the second factor?
    "django_otp.middleware.OTPMiddleware",
    # Staff pages wait for the second factor where the role requires it.
    "motcua.backoffice.second_factor.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Logs out a session idle for MOTCUA_IDLE_MINUTES (after auth and messages).
    "motcua.core.middleware.IdleSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so that it sees the authenticated user (brute-force protection).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "motcua" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "motcua.core.context_processors.brand",
                "motcua.backoffice.context_processors.worklist_counts",
                "motcua.backoffice.context_processors.calendar_warning",
                "motcua.notices.context_processors.notices",
            ],
        },
    },
]

DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'motcua.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes (web + in-process jobs) share one file: wait, don't fail.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif "postgresql" in DATABASES["default"]["ENGINE"]:
    # No JIT: the pages' queries are short, but over a million rows their cost
    # estimates pass jit_above_cost, and compiling took 0.3-1 s per query (ADR 0013).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# fields.W161 guesses that a fixed time default is a mistake when the check runs
# within 10 s of that time of day (UTC): the agencies' office hours (08:00, 12:00,
# 13:00, 15:00, 17:00) are meant to be fixed, and the guess made `check --deploy`
# fail at those moments.
SILENCED_SYSTEM_CHECKS = ["fields.W161"]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Before any backend that checks a password; it never logs anyone in.
    "motcua.accounts.lockout.AccountLockBackend",
    "django.contrib.auth.backends.ModelBackend",
]
_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]
LOGIN_URL = "backoffice:login"
LOGIN_REDIRECT_URL = "backoffice:home"
LOGOUT_REDIRECT_URL = "backoffice:login"

# Brute-force protection: 5 failures per user and address lock for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# ... and any account after this many failures from all addresses together
# (motcua/accounts/lockout.py); an administrator can unlock it.
MOTCUA_ACCOUNT_FAILURE_LIMIT = int(os.environ.get("MOTCUA_ACCOUNT_FAILURE_LIMIT", "10"))
# Citizen accounts' one-time codes (sign-up, password reset; ADR 0010): valid this
# many minutes, this many wrong tries, at most this many an hour per account/ID/phone.
MOTCUA_ACCOUNT_CODE_MINUTES = 15
MOTCUA_ACCOUNT_CODE_ATTEMPTS = 5
MOTCUA_ACCOUNT_CODES_PER_HOUR = 3
# Staff API bearer tokens expire after this many hours.
MOTCUA_API_TOKEN_HOURS = 12
# Where the population data comes from (citizen_lookup at the counter).
MOTCUA_POPULATION_ADAPTER = os.environ.get(
    "MOTCUA_POPULATION_ADAPTER", "motcua.population.adapters.DemoPopulationAdapter"
)
# The address as the trusted proxies report it (same rule as public tracking).
AXES_CLIENT_IP_CALLABLE = "motcua.core.client.client_address"

# Second factor (an authenticator app, TOTP; django-otp) at staff login, for
# superusers and these roles: by default every role that sees applicants'
# personal data (motcua/agencies/access.py). The city supervisor sees masked data
# and may enrol by choice. Set to "" only where no real data is held (the demo);
# `check --deploy` then reports motcua.agencies.E001.
MOTCUA_PERSONAL_DATA_ROLES = (
    "reception_officer",
    "specialist",
    "division_leader",
    "agency_leader",
    "clerk",
    "agency_admin",
)
MOTCUA_SECOND_FACTOR_ROLES = tuple(
    os.environ.get(
        "MOTCUA_SECOND_FACTOR_ROLES", " ".join(MOTCUA_PERSONAL_DATA_ROLES)
    ).split()
)
MOTCUA_RECOVERY_CODES = 10  # one-time codes given at enrolment
OTP_TOTP_ISSUER = os.environ.get("MOTCUA_SYSTEM_NAME", "Một cửa số")
OTP_TOTP_THROTTLE_FACTOR = 1  # seconds, doubled after each wrong code
OTP_STATIC_THROTTLE_FACTOR = 1

# Vietnamese first, English second.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The language switch's choice is kept for a year (not only for the session).
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Dates read day/month/year in both languages (config/formats/).
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Ho_Chi_Minh")

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", DATA_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "motcua" / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
MEDIA_URL = "media/"
# Serve static files from the apps in development and tests (collectstatic in prod).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}

REDIS_URL = os.environ.get("REDIS_URL", "")
# Two caches (ADR 0007). "default" holds what can be rebuilt from the database
# (the brand kit, banners); "limits" holds the rate-limit counters, which must be
# shared by every worker and survive a restart. With Redis both use it, and fall
# back while it is unreachable: "default" to process memory, "limits" to the
# database. Without Redis "limits" lives in the database.
_MEMORY_CACHE = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
_LIMITS_DATABASE_CACHE = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "motcua_cache",
    "KEY_PREFIX": "limits",
    "OPTIONS": {"MAX_ENTRIES": 200_000, "CULL_FREQUENCY": 4},
}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "motcua.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"FALLBACK": "memory"},
        },
        "memory": _MEMORY_CACHE,
        "limits": {
            "BACKEND": "motcua.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "limits",
            "OPTIONS": {"FALLBACK": "limits_database"},
        },
        "limits_database": _LIMITS_DATABASE_CACHE,
    }
else:
    CACHES = {"default": _MEMORY_CACHE, "limits": _LIMITS_DATABASE_CACHE}

# Celery: with REDIS_URL jobs go to Redis workers; without it they run in-process.
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# With Redis down a request must not wait on it: fail fast, once. The work is in
# the database (the outbox) and the periodic jobs pick it up when Redis is back.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 2}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0}
# Periodic jobs (celery beat). None of them is needed for correctness.
CELERY_BEAT_SCHEDULE = {
    "calendar-coverage-check": {
        "task": "calendars.coverage_check",
        "schedule": 24 * 60 * 60,
    },
    # Closes dossiers not supplemented within their procedure's period.
    "dossiers-close-unsupplemented": {
        "task": "dossiers.close_unsupplemented",
        "schedule": 60 * 60,
    },
    # Deletes what is kept past its retention period (MOTCUA_RETENTION_DAYS).
    "privacy-retention-purge": {
        "task": "privacy.retention_purge",
        "schedule": 24 * 60 * 60,
    },
    # Deletes stored files no row refers to (after MOTCUA_ORPHAN_FILE_GRACE_HOURS).
    "files-orphan-files-purge": {
        "task": "files.orphan_files_purge",
        "schedule": 24 * 60 * 60,
    },
    # Reminds tomorrow's bookings at the halls (once each).
    "queueing-appointments-remind": {
        "task": "queueing.appointments_remind",
        "schedule": 60 * 60,
    },
    # Sends what was written while the worker or Redis was down.
    "notifications-outbox-deliver": {
        "task": "notifications.outbox_deliver",
        "schedule": 60,
    },
}

# The public address of the site: links in SMS, e-mails and QR codes on slips.
MOTCUA_PUBLIC_URL = os.environ.get("MOTCUA_PUBLIC_URL", "http://127.0.0.1:8000").rstrip(
    "/"
)
MOTCUA_TRACKING_URL = MOTCUA_PUBLIC_URL + "/tra-cuu/{code}/"

# Decree 297/2025 Art. 6(4): an online dossier is accepted or sent back within
# 8 working hours of its arrival.
MOTCUA_ONLINE_CHECK_WORKING_HOURS = 8

# Public tracking by dossier code: rate limits so codes cannot be enumerated.
MOTCUA_PUBLIC_LOOKUP_LIMIT = int(os.environ.get("MOTCUA_PUBLIC_LOOKUP_LIMIT", "30"))
MOTCUA_PUBLIC_LOOKUP_WINDOW = 600  # seconds
MOTCUA_PUBLIC_LOOKUP_FAILURE_LIMIT = 10  # unknown codes or wrong checks
MOTCUA_PUBLIC_LOOKUP_FAILURE_WINDOW = 3600  # seconds
# Behind a reverse proxy, the header that carries the client's address
# (HTTP_X_FORWARDED_FOR or HTTP_X_REAL_IP) and how many proxies append to it: the
# client is that many values from the right (motcua/core/client.py). Without the
# header every visitor behind the proxy counts as one client.
MOTCUA_PUBLIC_CLIENT_IP_HEADER = os.environ.get("MOTCUA_PUBLIC_CLIENT_IP_HEADER", "")
MOTCUA_TRUSTED_PROXY_COUNT = int(os.environ.get("MOTCUA_TRUSTED_PROXY_COUNT", "1"))
# A dossier code's second factor (last 4 digits) stops being tried after this
# many wrong ones from any address in the window; the applicant is told.
MOTCUA_PUBLIC_CHECK_FAILURE_LIMIT = int(
    os.environ.get("MOTCUA_PUBLIC_CHECK_FAILURE_LIMIT", "5")
)
MOTCUA_PUBLIC_CHECK_FAILURE_WINDOW = 24 * 3600  # seconds

# Content-Security-Policy (django-csp 4): scripts only from this site (no inline
# code, no eval: htmx runs with allowEval off), styles from this site and inline
# (the brand kit's variables), nothing framed, forms posted here only (plus the
# payment gateway's origin, MOTCUA_CSP_FORM_ACTION). Stored files get a stricter
# sandbox policy of their own (files.serving).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [CSP_SELF],
        "script-src": [CSP_SELF],
        "style-src": [CSP_SELF, CSP_UNSAFE_INLINE],
        "img-src": [CSP_SELF, "data:"],
        "font-src": [CSP_SELF],
        "connect-src": [CSP_SELF],
        "object-src": [CSP_NONE],
        "base-uri": [CSP_SELF],
        "frame-ancestors": [CSP_NONE],
        "form-action": [
            CSP_SELF,
            *os.environ.get("MOTCUA_CSP_FORM_ACTION", "").split(),
        ],
    },
}
# Browser features no page uses are switched off.
MOTCUA_PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), "
    "bluetooth=(), midi=(), magnetometer=(), gyroscope=(), accelerometer=()"
)

# A logged-in session (staff or citizen) ends after this many idle minutes.
MOTCUA_IDLE_MINUTES = int(os.environ.get("MOTCUA_IDLE_MINUTES", "30"))

# The largest request body accepted, refused by its Content-Length before it is
# read (motcua/core/edge.py); an uploaded paper is at most MOTCUA_UPLOAD_MAX_BYTES.
MOTCUA_MAX_REQUEST_BYTES = int(
    os.environ.get("MOTCUA_MAX_REQUEST_BYTES", str(64 * 1024 * 1024))
)

# Form 07 as PDF prints in parts of this many rows, each ready well inside a
# request's time (bench/forms.py prints the seconds per part); Excel is whole.
MOTCUA_REGISTER_PDF_ROWS = int(os.environ.get("MOTCUA_REGISTER_PDF_ROWS", "200"))

# Decision 766/QĐ-TTg method: this many supplement requests during processing make
# a dossier count as late whatever its dates (0: off).
MOTCUA_LATE_AFTER_SUPPLEMENT_REQUESTS = int(
    os.environ.get("MOTCUA_LATE_AFTER_SUPPLEMENT_REQUESTS", "2")
)

# Online filing. Papers the population database holds are referenced by the personal
# ID number instead of being uploaded (Decree 45/2020/NĐ-CP Art. 4; Decree
# 104/2022/NĐ-CP): phrases matched, without accents, in the checklist paper's name.
MOTCUA_PAPERS_HELD_BY_AUTHORITIES = [
    "căn cước",
    "chứng minh nhân dân",
    "sổ hộ khẩu",
    "sổ tạm trú",
    "xác nhận thông tin về cư trú",
    "giấy xác nhận thông tin cư trú",
]


def _retention(name: str, default: int | None) -> int | None:
    """Days from ``MOTCUA_RETENTION_<NAME>_DAYS``; "keep" keeps them for good."""
    value = os.environ.get(f"MOTCUA_RETENTION_{name.upper()}_DAYS", "").strip()
    if not value:
        return default
    return None if value.lower() == "keep" else int(value)


# How long each kind of record holding personal data is kept, in days (None:
# kept for good), then deleted by the daily retention purge (``manage.py
# retention_purge``; Decree 13/2023/NĐ-CP Art. 16). Set each to the period of the
# agency's list of records (Law on Archives 2024).
MOTCUA_RETENTION_DAYS: dict[str, int | None] = {
    # Drafts not filed, with their uploads (never one with a fee paid).
    "drafts": _retention(
        "drafts", int(os.environ.get("MOTCUA_DRAFT_RETENTION_DAYS", "30"))
    ),
    # The log of public tracking lookups (hashed addresses; the limits look back
    # a day at most).
    "public_lookups": _retention("public_lookups", 365),
    # SMS and e-mails sent or given up (phones, e-mail addresses, texts).
    "outbox_messages": _retention("outbox_messages", 365),
    # Who opened a dossier's personal data, and administrators' openings of
    # citizen accounts: the citizen sees them on "my personal data".
    "personal_data_accesses": _retention("personal_data_accesses", 5 * 365),
    "citizen_account_accesses": _retention("citizen_account_accesses", 5 * 365),
    # The contacts of closed dossiers (phone, e-mail, address, birth date); the
    # dossier, its name, ID number and history stay. Kept until a period is set.
    "dossier_contacts": _retention("dossier_contacts", None),
    # The name and phone of bookings at the halls (the bookings stay, for the
    # hall's figures), a quarter after their day.
    "appointments": _retention("appointments", 90),
}

# Notifications: channel classes per kind of address (providers are pluggable).
# The default writes JSON lines under var/outbox/ so a demo shows what was sent.
MOTCUA_NOTIFICATION_CHANNELS = {
    "sms": os.environ.get(
        "MOTCUA_SMS_CHANNEL", "motcua.notifications.channels.FileChannel"
    ),
    "email": os.environ.get(
        "MOTCUA_EMAIL_CHANNEL", "motcua.notifications.channels.FileChannel"
    ),
}
MOTCUA_NOTIFICATION_MAX_ATTEMPTS = 8
MOTCUA_SMS_GATEWAY = {
    "url": os.environ.get("MOTCUA_SMS_GATEWAY_URL", ""),
    "token": os.environ.get("MOTCUA_SMS_GATEWAY_TOKEN", ""),
    "sender": os.environ.get("MOTCUA_SMS_SENDER", ""),
    "timeout": 10,
}

# Working time defaults (SPEC §5); each agency may override them.
MOTCUA_DEFAULT_WORKING_PERIODS = ((time(8, 0), time(12, 0)), (time(13, 0), time(17, 0)))
MOTCUA_DEFAULT_RECEPTION_CUTOFF = time(15, 0)
# An open dossier is "due soon" when less than this much working time remains.
MOTCUA_DUE_SOON_WORKING_HOURS = float(os.environ.get("MOTCUA_DUE_SOON_HOURS", "8"))
# The calendar covers these years (the holiday table must hold their announcements).
MOTCUA_CALENDAR_FIRST_YEAR = int(os.environ.get("MOTCUA_CALENDAR_FIRST_YEAR", "2020"))
MOTCUA_CALENDAR_LAST_YEAR = int(os.environ.get("MOTCUA_CALENDAR_LAST_YEAR", "2035"))
# From this day (month, day) on, the back office warns administrators while next
# year's official holiday announcement is not imported (MM-DD, default 1 December).
_due_month, _due_day = os.environ.get(
    "MOTCUA_CALENDAR_ANNOUNCEMENT_DUE", "12-01"
).split("-")
MOTCUA_CALENDAR_ANNOUNCEMENT_DUE = (int(_due_month), int(_due_day))

# The brand kit applied to every page (issue: brand kit will make it editable).
MOTCUA_BRAND = {
    "system_name": os.environ.get("MOTCUA_SYSTEM_NAME", "Một cửa số"),
    "unit_name": os.environ.get(
        "MOTCUA_UNIT_NAME", "Trung tâm Phục vụ hành chính công"
    ),
    "hotline": os.environ.get("MOTCUA_HOTLINE", "1022"),
    # Colours may be set here too ("primary_colour": "#…"); without them the
    # kit's defaults apply (motcua/core/brand_checks.py, BRAND_DEFAULTS).
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # WeasyPrint logs every render step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "celery.app.trace": {"level": "WARNING"},
    },
}

# Online payments and uploads (issue: online submission with the fee step).
# The payment gateway class, a dotted path (see motcua.payments.gateways). The
# default DEMO gateway moves no money: configure the contracted gateway in
# production (`manage.py check --deploy` warns while the demo one is set).
MOTCUA_PAYMENT_GATEWAY = os.environ.get(
    "MOTCUA_PAYMENT_GATEWAY", "motcua.payments.gateways.DemoGateway"
)
# A training or staging site may knowingly run the demo gateway: "1" silences the
# deployment warning (never on a site that takes real fees).
MOTCUA_DEMO_PAYMENTS_ALLOWED = os.environ.get("MOTCUA_DEMO_PAYMENTS_ALLOWED") == "1"
# The largest file a citizen may upload, in bytes (default 10 MiB).
MOTCUA_UPLOAD_MAX_BYTES = int(
    os.environ.get("MOTCUA_UPLOAD_MAX_BYTES", str(10 * 1024 * 1024))
)
# A stored file no row refers to is deleted (daily, ``manage.py
# purge_orphan_files``) once it is this many hours old: an upload is written before
# the transaction that refers to it commits, so this must outlast any transaction.
MOTCUA_ORPHAN_FILE_GRACE_HOURS = int(
    os.environ.get("MOTCUA_ORPHAN_FILE_GRACE_HOURS", "24")
)

# Citizen accounts (issue: citizen accounts, "my dossiers", "my papers").
# Citizens log in on the portal with their 12-digit personal ID number and a
# password, or with VNeID (the national e-ID) through OpenID Connect
# (mozilla-django-oidc, backend motcua.citizens.oidc.VNeIDBackend). VNeID is
# enabled only when VNEID_OIDC_CLIENT_ID is set; the endpoints and the claim names
# come from the deployment's VNeID contract.
VNEID_OIDC_CLIENT_ID = os.environ.get("VNEID_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_ID = VNEID_OIDC_CLIENT_ID
OIDC_RP_CLIENT_SECRET = os.environ.get("VNEID_OIDC_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("VNEID_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("VNEID_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("VNEID_OIDC_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("VNEID_OIDC_JWKS_ENDPOINT") or None
OIDC_RP_SIGN_ALGO = os.environ.get("VNEID_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("VNEID_OIDC_SCOPES", "openid")
OIDC_USE_PKCE = env_bool("VNEID_OIDC_USE_PKCE", True)
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "portal:vneid_callback"
VNEID_OIDC_ID_NUMBER_CLAIM = os.environ.get("VNEID_OIDC_ID_NUMBER_CLAIM", "citizen_id")
VNEID_OIDC_NAME_CLAIM = os.environ.get("VNEID_OIDC_NAME_CLAIM", "name")
VNEID_OIDC_BIRTH_DATE_CLAIM = os.environ.get("VNEID_OIDC_BIRTH_DATE_CLAIM", "birthdate")
VNEID_OIDC_PHONE_CLAIM = os.environ.get("VNEID_OIDC_PHONE_CLAIM", "phone_number")
if VNEID_OIDC_CLIENT_ID:
    AUTHENTICATION_BACKENDS = [
        *AUTHENTICATION_BACKENDS,
        "motcua.citizens.oidc.VNeIDBackend",
    ]
# A locked-out citizen sees the portal's own login page (HTTP 429) instead of
# django-axes' plain text; every other page keeps the plain text.
AXES_LOCKOUT_CALLABLE = "motcua.portal.accounts.axes_lockout_response"
