"""Backup and restore of the database and the uploaded files as one archive (.tar.gz):
the database copy first (a consistent snapshot), then MEDIA_ROOT, then a manifest with
versions, migrations, row counts and a SHA-256 checksum of every file."""


class BackupError(Exception):
    """A backup or restore cannot go on; the message says why, in German."""
