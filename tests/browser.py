"""Debian's Chromium for the browser tests (RECIPES.md 4): Playwright cannot download its own
here, and the flags keep the browser from any background traffic on this closed network."""

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
