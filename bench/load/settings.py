"""Settings of the load test (`make load`): production's, served over plain http on 127.0.0.1.

What differs from config.settings.production, and why:
- plain http on the loopback: no redirect to https, no HSTS, cookies without the Secure flag
  (a client sends Secure cookies over https only);
- static files are collected into bench/out/static with hashed names and a manifest as in
  production, but without WhiteNoise's compressed copies: the load test requests no static
  file (a browser keeps them), and compressing viewflow's scripts takes minutes on two cores;
- errors of requests are logged to stderr (production has no LOGGING of its own).
Everything else – DEBUG off, database sessions, the password hasher, django-axes, the
second factor, the CSP, django-tasks-db for mails – stays as in production. SECRET_KEY,
DATABASE_URL and EMAIL_BACKEND come from the environment (bench/load/run.sh sets them).
"""

from config.settings.production import *  # noqa: F403
from config.settings.production import BASE_DIR, STORAGES

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_HSTS_PRELOAD = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

STATIC_ROOT = BASE_DIR / "bench" / "out" / "static"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}

# Errors of requests (a 500) go to stderr, which gunicorn writes to bench/out/load-gunicorn.log.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["stderr"], "level": "ERROR"}},
}
