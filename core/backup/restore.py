"""Restore an archive: check it completely before anything is overwritten."""

import shutil
import tempfile
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _

from core.backup import BackupError
from core.backup.archive import MEDIA, archive_extract, vendor_module
from core.backup.files import files_below
from core.backup.manifest import row_counts, unknown_migrations


def target_is_empty(connection, media_root: Path) -> bool:
    return not connection.introspection.table_names() and not files_below(media_root)


def archive_restore(*, source: Path, connection, media_root: Path, force: bool) -> dict:
    """Replace the database and MEDIA_ROOT with the archive's; the old media folder is kept
    beside the new one (nothing is deleted)."""
    module = vendor_module(connection)
    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        manifest = archive_extract(source, root)
        _check_compatible(manifest, connection, module)
        if not force and not target_is_empty(connection, media_root):
            raise BackupError(
                _(
                    "Die Datenbank oder der Ordner der hochgeladenen Dateien ist nicht leer. "
                    "Die Wiederherstellung überschreibt alles; bitte mit --force bestätigen."
                )
            )
        if connection.in_atomic_block:
            raise BackupError(_("Die Wiederherstellung darf nicht in einer Transaktion laufen."))
        module.load(connection, root / manifest["database"]["file"])
        _replace_media(root / MEDIA, media_root)
    counts = row_counts(connection)
    if counts != manifest["tables"]:
        raise BackupError(_("Nach der Wiederherstellung stimmen die Zeilenzahlen nicht."))
    return manifest


def _check_compatible(manifest: dict, connection, module) -> None:
    if manifest.get("vendor") != connection.vendor:
        raise BackupError(
            _("Das Archiv stammt von %(archive)s, die Datenbank ist %(target)s.")
            % {"archive": manifest.get("vendor"), "target": connection.vendor}
        )
    if manifest["database"]["file"] != module.FILENAME:
        raise BackupError(_("Das Archiv enthält keine passende Datenbankkopie."))
    unknown = unknown_migrations(manifest)
    if unknown:
        raise BackupError(
            _(
                "Das Archiv stammt von einer neueren Programmversion (unbekannte Migrationen: "
                "%(names)s). Bitte zuerst den Code aktualisieren."
            )
            % {"names": ", ".join(unknown)}
        )


def _replace_media(extracted: Path, media_root: Path) -> None:
    if media_root.exists() and any(media_root.iterdir()):
        kept = media_root.with_name(
            f"{media_root.name}.vor-wiederherstellung-{timezone.now():%Y%m%d-%H%M%S}"
        )
        media_root.rename(kept)
    elif media_root.exists():
        media_root.rmdir()
    media_root.parent.mkdir(parents=True, exist_ok=True)
    if extracted.is_dir():
        shutil.move(extracted, media_root)
    else:
        media_root.mkdir()
