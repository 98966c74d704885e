"""Screenshots for the README: the portfolio view (/staff/wirkung/) and the public transparency
page (/transparenz/), 1280 px wide, full page.

    .venv/bin/python docs/screenshots.py

Starts a throwaway server on a fresh SQLite database with the demo data (migrate, seed_demo,
runserver), logs in as a demo staff user for the staff page (the public page is shot as a
visitor) and drives Debian's Chromium headless with Playwright (see RECIPES.md 4). Writes
docs/screenshots/portfolio.png and transparency.png; a page that does not exist (yet) is
skipped with a message.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.browser import ARGS, CHROMIUM  # noqa: E402 -- the browser tests' Chromium and flags

OUT = ROOT / "docs" / "screenshots"
STAFF_LOGIN = ("sachbearbeitung@demo.foerdertal.de", "demo")
# name: (path, logged in as staff?)
PAGES = {"portfolio": ("/staff/wirkung/", True), "transparency": ("/transparenz/", False)}
WIDTH = 1280


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(env, *args) -> str:
    """Run a management command quietly and return its output; on failure show it and stop."""
    command = [sys.executable, "manage.py", *args]
    # Our own manage.py with fixed arguments, no user input.
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)  # noqa: S603
    if done.returncode:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"manage.py {' '.join(args)} ist fehlgeschlagen.")
    return done.stdout


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (our own local server)
            return
        except urllib.error.HTTPError:
            return  # the server answers
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"Der Server unter {url} antwortet nicht.")


def log_in(page, base: str, env) -> None:
    page.goto(f"{base}/konto/anmelden/")
    page.fill("input[name=username]", STAFF_LOGIN[0])
    page.fill("input[name=password]", STAFF_LOGIN[1])
    page.click("form button[type=submit]")
    page.wait_for_load_state("networkidle")
    # the second factor: the demo's key, as `manage.py demo_code` computes it
    page.fill("input[name=token]", manage(env, "demo_code").strip())
    page.click("form button[type=submit]")
    page.wait_for_load_state("networkidle")


def shoot(base: str, env) -> list[str]:
    """Save each page that answers 200 (staff pages logged in, public ones as a visitor);
    returns the names of the pages saved."""
    saved = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        for name, (path, as_staff) in PAGES.items():
            context = browser.new_context(locale="de-DE", viewport={"width": WIDTH, "height": 900})
            page = context.new_page()
            if as_staff:
                log_in(page, base, env)
            response = page.goto(f"{base}{path}", wait_until="networkidle")
            if response is None or response.status != 200:
                status = response.status if response else "keine Antwort"
                print(f"{path}: {status}, kein Bildschirmfoto von {name}.")
            else:
                page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)
                saved.append(name)
            context.close()
        browser.close()
    return saved


def main() -> int:
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} fehlt: apt-get install -y chromium")
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="foerdertal-shots-") as folder:
        env = {
            **os.environ,
            "SQLITE_PATH": str(Path(folder) / "demo.sqlite3"),
            "DEBUG": "1",
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        }
        env.pop("DATABASE_URL", None)
        manage(env, "migrate", "--no-input")
        manage(env, "seed_demo")
        port = free_port()
        server = subprocess.Popen(  # noqa: S603 (fixed arguments)
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(f"{base}/konto/anmelden/")
            saved = shoot(base, env)
        finally:
            server.terminate()
            server.wait(timeout=10)
    for name in saved:
        print(f"gespeichert: {(OUT / f'{name}.png').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
