"""File helpers: checksums while reading, files only the owner may read."""

import hashlib
import os
from pathlib import Path

CHUNK = 1024 * 1024


class HashingReader:
    """Reads a file and computes its SHA-256 on the way (the archive gets one read only)."""

    def __init__(self, raw):
        self.raw = raw
        self.sha256 = hashlib.sha256()
        self.size = 0

    def read(self, size=-1):
        chunk = self.raw.read(size)
        self.sha256.update(chunk)
        self.size += len(chunk)
        return chunk


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def open_private(path: Path):
    """Open a new file for writing that only its owner can read (backups hold personal data)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    return os.fdopen(descriptor, "wb")


def files_below(root: Path) -> list[Path]:
    """Every regular file under root, in a stable order (symbolic links are not followed)."""
    if not root.is_dir():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file() and not path.is_symlink())
