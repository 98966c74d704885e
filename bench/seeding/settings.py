"""Settings of bench/seed.py: development settings without mail output, files outside the tree.

The demo cases' attachments and notices (and any export a benchmark starts) go to
$BENCH_MEDIA_ROOT, by default /tmp/foerdertal-bench-media, not to the working tree's media/.
"""

import os
import tempfile
from pathlib import Path

from config.settings.dev import *  # noqa: F403

DEBUG = False
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}
MEDIA_ROOT = Path(
    os.environ.get("BENCH_MEDIA_ROOT") or Path(tempfile.gettempdir()) / "foerdertal-bench-media"
)
