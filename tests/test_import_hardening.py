"""Files from strangers through the real commands: one crafted or broken file costs one error line
naming it, never the machine, a hang, the rest of the batch, or what is already stored."""

from __future__ import annotations

import errno
import json
import os
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from fastapi.testclient import TestClient

import cardsmith.library as library_module
from cardsmith.cli import cli
from cardsmith.library import Library
from cardsmith.library.sqlite import SQLiteStore
from cardsmith.model import Document
from cardsmith.web import create_app
from tests.formats.docx_builder import cite, make_docx, p, r, tag
from tests.library.conftest import HashEncoder
from tests.sources.hostile import MB, fed_fifo, with_member, zip_of
from tests.sources.make import make_pdf

ERROR = "cardsmith: error: "
BOMB_REFUSAL = "refused: word/document.xml would inflate to 300 MB (limit 64 MB)"
STOPPED = "stopped here, the files before it are stored"
is_root = getattr(os, "geteuid", lambda: -1)() == 0


@pytest.fixture(scope="module")
def good_docx(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    body = tag("Grid batteries make renewable power reliable") + cite("Okonkwo 24", "Maria Okonkwo, analyst, 2024")
    body += p(None, r("Batteries store solar power ", u=True), r("for the evening peak.", hl="yellow"))
    return make_docx(tmp_path_factory.mktemp("docx") / "card.docx", body).read_bytes()


@pytest.fixture(scope="module")
def bomb(good_docx: bytes) -> bytes:
    """A .docx of about 300 KB whose document.xml inflates to 300 MB of zeros."""
    return with_member(good_docx, "word/document.xml", 300 * MB)


@pytest.fixture
def encoder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(library_module, "default_encoder", HashEncoder)


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def cards_jsonl(path: Path, count: int, word: str = "batteries", body_words: int = 8) -> Path:
    lines = [
        json.dumps({"tag": f"{word} {i}", "cite": "Lee 20 Bo Lee", "body": f"{word} number {i} " * body_words})
        for i in range(count)
    ]
    return write(path, "\n".join(lines) + "\n")


def invoke(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def errors(result: Result) -> list[str]:
    """stderr's lines; each must be one error (no traceback, no "unexpected error")."""
    lines = result.stderr.splitlines()
    assert all(line.startswith(ERROR) and "unexpected error" not in line for line in lines), result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return [line.removeprefix(ERROR) for line in lines]


# --- zip bombs -----------------------------------------------------------------------------------


def test_read_refuses_a_zip_bomb_in_one_line(tmp_path: Path, bomb: bytes, good_docx: bytes) -> None:
    bad, good = write(tmp_path / "x.docx", bomb), write(tmp_path / "good.docx", good_docx)
    result = invoke("read", "--format", "json", "--no-text", bad, good)
    assert errors(result) == [f"{bad}: {BOMB_REFUSAL}"]
    assert [json.loads(line)["path"] for line in result.stdout.splitlines()] == [str(good)]
    assert result.exit_code == 1


def test_import_refuses_a_zip_bomb_and_imports_the_rest(tmp_path: Path, bomb: bytes, good_docx: bytes) -> None:
    bad, good = write(tmp_path / "x.docx", bomb), write(tmp_path / "good.docx", good_docx)
    result = invoke("import", "--dry-run", "--json", bad, good)
    assert errors(result) == [f"{bad}: {BOMB_REFUSAL}"]
    assert [row["path"] for row in json.loads(result.stdout)["files"]] == [str(good)]


def test_uploaded_zip_bomb_is_refused(tmp_path: Path, bomb: bytes) -> None:
    with TestClient(create_app(tmp_path / "lib.sqlite"), raise_server_exceptions=False) as client:
        answer = client.post("/api/docx/cards", files={"file": ("x.docx", bomb)})
    assert (answer.status_code, answer.json()["detail"]) == (422, f"x.docx: {BOMB_REFUSAL}")


# --- pipes, devices, missing and unreadable files ----------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
@pytest.mark.parametrize("name", ["p.docx", "p.jsonl"])
def test_import_refuses_a_named_pipe_without_waiting(tmp_path: Path, name: str) -> None:
    good = cards_jsonl(tmp_path / "good.jsonl", 2)
    with fed_fifo(tmp_path / name) as pipe:
        result = invoke("import", "--dry-run", "--json", pipe, good)
    assert errors(result) == [f"{pipe}: not a regular file (device, pipe or socket)"]
    assert json.loads(result.stdout)["total"]["cards"] == 2


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null on this system")
@pytest.mark.parametrize("command", ["import", "export"])
def test_a_link_to_a_device_is_refused(tmp_path: Path, command: str) -> None:
    """/dev/null, not /dev/zero: a regression then reads nothing and fails, instead of filling memory
    (the shared reader's own test covers an endless device under a small cap)."""
    link = tmp_path / "z.jsonl"
    link.symlink_to("/dev/null")
    result = invoke(command, link, *(["--dry-run"] if command == "import" else ["-f", "jsonl"]))
    assert errors(result) == [f"{link}: not a regular file (device, pipe or socket)"]


@pytest.mark.parametrize("command", ["import", "export", "read"])
def test_a_missing_file_among_good_ones_is_reported_per_file(tmp_path: Path, good_docx: bytes, command: str) -> None:
    good, missing = write(tmp_path / "good.docx", good_docx), tmp_path / "missing.docx"
    extra = {"import": ["--dry-run"], "export": ["-f", "jsonl"], "read": ["--no-text"]}[command]
    result = invoke(command, missing, good, *extra)
    assert (result.exit_code, errors(result)) == (1, [f"{missing}: no such file"])
    assert str(good) in result.stdout


@pytest.mark.skipif(is_root, reason="root reads files whatever their permissions")
def test_an_unreadable_file_among_good_ones_is_reported_per_file(tmp_path: Path) -> None:
    locked, good = cards_jsonl(tmp_path / "u.jsonl", 1), cards_jsonl(tmp_path / "good.jsonl", 2)
    locked.chmod(0)
    result = invoke("import", "--dry-run", locked, good)
    assert (result.exit_code, errors(result)) == (1, [f"{locked}: permission denied"])
    assert "good.jsonl: 2 cards" in result.stdout


# --- broken files ---------------------------------------------------------------------------------


def _broken(tmp_path: Path, good_docx: bytes) -> list[Path]:
    """Truncated and random-bytes files of each kind read or imported (seeded: the same every run)."""
    rng = random.Random(7)
    pdf = make_pdf(tmp_path / "source.pdf", [["Batteries store solar power for the evening peak."] * 8]).read_bytes()
    jsonl = cards_jsonl(tmp_path / "source.jsonl", 3).read_bytes()
    sheet = zip_of({"xl/workbook.xml": b"<workbook/>" * 50})
    files = []
    for suffix, data in ((".docx", good_docx), (".pdf", pdf), (".jsonl", jsonl), (".zip", sheet)):
        for i, broken in enumerate((data[: len(data) // 2], data[:6] + rng.randbytes(3000), rng.randbytes(3000))):
            files.append(write(tmp_path / f"bad{i}{suffix}", broken))
    files.append(write(tmp_path / "deep.jsonl", "[" * 100_000 + "\n"))  # deeper than the JSON parser's stack
    return files


@pytest.mark.parametrize("command", ["read", "import"])
def test_truncated_and_random_files_cost_one_line_each(tmp_path: Path, good_docx: bytes, command: str) -> None:
    bad = _broken(tmp_path, good_docx)
    good = write(tmp_path / "good.docx", good_docx)
    result = invoke(command, *bad, good, *(["--dry-run"] if command == "import" else ["--no-text"]))
    lines = errors(result)
    assert str(good) in result.stdout and str(good) not in result.stderr
    for line in lines:
        assert sum(line.startswith(f"{path}: ") for path in bad) == 1, line


# --- a full disk -----------------------------------------------------------------------------------


def _fail_second_write(monkeypatch: pytest.MonkeyPatch, make_full: Callable[[SQLiteStore], None]) -> list[str]:
    """Make the second file's write hit a full disk; returns the origins the store was asked to write."""
    original = SQLiteStore.add_cards
    calls: list[str] = []

    def add_cards(self: SQLiteStore, records: list, origin: str, *rest: object) -> object:
        calls.append(origin)
        if len(calls) == 2:
            make_full(self)
        return original(self, records, origin, *rest)

    monkeypatch.setattr(SQLiteStore, "add_cards", add_cards)
    return calls


def _no_space(_: SQLiteStore) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _no_more_pages(store: SQLiteStore) -> None:
    """A real SQLite "database or disk is full": the file may not grow by another page."""
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")


@pytest.mark.parametrize(("make_full", "reason"), [(_no_space, "No space left on device"),
                                                   (_no_more_pages, "database or disk is full")])
def test_a_full_disk_stops_the_import_and_keeps_what_was_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoder: None, make_full: Callable, reason: str
) -> None:
    files = [cards_jsonl(tmp_path / f"{name}.jsonl", 3, name, body_words=400) for name in ("a", "b", "c")]
    calls = _fail_second_write(monkeypatch, make_full)
    library = tmp_path / "lib.sqlite"
    result = invoke("import", *files, "--library", library)
    assert result.exit_code == 1
    assert errors(result) == [f"{files[1]}: disk full ({reason}); {STOPPED}"]
    assert len(calls) == 2  # c.jsonl was never read nor embedded
    monkeypatch.undo()
    with Library.open(library, encoder=HashEncoder()) as lib:
        assert lib.stats()["cards"] == 3
        assert sorted(c.tag for c in lib.list_cards(0, 10)) == ["a 0", "a 1", "a 2"]


def test_a_full_disk_stops_add(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoder: None) -> None:
    files = [write(tmp_path / f"{name}.txt", f"Batteries in {name} store solar power for the evening peak.\n")
             for name in ("a", "b", "c")]
    original = SQLiteStore.add_source
    calls: list[Path] = []

    def add_source(self: SQLiteStore, doc: Document, key: str, passages: list) -> int:
        calls.append(doc.path)
        if len(calls) == 2:
            _no_space(self)
        return original(self, doc, key, passages)

    monkeypatch.setattr(SQLiteStore, "add_source", add_source)
    result = invoke("add", *files, "--library", tmp_path / "lib.sqlite")
    assert errors(result) == [f"{files[1]}: disk full (No space left on device); {STOPPED}"]
    assert (result.exit_code, result.stdout, len(calls)) == (1, f"{files[0]}: source 1\n", 2)


# --- export output ---------------------------------------------------------------------------------


@pytest.mark.parametrize("existing", [None, b"earlier export"])
def test_export_writes_nothing_when_every_input_failed(tmp_path: Path, existing: bytes | None) -> None:
    out = tmp_path / "out.docx"
    if existing is not None:
        out.write_bytes(existing)
    result = invoke("export", tmp_path / "missing.jsonl", write(tmp_path / "bad.jsonl", "not json\n"), "-o", out)
    assert result.exit_code == 1 and len(errors(result)) == 2
    assert (out.read_bytes() if out.exists() else None) == existing
    assert invoke("export", tmp_path / "missing.jsonl", "-f", "jsonl").stdout == ""


def test_export_never_leaves_half_an_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source, out = cards_jsonl(tmp_path / "cards.jsonl", 2), write(tmp_path / "out.jsonl", "earlier export\n")

    def full_disk(*_: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("cardsmith.cli.docx.os.replace", full_disk)
    result = invoke("export", source, "-f", "jsonl", "-o", out)
    assert (result.exit_code, errors(result)) == (1, [f"{out}: cannot write (No space left on device)"])
    assert out.read_text() == "earlier export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cards.jsonl", "out.jsonl"]
    monkeypatch.undo()
    assert invoke("export", source, "-f", "jsonl", "-o", out).exit_code == 0
    assert len(out.read_text().splitlines()) == 2


# --- origins -------------------------------------------------------------------------------------------


def test_the_same_file_by_relative_and_absolute_path_is_one_origin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoder: None
) -> None:
    cards_jsonl(tmp_path / "cards.jsonl", 2)
    library = tmp_path / "lib.sqlite"
    monkeypatch.chdir(tmp_path)
    assert invoke("import", "cards.jsonl", "--library", library).exit_code == 0
    again = invoke("import", tmp_path / "cards.jsonl", "--library", library, "--json")
    assert json.loads(again.stdout)["total"]["duplicates"] == 2
    with Library.open(library, encoder=HashEncoder()) as lib:
        assert lib.stats()["card_occurrences"] == 2
        assert lib.origins("c1") == [str((tmp_path / "cards.jsonl").resolve())]
    assert sqlite3.connect(library).execute("SELECT MAX(count) FROM cards").fetchone()[0] == 1
