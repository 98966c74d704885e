"""Recalculate an xlsxwriter workbook's formulas with LibreOffice (see RECIPES.md, 7)."""

import shutil
import subprocess
import tempfile
from pathlib import Path

# LibreOffice's own default never recalculates OOXML files on load; this profile says "always".
ITEM = (
    '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
    '<prop oor:name="{name}" oor:op="fuse"><value>0</value></prop></item>'
)
XCU = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
    'xmlns:xs="http://www.w3.org/2001/XMLSchema">\n'
    + ITEM.format(name="OOXMLRecalcMode")
    + ITEM.format(name="ODFRecalcMode")
    + "\n</oor:items>"
)

SOFFICE = shutil.which("soffice")


def recalculate(data: bytes) -> Path:
    """Write the workbook, let LibreOffice recalculate it, return the recalculated file."""
    work = Path(tempfile.mkdtemp(prefix="recalc-"))
    source, outdir, profile = work / "in.xlsx", work / "out", work / "profile"
    source.write_bytes(data)
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(XCU)
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(outdir),
            str(source),
        ],
        check=True,
        timeout=180,
        capture_output=True,
    )
    result = outdir / "in.xlsx"
    assert result.exists(), "LibreOffice wrote no file"  # soffice exits 0 even on failure
    return result
