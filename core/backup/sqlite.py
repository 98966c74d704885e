"""SQLite: a consistent copy through SQLite's online backup API, also while the app writes."""

import sqlite3
from pathlib import Path

FILENAME = "database.sqlite3"


def dump(connection, target: Path) -> None:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
    finally:
        copy.close()


def load(connection, source: Path) -> None:
    """Replace the whole database, page by page, with the copy."""
    connection.ensure_connection()
    copy = sqlite3.connect(source)
    try:
        copy.backup(connection.connection)
    finally:
        copy.close()
    connection.close()
