"""LibreOffice from the tests: convert a file headless, in a profile of the test's own (so tests and
other users' LibreOffice never share a lock); the test is skipped where it is not installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def convert(path: Path, to: str) -> Path:
    """``path`` converted beside it by ``soffice --convert-to`` (``"pdf"``, ``"docx:MS Word 2007 XML"``)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer")
    folder = path.parent
    result = subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{folder}/profile",
            "--convert-to",
            to,
            "--outdir",
            str(folder),
            str(path),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    out = path.with_suffix("." + to.split(":")[0])
    assert result.returncode == 0 and out.exists(), result.stderr
    return out
