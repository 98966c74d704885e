"""Write and read the backup archive."""

import io
import json
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.utils import timezone
from django.utils.translation import gettext as _

from core.backup import BackupError, postgresql, sqlite
from core.backup.files import HashingReader, files_below, open_private, sha256_of
from core.backup.manifest import manifest_build

VENDORS = {"sqlite": sqlite, "postgresql": postgresql}
MANIFEST = "manifest.json"
MEDIA = "media"


def vendor_module(connection):
    try:
        return VENDORS[connection.vendor]
    except KeyError:
        raise BackupError(
            _("Die Datenbank %(vendor)s wird nicht unterstützt (nur SQLite und PostgreSQL).")
            % {"vendor": connection.vendor}
        ) from None


def archive_path(output: Path) -> Path:
    """A directory gets a file named by the time; a file name is taken as it is."""
    if output.is_dir():
        return output / f"foerdertal-backup-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
    return output


def archive_write(*, connection, media_root: Path, output: Path) -> tuple[Path, dict]:
    """Database first (a snapshot), then the media files, then the manifest."""
    module = vendor_module(connection)
    if connection.in_atomic_block:
        raise BackupError(_("Die Sicherung darf nicht in einer Transaktion laufen."))
    target = archive_path(output)
    partial = target.with_name(target.name + ".part")
    checksums: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as work:
        database = Path(work) / module.FILENAME
        module.dump(connection, database)
        with open_private(partial) as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            _add(tar, database, module.FILENAME, checksums)
            for path in files_below(media_root):
                name = str(PurePosixPath(MEDIA, *path.relative_to(media_root).parts))
                _add(tar, path, name, checksums)
            manifest = manifest_build(connection, database_file=module.FILENAME, files=checksums)
            data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(data), int(timezone.now().timestamp()), 0o600
            tar.addfile(info, io.BytesIO(data))
    partial.replace(target)
    return target, manifest


def _add(tar, path: Path, name: str, checksums: dict) -> None:
    info = tar.gettarinfo(path, arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with path.open("rb") as stream:
        reader = HashingReader(stream)
        tar.addfile(info, reader)
    checksums[name] = {"sha256": reader.sha256.hexdigest(), "size": reader.size}


def archive_extract(source: Path, into: Path) -> dict:
    """Unpack (refusing paths outside the archive) and check every checksum."""
    try:
        with tarfile.open(source, mode="r:gz") as tar:
            for member in tar:
                _check_member(member)
                tar.extract(member, into, filter="data")
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(_("Das Archiv ist nicht lesbar: %(error)s") % {"error": error}) from None
    manifest_file = into / MANIFEST
    if not manifest_file.is_file():
        raise BackupError(_("Das Archiv enthält kein Manifest (manifest.json)."))
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    _verify(manifest, into)
    return manifest


def _check_member(member) -> None:
    name = PurePosixPath(member.name)
    allowed = name.name == MANIFEST or name.parts[0] in (MEDIA, *_database_files())
    if not allowed or not (member.isfile() or member.isdir()):
        raise BackupError(_("Unerwarteter Eintrag im Archiv: %(name)s") % {"name": member.name})


def _database_files():
    return [module.FILENAME for module in VENDORS.values()]


def _verify(manifest: dict, root: Path) -> None:
    listed = manifest.get("files", {})
    present = {
        str(PurePosixPath(*path.relative_to(root).parts))
        for path in files_below(root)
        if path.name != MANIFEST or path.parent != root
    }
    if present != set(listed):
        raise BackupError(_("Die Dateien im Archiv stimmen nicht mit dem Manifest überein."))
    for name, expected in listed.items():
        if sha256_of(root / name) != expected["sha256"]:
            raise BackupError(
                _("Prüfsumme falsch: %(name)s – das Archiv ist beschädigt.") % {"name": name}
            )
