"""The shared fixtures of the browser tests: Debian's Chromium (RECIPES.md 4), started once per
test module, browser tabs logged in through a session cookie, and a live server.

While sync Playwright runs, its event loop runs in this thread. Django then refuses every ORM
call as "called from an async context", so DJANGO_ALLOW_ASYNC_UNSAFE is set for as long as the
browser runs, and only then. And asgiref's Local, which holds Django's connections, switches to
a context variable while a loop runs: the ORM would get new connection objects, without the
test database's serialized contents (serialized_rollback would restore nothing afterwards) and,
for SQLite in memory, beside the one the live server shares. The fixture keeps this thread's
connections in place.

Module scope, not session: no other test may run under the running loop (pytest-django moves
the transactional tests behind all others, so "after this folder" would be anywhere), and
tests/security and tests/e2e/test_lifecycle.py start a Playwright of their own."""

import threading
import time
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client
from playwright.sync_api import Browser, Page, sync_playwright
from pytest_django.live_server_helper import LiveServer

from tests.browser import ARGS, CHROMIUM
from tests.core.login_helpers import second_factor_passed

DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """One Chromium for all tests of a module."""
    own = {alias: connections[alias] for alias in connections}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            for alias, connection in own.items():
                connections[alias] = connection  # see above: the same objects under the loop
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            try:
                yield browser
            finally:
                browser.close()
                for alias in own:
                    del connections[alias]  # no trace for a later loop in this thread


def _login_session(user) -> str:
    """The key of a new logged-in session of `user`. Staff count as past the second factor (as
    tests/conftest.py does for force_login): a confirmed device, marked in the session."""
    client = Client()
    client.force_login(user)
    second_factor_passed(client, user)  # also outside a test, for a module's own data
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _new_tab(browser: Browser, base_url: str, session: str | None = None, viewport=None) -> Page:
    """A tab in a browser context of its own (German, desktop size), logged in with the session
    key `session` if given. Close it with `tab.context.close()`."""
    context = browser.new_context(locale="de-DE", viewport=viewport or DESKTOP, base_url=base_url)
    if session is not None:
        cookie = {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}
        context.add_cookies([cookie])
    return context.new_page()


@pytest.fixture(scope="module")
def login_session():
    """`login_session(user)`: the key of a new logged-in session (for a module's own data)."""
    return _login_session


@pytest.fixture(scope="module")
def open_tab(chromium):
    """`open_tab(base_url, session=None, viewport=None)`: a new tab of the shared browser."""
    return lambda base_url, session=None, viewport=None: _new_tab(
        chromium, base_url, session, viewport
    )


@pytest.fixture
def tab_for(chromium, live_server) -> Iterator:
    """`tab_for(user)`: a tab on pytest-django's live server, logged in as `user` (None: a
    visitor). Create the test's data first; the contexts are closed after the test."""
    tabs = []

    def open_tab(user=None, viewport=None) -> Page:
        session = _login_session(user) if user is not None else None
        tab = _new_tab(chromium, live_server.url, session, viewport)
        tabs.append(tab)
        return tab

    yield open_tab
    for tab in tabs:
        tab.context.close()


@pytest.fixture(scope="module")
def module_live_server(django_db_setup, django_db_blocker) -> Iterator[LiveServer]:
    """A live server for a whole module whose data is built once (tests/e2e/test_accessibility.py).
    pytest-django's `live_server` would make every test transactional, flushing that data."""
    with django_db_blocker.unblock():
        server = LiveServer("localhost")
    server._live_server_modified_settings.enable()
    try:
        yield server
    finally:
        server._live_server_modified_settings.disable()
        # The server answers each connection in a daemon thread that stopping it does not
        # wait for; one that ends after the stop closes the shared SQLite connection from a
        # thread it is no longer shared with (DatabaseError in a thread, an error under -W
        # error). The tabs are closed by now: their connections end within moments.
        deadline = time.monotonic() + 5
        for thread in threading.enumerate():
            if thread.daemon and "process_request_thread" in thread.name:
                thread.join(max(0.0, deadline - time.monotonic()))
        server.stop()
