"""Production's static files: collectstatic with the manifest storage (hashed names, every
reference of a CSS file checked) succeeds and leaves out the node_modules of packages."""

from django.core.management import call_command
from django.test import override_settings

MANIFEST = {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}


def test_collectstatic_with_the_manifest_storage_of_production(settings, tmp_path):
    with override_settings(
        STATIC_ROOT=tmp_path, STORAGES={**settings.STORAGES, "staticfiles": MANIFEST}
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "staticfiles.json").exists()
    assert (tmp_path / "css" / "foerdertal.css").exists()
    assert not list(tmp_path.rglob("node_modules"))
