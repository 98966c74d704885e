"""manage.py backup / restore: a round trip gives the same database and the same files, on
SQLite and on PostgreSQL (whichever DATABASE_URL selects; only the test database is used)."""

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from applicants.models import Organisation
from grants.models import Attachment
from tests.budgeting.privacy_data import closed_grant
from tests.factories import MembershipFactory, UserFactory

# Outside a transaction, as the commands run (they refuse inside one); the flush after each
# test restores the migrated data.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def table_rows() -> dict[str, list[str]]:
    """Every row of every table, as sorted text (independent of the order on disk)."""
    snapshot = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows = [
                repr(tuple(bytes(v) if isinstance(v, memoryview) else v for v in row))
                for row in cursor.fetchall()
            ]
            snapshot[table] = sorted(rows)
    return snapshot


def media_files() -> dict[str, str]:
    root = Path(settings.MEDIA_ROOT)
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def some_data():
    applicant = UserFactory()
    organisation = MembershipFactory(user=applicant, role="admin").organisation
    clerk = UserFactory(is_staff=True)
    return closed_grant(applicant=applicant, organisation=organisation, clerk=clerk)


def backup(tmp_path) -> Path:
    call_command("backup", "--output", str(tmp_path))
    (archive,) = tmp_path.glob("foerdertal-backup-*.tar.gz")
    return archive


def test_a_round_trip_gives_the_same_database_and_the_same_files(tmp_path):
    some_data()
    rows, files = table_rows(), media_files()
    assert rows["grants_application"] and files
    archive = backup(tmp_path)
    assert archive.stat().st_mode & 0o777 == 0o600

    UserFactory(email="nachher@example.org")
    Organisation.objects.update(name="Nach der Sicherung geändert")
    Attachment.objects.get().file.delete(save=False)
    (Path(settings.MEDIA_ROOT) / "neu.txt").write_text("nach der Sicherung")
    assert table_rows() != rows and media_files() != files

    call_command("restore", str(archive), "--force")

    assert table_rows() == rows
    assert media_files() == files
    kept = list(Path(settings.MEDIA_ROOT).parent.glob("media.vor-wiederherstellung-*"))
    assert len(kept) == 1 and (kept[0] / "neu.txt").exists()  # nothing deleted


def read_archive(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive, "r:gz") as tar:
        return {member.name: tar.extractfile(member).read() for member in tar}


def write_archive(archive: Path, members: dict[str, bytes]) -> None:
    with tarfile.open(archive, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def test_the_manifest_names_date_versions_migrations_vendor_and_checksums(tmp_path):
    some_data()
    members = read_archive(backup(tmp_path))
    manifest = json.loads(members.pop("manifest.json"))

    assert manifest["vendor"] == connection.vendor
    assert manifest["django_version"].startswith("6.1")
    assert manifest["created_at"]
    assert "0001_initial" in manifest["migrations"]["core"]
    assert manifest["tables"]["grants_application"] == 1
    assert set(manifest["files"]) == set(members)
    for name, data in members.items():
        assert manifest["files"][name]["sha256"] == hashlib.sha256(data).hexdigest()


def test_restore_asks_for_force_before_overwriting_a_database_with_data(tmp_path):
    archive = backup(tmp_path)
    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(archive))


def test_restore_refuses_an_archive_of_another_database_vendor(tmp_path):
    archive = backup(tmp_path)
    members = read_archive(archive)
    manifest = json.loads(members["manifest.json"])
    manifest["vendor"] = "mysql" if connection.vendor != "mysql" else "sqlite"
    members["manifest.json"] = json.dumps(manifest).encode()
    write_archive(archive, members)
    with pytest.raises(CommandError, match="Das Archiv stammt von mysql"):
        call_command("restore", str(archive), "--force")


def test_restore_refuses_an_archive_with_a_wrong_checksum(tmp_path):
    some_data()
    archive = backup(tmp_path)
    members = read_archive(archive)
    name = next(name for name in members if name.startswith("media/"))
    members[name] = members[name] + b"changed"
    write_archive(archive, members)
    with pytest.raises(CommandError, match="Prüfsumme falsch"):
        call_command("restore", str(archive), "--yes")


def test_restore_refuses_data_newer_than_the_code(tmp_path):
    archive = backup(tmp_path)
    members = read_archive(archive)
    manifest = json.loads(members["manifest.json"])
    manifest["migrations"]["grants"].append("9999_from_the_future")
    members["manifest.json"] = json.dumps(manifest).encode()
    write_archive(archive, members)
    with pytest.raises(CommandError, match="9999_from_the_future"):
        call_command("restore", str(archive), "--force")


def test_restore_refuses_paths_outside_the_archive(tmp_path):
    archive = tmp_path / "boese.tar.gz"
    write_archive(archive, {"../../etc/passwd": b"x", "manifest.json": b"{}"})
    with pytest.raises(CommandError, match="Unerwarteter Eintrag"):
        call_command("restore", str(archive), "--force")
