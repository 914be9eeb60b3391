"""Random and truncated files of every supported format, fed to the real commands in a batch.

A seeded generator (same files on every run) breaks good files the ways downloads, email and
strangers' tools break them: truncation, flipped bytes, garbage behind a valid magic number, zips
whose members are damaged. Each command runs as a subprocess with a generous deadline, so a hang
fails the test instead of stalling the suite. Every bad file must cost one error line naming it
(never a traceback, never "unexpected error"), and the good file in the same batch must be done.
"""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.formats.docx_builder import cite, make_docx, p, r, tag
from tests.sources.make import make_pdf

#: Seconds a whole batch may take before it counts as a hang (far above its normal few seconds).
DEADLINE = 300
SEED = 20261202
ERROR = "cardsmith: error: "


def _text_sources() -> dict[str, bytes]:
    return {
        "txt": (ROOT / "samples" / "grid-storage.txt").read_bytes(),
        "md": (ROOT / "samples" / "water-scarcity.md").read_bytes(),
        "html": (ROOT / "samples" / "nuclear-deterrence.html").read_bytes(),
    }


def _verbatim_docx(tmp_path: Path) -> bytes:
    body = tag("Grid batteries make renewable power reliable") + cite("Okonkwo 24", "Maria Okonkwo, analyst, 2024")
    body += p(None, r("Batteries store solar power ", u=True), r("for the evening peak.", hl="yellow"))
    return make_docx(tmp_path / "verbatim.docx", body).read_bytes()


def _pdf(tmp_path: Path) -> bytes:
    lines = ["Grid batteries store solar power for the evening peak, operators said."] * 12
    return make_pdf(tmp_path / "source.pdf", [lines, lines]).read_bytes()


def _jsonl() -> bytes:
    card = {"tag": "Batteries help", "cite": "Lee 20 Bo Lee", "body": "Batteries store power.", "underline": [[0, 9]]}
    return (json.dumps(card) + "\n").encode() * 3


def _damaged_zip(data: bytes, rng: random.Random) -> bytes:
    """The same archive with one member's bytes garbled (a valid zip around broken XML)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        victim = rng.choice([n for n in names if n.endswith(".xml")])
        for name in names:
            member = src.read(name)
            if name == victim:
                cut = rng.randrange(len(member))
                member = member[:cut] + bytes(rng.randrange(256) for _ in range(16)) + member[cut + 16 :]
            dst.writestr(name, member)
    return out.getvalue()


#: Inputs built to hurt a parser: deep nesting (recursion), one huge line, NUL bytes.
HOSTILE = {
    ".html": [b"<html><body>" + b"<div>" * 100_000 + b"text" + b"</div>" * 100_000],
    ".md": [b"> " * 50_000 + b"quoted text\n", b"- " * 50_000 + b"item\n"],
    ".txt": [b"word " * 400_000, b"text\x00with\x00nuls " * 1000],
    ".jsonl": [b"[" * 100_000 + b"\n", b'{"tag": "x", "body": ' + b"[" * 100_000 + b"\n"],
}


def mutants(data: bytes, rng: random.Random, *, suffix: str, is_zip: bool = False) -> list[bytes]:
    """Broken copies of ``data``: truncations, byte flips, garbage behind the magic number."""
    out = [data[: int(len(data) * share)] for share in (0.02, 0.3, 0.7, 0.97)]
    out += HOSTILE.get(suffix, [])
    flipped = bytearray(data)
    for _ in range(12):
        flipped[rng.randrange(len(flipped))] = rng.randrange(256)
    out.append(bytes(flipped))
    out.append(data[:8] + rng.randbytes(max(64, len(data) // 4)))
    out.append(rng.randbytes(512))
    if is_zip:
        out.append(_damaged_zip(data, rng))
    return out


def write_batch(folder: Path, name: str, good: bytes, suffix: str, *, is_zip: bool = False) -> tuple[Path, list[Path]]:
    """The good file and its seeded mutants, written under ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"{SEED}-{name}")
    good_path = folder / f"good-{name}{suffix}"
    good_path.write_bytes(good)
    bad = []
    for i, data in enumerate(mutants(good, rng, suffix=suffix, is_zip=is_zip)):
        path = folder / f"bad-{name}-{i}{suffix}"
        path.write_bytes(data)
        bad.append(path)
    return good_path, bad


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", "from cardsmith.cli import main; main()", *args],
        capture_output=True, text=True, timeout=DEADLINE, cwd=ROOT, env=env, check=False,
    )


def check_errors(result: subprocess.CompletedProcess[str], batch: list[Path]) -> set[str]:
    """Every stderr line is one error naming one input of the batch; returns the names that failed."""
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert "unexpected error" not in result.stderr, result.stderr
    failed = set()
    for line in result.stderr.splitlines():
        assert line.startswith(ERROR), line
        named = [path.name for path in batch if str(path) in line]
        assert named, line
        failed.add(named[0])
    assert result.returncode == (1 if failed else 0), (result.returncode, result.stderr)
    return failed


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[Path]]]:
    """Per format: a good file and its broken copies."""
    root = tmp_path_factory.mktemp("fuzz")
    made = {kind: write_batch(root / kind, kind, data, f".{kind}") for kind, data in _text_sources().items()}
    made["pdf"] = write_batch(root / "pdf", "pdf", _pdf(root), ".pdf")
    made["docx"] = write_batch(root / "docx", "docx", _verbatim_docx(root), ".docx", is_zip=True)
    made["jsonl"] = write_batch(root / "jsonl", "jsonl", _jsonl(), ".jsonl")
    return made


@pytest.mark.parametrize("kind", ["txt", "md", "html", "pdf", "docx"])
def test_read_reports_each_bad_file_and_reads_the_good_one(corpus, kind: str) -> None:
    good, bad = corpus[kind]
    batch = [*bad[:3], good, *bad[3:]]
    result = run_cli("read", "--format", "json", "--no-text", *map(str, batch))
    failed = check_errors(result, batch)
    read = {Path(json.loads(line)["path"]).name for line in result.stdout.splitlines()}
    assert good.name in read
    assert read | failed == {path.name for path in batch}


@pytest.mark.parametrize("kind", ["docx", "jsonl"])
def test_import_reports_each_bad_file_and_imports_the_good_one(corpus, kind: str) -> None:
    good, bad = corpus[kind]
    batch = [*bad, good]
    result = run_cli("import", "--dry-run", "--json", *map(str, batch))
    failed = check_errors(result, batch)
    assert good.name not in failed
    rows = json.loads(result.stdout)["files"]
    assert [(Path(row["path"]).name, row["cards"] >= 1) for row in rows if row["path"] == str(good)] == [
        (good.name, True)
    ]


def test_verify_reports_each_bad_source_and_uses_the_good_one(corpus, tmp_path: Path) -> None:
    body = "Output rose and fell with the weather, and every megawatt of renewable capacity had to be shadowed"
    card = tmp_path / "card.txt"
    card.write_text(f"Batteries end the gas backup\nOkonkwo and Reyes 24\n{body}\n", encoding="utf-8")
    good = ROOT / "samples" / "grid-storage.txt"
    bad = [path for kind in ("txt", "html", "pdf", "docx") for path in corpus[kind][1][:4]]
    result = run_cli("verify", "--format", "json", str(card), *map(str, [*bad, good]))
    failed = check_errors(result, [*bad, good])
    assert good.name not in failed
    assert json.loads(result.stdout)["verdict"] == "verbatim"
