"""Login, two-factor authentication (django-otp), login throttling (django-axes), sessions
and password rules. The code behind them is core/login/."""

import os
from datetime import timedelta

__all__ = [
    "AUTHENTICATION_BACKENDS",
    "AUTH_PASSWORD_VALIDATORS",
    "AXES_COOLOFF_TIME",
    "AXES_DISABLE_ACCESS_LOG",
    "AXES_FAILURE_LIMIT",
    "AXES_IPWARE_META_PRECEDENCE_ORDER",
    "AXES_IPWARE_PROXY_COUNT",
    "AXES_LOCKOUT_CALLABLE",
    "AXES_LOCKOUT_PARAMETERS",
    "AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT",
    "AXES_RESET_ON_SUCCESS",
    "AXES_USERNAME_CALLABLE",
    "AXES_USERNAME_FORM_FIELD",
    "OTP_ADMIN_HIDE_SENSITIVE_DATA",
    "OTP_TOTP_ISSUER",
    "SESSION_COOKIE_AGE",
    "SESSION_ENGINE",
    "SESSION_EXPIRE_AT_BROWSER_CLOSE",
    "SESSION_RENEW_SECONDS",
    "SESSION_SAVE_EVERY_REQUEST",
    "STAFF_LOGIN_REDIRECT_URL",
    "STAFF_SESSION_IDLE_SECONDS",
    "TWO_FACTOR_PENDING_SECONDS",
]

# django-axes checks every login attempt first; then Django's own backend.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Where staff land after the login when no page was asked for (applicants: LOGIN_REDIRECT_URL).
STAFF_LOGIN_REDIRECT_URL = "/staff/"

# Passwords: at least 12 characters for everyone, staff included; the messages are Django's
# own German ones.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Second factor (TOTP, core.login): mandatory for staff, optional for applicants. Tolerance
# (one step of 30 seconds either way) and throttling of wrong codes (1, 2, 4, 8 … seconds
# after each) are django-otp's defaults. The issuer names the entry in the authenticator app.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Fördertal")
# django-otp's own device admin never shows a device's secret or its QR code.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# How long the code may take after the password was right (and the app set up, for staff).
TWO_FACTOR_PENDING_SECONDS = 10 * 60

# Login throttling (django-axes, database handler): 5 failed logins for one address from one
# IP address lock that pair for 30 minutes; a further try during the lockout starts the 30
# minutes again (the lockout page counts on it); a successful login and a new password through
# the reset link clear the count.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "core.login.throttling.login_username"
AXES_LOCKOUT_CALLABLE = "core.login.throttling.lockout_response"
# Data minimisation: no log of every successful login with IP address and browser.
AXES_DISABLE_ACCESS_LOG = True
# Behind a reverse proxy set AXES_PROXY_COUNT to the number of proxies: the client's address
# is then read from X-Forwarded-For, else every login would seem to come from the proxy.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if AXES_IPWARE_PROXY_COUNT else ("REMOTE_ADDR",)
)

# Sessions (core.login.sessions): the cookie ends with the browser; on the server a login ends
# after 2 hours without a request for applicants and after 30 minutes for staff. The expiry is
# renewed at most once a minute, not on every request.
SESSION_ENGINE = "core.login.session_store"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = 2 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = False
STAFF_SESSION_IDLE_SECONDS = 30 * 60
SESSION_RENEW_SECONDS = 60
