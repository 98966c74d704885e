"""Settings shared by every environment; values that differ come from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
# The staff list's indexes carry extra columns on PostgreSQL (index-only counts); SQLite
# builds the same indexes without them, as intended (grants.Application.Meta.indexes).
SILENCED_SYSTEM_CHECKS = ["models.W040"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "core.staticfiles.FoerdertalStaticFilesConfig",
    "django.contrib.humanize",
    "django.forms",
    "django_filters",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "bootstrap",
    "viewflow",
    "viewflow.workflow",
    "core",
    "applicants",
    "grants",
    "budgeting",
    "workflow",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # after authentication: the saved language of the logged-in person comes first
    "core.middleware.UserLanguageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "workflow.middleware.StaffAreaMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # last, as django-axes asks: it answers locked-out logins
    "axes.middleware.AxesMiddleware",
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
                "applicants.context_processors.active_organisation",
            ],
        },
    },
]
FORM_RENDERER = "core.forms.BootstrapFormRenderer"

SQLITE_PATH = os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3"))
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
}
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
    if DATABASES["default"]["ENGINE"].endswith("postgresql"):
        # PostgreSQL's JIT compiles a costly query before running it: the portfolio's sums over
        # 40,000 grants ran 0.35 s and waited 0.74 s for the compiler. Our queries are short.
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            "OPTIONS": SQLITE_OPTIONS,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# German is the reference language: source strings are German, other languages are catalogues.
# The applicant side speaks all four, the staff pages German and English (core.languages,
# core.middleware); the notices stay German whatever the language.
LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", _("Deutsch")),
    ("en", _("Englisch")),
    ("tr", _("Türkisch")),
    ("ar", _("Arabisch")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Where Django's formats of a language leave a gap (Arabic: no date input formats, so it would
# read 05/03/2026 the American way), core/formats/<language>/formats.py fills it.
FORMAT_MODULE_PATH = ["core.formats"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded files are never served by URL directly: views check permissions first.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def mailers(default_backend: str) -> dict:
    """MAILERS from the environment: EMAIL_BACKEND, and for SMTP EMAIL_HOST, EMAIL_PORT, …"""
    backend = os.environ.get("EMAIL_BACKEND", default_backend)
    mailer = {"BACKEND": backend}
    if backend.endswith("smtp.EmailBackend"):
        mailer["OPTIONS"] = {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("EMAIL_PORT", "25")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS"),
        }
    return {"default": mailer}


# Mail goes to the console unless the environment names another backend (production: SMTP).
MAILERS = mailers("django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "foerdertal@localhost")

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Uploads: what the applicant may attach.
ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_PERMISSIONS = 0o640

# The prefix of the yearly reference numbers (ZI-2026-0042).
APPLICATION_REFERENCE_PREFIX = os.environ.get("APPLICATION_REFERENCE_PREFIX", "ZI")

# Absolute address of the site, for links in mails.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# The authority that issues the notices (letterhead and sender of every Bescheid).
AUTHORITY = {
    "name": os.environ.get("AUTHORITY_NAME", "Stadt Wuppertal"),
    "department": os.environ.get("AUTHORITY_DEPARTMENT", "Ressort Zuwanderung und Integration"),
    "street": os.environ.get("AUTHORITY_STREET", "Johannes-Rau-Platz 1"),
    "postcode_city": os.environ.get("AUTHORITY_POSTCODE_CITY", "42275 Wuppertal"),
    "phone": os.environ.get("AUTHORITY_PHONE", "0202 563-0"),
    # No invented mailbox: set AUTHORITY_EMAIL to the department's address (shown when set).
    "email": os.environ.get("AUTHORITY_EMAIL", ""),
}
# The feedback contact of the accessibility statement (/barrierefreiheit/); the default is a
# placeholder for the department to confirm before going live.
ACCESSIBILITY_CONTACT_EMAIL = os.environ.get(
    "ACCESSIBILITY_CONTACT_EMAIL", "barrierefreiheit@stadt.wuppertal.de"
)
# Legal remedy against a notice: in NRW there is no Widerspruch for these notices (§ 110 JustG
# NRW), only a Klage at the administrative court within one month; Wuppertal → VG Düsseldorf.
APPEAL_COURT = os.environ.get(
    "APPEAL_COURT", "Verwaltungsgericht Düsseldorf, Bastionstraße 39, 40213 Düsseldorf"
)

# Bestandskraft: the notice is deemed delivered on the fourth day after sending (§ 41 Abs. 2
# VwVfG NRW), and the appeal period runs one month from then.
NOTICE_DELIVERY_DAYS = int(os.environ.get("NOTICE_DELIVERY_DAYS", "4"))
APPEAL_PERIOD_MONTHS = int(os.environ.get("APPEAL_PERIOD_MONTHS", "1"))
# Retrieval in the portal (§ 41 Abs. 2a VwVfG): without retrieval within this many days after
# the notification, provision ends, the notice is NOT delivered and staff must send it by post.
NOTICE_PROVISION_DAYS = int(os.environ.get("NOTICE_PROVISION_DAYS", "10"))

# Payouts (ANBest-P 1.4): the payout date at the release lies at most this many days before
# the release and at most this many days after it (a due date).
PAYOUT_DATE_DAYS_BEFORE = int(os.environ.get("PAYOUT_DATE_DAYS_BEFORE", "3"))
PAYOUT_DATE_DAYS_AFTER = int(os.environ.get("PAYOUT_DATE_DAYS_AFTER", "14"))

# Refunds: the city's account named in refund notices, and the limit below which a remaining
# claim may be waived (Niederschlagung of a small amount).
CASH_OFFICE_ACCOUNT = {
    "holder": os.environ.get("CASH_OFFICE_HOLDER", "Stadtkasse Wuppertal"),
    "iban": os.environ.get("CASH_OFFICE_IBAN", "DE08 3305 0000 0001 0000 09"),  # set the real one
    "bank": os.environ.get("CASH_OFFICE_BANK", "Stadtsparkasse Wuppertal"),
}
REFUND_SMALL_AMOUNT_LIMIT = os.environ.get("REFUND_SMALL_AMOUNT_LIMIT", "25.00")

# Exports with more rows than this run as a background job with a progress page.
EXPORT_SYNC_LIMIT = 5000

# Impact reporting: figures about people below this count are suppressed in the portfolio view,
# its export and every published figure (statistical disclosure control).
IMPACT_MIN_CELL = int(os.environ.get("IMPACT_MIN_CELL", "5"))

# Open data in the 360Giving Data Standard: the identifier prefix registered for the publisher
# (every grant's id is "<prefix>-<reference>"), and the funder named in each grant.
OPEN_DATA = {
    "prefix": os.environ.get("OPEN_DATA_PREFIX", "360G-wuppertal-zi"),
    "funder_id": os.environ.get("OPEN_DATA_FUNDER_ID", "360G-wuppertal"),
    "funder_name": os.environ.get("OPEN_DATA_FUNDER_NAME", AUTHORITY["name"]),
    "funder_department": os.environ.get("OPEN_DATA_FUNDER_DEPARTMENT", AUTHORITY["department"]),
    "license": os.environ.get("OPEN_DATA_LICENSE", "https://www.govdata.de/dl-de/by-2-0"),
    # The city of the districts ("Barmen, Wuppertal" as beneficiary location), and the GLEIF
    # code of the register court assumed when a register number names none (Amtsgericht
    # Wuppertal): recipients' identifiers follow org-id.guide's DE-CR scheme.
    "city": os.environ.get("OPEN_DATA_CITY", "Wuppertal"),
    "register_court": os.environ.get("OPEN_DATA_REGISTER_COURT", "RA000369"),
}

# Login, two-factor authentication and sessions; Content-Security-Policy and upload limits;
# data protection (retention periods). Each lives in its own module.
from .auth import *  # noqa: E402
from .privacy import *  # noqa: E402
from .security import *  # noqa: E402
