"""The command starts fast because it loads heavy libraries only in the commands that use them.

Checked by what is imported, not by a clock (benchmarks/startup.py prints the times).
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT

HEAVY = ("fastapi", "uvicorn", "numpy", "onnxruntime", "trafilatura", "docx", "pypdfium2", "pypdf", "tqdm", "httpx")


def loaded_after(code: str) -> set[str]:
    """Top-level packages of the heavy list that are imported after running ``code``."""
    probe = f"import sys\n{code}\nimport json; print(json.dumps(sorted(set(m.split('.')[0] for m in sys.modules))))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    return set(json.loads(out.stdout.splitlines()[-1])) & set(HEAVY)


def test_help_and_version_load_no_heavy_library() -> None:
    assert loaded_after("import cardsmith.cli") == set()
    code = "from cardsmith.cli import cli\ntry:\n    cli(['--help'])\nexcept SystemExit:\n    pass"
    assert loaded_after(code) == set()


def test_reading_a_text_file_loads_no_web_model_or_other_reader() -> None:
    sample = ROOT / "samples" / "grid-storage.txt"
    code = f"from cardsmith.cli import cli\ntry:\n    cli(['read', {str(sample)!r}])\nexcept SystemExit:\n    pass"
    assert loaded_after(code) == set()
