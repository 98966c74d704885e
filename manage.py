#!/usr/bin/env python
"""Django's command-line utility for Fördertal."""

import os
import sys

if sys.version_info < (3, 12):  # noqa: UP036 - the guard is for people who run an old Python
    sys.exit(f"Fördertal braucht Python >= 3.12 (gefunden: {sys.version.split()[0]}).")


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
