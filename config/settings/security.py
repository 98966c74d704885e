"""Content-Security-Policy (Django's built-in support) and the limits of uploads."""

import os

from django.utils.csp import CSP

# base.py imports this module at its end, so its lists exist: they are extended in place.
from .base import MIDDLEWARE, TEMPLATES

__all__ = [
    "ATTACHMENT_MAX_COUNT",
    "RECEIPTS_IMPORT_MAX_UNPACKED_BYTES",
    "SECURE_CSP",
    "SECURE_CSP_PATHS",
]

# The portal, the public pages and Django's admin: nothing inline, nothing from elsewhere.
# The charts and QR codes are inline SVG; data: images are what Bootstrap's icons use.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# The staff pages run viewflow's Material frontend, which is never copied into the project.
# What it needs was measured in Chromium (tests/security/test_csp_browser.py):
# - three fixed <style> elements, allowed by their hashes: the theme colours in
#   viewflow/base.html (staff_site's primary and secondary colour), Turbo's progress bar
#   (viewflow/js/turbo.es2017-umd.js) and the flow chart (viewflow/workflow/graph.svg);
# - style="" attributes throughout its templates and set by its scripts (logout button,
#   cards, chart edges, snackbar), so attributes may carry styles; they cannot run code,
#   and img-src keeps them from loading anything from elsewhere;
# - two fixed onclick handlers of its "Back" links (tasks_assign.html, delete_action.html),
#   allowed by their hashes; scripts stay 'self'.
# After an upgrade of viewflow the browser test names what is blocked, with Chromium's hash.
VIEWFLOW_STYLE_HASHES = [
    "'sha256-yjVIWNQxxGeNgKGxy6rrOxfzLLlgdbbLxapBzqoNUQE='",  # theme colours
    "'sha256-WAyOw4V+FqDc35lQPyRADLBWbuNK8ahvYEaQIYF1+Ps='",  # Turbo's progress bar
    "'sha256-M8YLp52BurxPpYt0Cgj1yb0uSRNVQeG6qA/8hDfuLCo='",  # flow chart
]
VIEWFLOW_HANDLER_HASHES = [
    "'sha256-seD630z7277f97kwMcz927xhDjB8+HQCe4f0EztcsAU='",  # window.history.back(-1)
    "'sha256-GdAjV6tJJrCv5L8FkbHYzJwNrscSj7aTuYJzS/C7wZY='",  # the same, then Turbo.visit('.')
]
STAFF_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "script-src-attr": [CSP.UNSAFE_HASHES, *VIEWFLOW_HANDLER_HASHES],
    "style-src": [CSP.SELF],
    "style-src-elem": [CSP.SELF, *VIEWFLOW_STYLE_HASHES],
    "style-src-attr": [CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
# Path prefix -> policy (core.csp); every other path gets SECURE_CSP.
SECURE_CSP_PATHS = {"/staff/": STAFF_CSP}

MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.csp.ContentSecurityPolicyMiddleware") + 1,
    "core.csp.PathContentSecurityPolicyMiddleware",
)
# The nonce in templates ({{ csp_nonce }}), for an inline script that cannot be avoided.
TEMPLATES[0]["OPTIONS"]["context_processors"].append("django.template.context_processors.csp")

# Uploads: at most this many attachments per application (besides ATTACHMENT_MAX_BYTES each).
ATTACHMENT_MAX_COUNT = int(os.environ.get("ATTACHMENT_MAX_COUNT", "20"))
# An imported Belegliste as XLSX is a zip: this much may it unpack to (a zip bomb stops here).
RECEIPTS_IMPORT_MAX_UNPACKED_BYTES = int(
    os.environ.get("RECEIPTS_IMPORT_MAX_UNPACKED_BYTES", str(20 * 1024 * 1024))
)
