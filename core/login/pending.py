"""The login between the password and the code: who it is and where it goes afterwards.

A person who needs a second factor is not logged in after the password: the session only
remembers for TWO_FACTOR_PENDING_SECONDS that the password was right. An already logged-in
session that lacks the second factor (a staff page asked for it) is the other case."""

import time
from dataclasses import dataclass

import django_otp
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.shortcuts import resolve_url
from django.utils.crypto import constant_time_compare
from django.utils.http import url_has_allowed_host_and_scheme

from core.login.enrolment import enrolment_clear
from core.login.policy import second_factor_mandatory, second_factor_needed

PENDING_KEY = "login_pending"


@dataclass(frozen=True)
class LoginStep:
    """Whose second factor is asked for; backend is set while the login is still pending."""

    user: object
    next_url: str
    backend: str | None = None

    @property
    def pending(self) -> bool:
        return self.backend is not None


def pending_start(request, *, user, next_url: str) -> None:
    """Remember that the password of `user` was right (user.backend comes from authenticate)."""
    enrolment_clear(request)
    request.session[PENDING_KEY] = {
        "user": user.pk,
        "backend": user.backend,
        "next": next_url,
        "hash": user.get_session_auth_hash(),
        "since": int(time.time()),
    }


def pending_clear(request) -> None:
    request.session.pop(PENDING_KEY, None)


def _pending_step(request) -> LoginStep | None:
    data = request.session.get(PENDING_KEY)
    if not data:
        return None
    if time.time() - data["since"] > settings.TWO_FACTOR_PENDING_SECONDS:
        pending_clear(request)
        return None
    user = get_user_model().objects.filter(pk=data["user"], is_active=True).first()
    # A password changed in between ends the pending login.
    if user is None or not constant_time_compare(user.get_session_auth_hash(), data["hash"]):
        pending_clear(request)
        return None
    return LoginStep(user=user, next_url=data["next"], backend=data["backend"])


def default_next(user) -> str:
    """Where a login goes when no page was asked for: staff to their start page."""
    if second_factor_mandatory(user):
        return resolve_url(settings.STAFF_LOGIN_REDIRECT_URL)
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def safe_next(request, default: str) -> str:
    """The ?next= address when it stays on this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next")
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else default


def login_step(request) -> LoginStep | None:
    """The second factor that this request still has to give, if any."""
    user = request.user
    if not user.is_authenticated:
        return _pending_step(request)
    if user.is_verified() or not second_factor_needed(user):
        return None
    return LoginStep(user=user, next_url=safe_next(request, default_next(user)))


def login_step_complete(request, step: LoginStep, device) -> None:
    """Both factors given: log in (or rotate the session key) and mark the session verified."""
    if step.pending:
        auth_login(request, step.user, backend=step.backend)
    else:
        request.session.cycle_key()
    django_otp.login(request, device)
    pending_clear(request)
    enrolment_clear(request)
