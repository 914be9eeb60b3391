"""`cardsmith import --workers N` on a local Ray makes the library one process makes, and resumes."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from cardsmith.cli import cli
from cardsmith.ingest import pipeline, writer
from cardsmith.ingest.inputs import list_inputs
from cardsmith.library import Library
from tests.ingest.conftest import library_rows

pytestmark = [
    pytest.mark.slow,
    # Ray Data's own notes (its deprecated settings; fewer inputs than actors): not this code's.
    pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.*"),
    pytest.mark.filterwarnings("ignore:The minimum number of concurrent actors:UserWarning"),
]

FILES = ["1ac.docx", "1nc.docx", "round2/2ac.docx", "cards.jsonl", "broken.docx"]


def broken_line(corpus: Path) -> str:
    return f"cardsmith: error: {corpus / 'broken.docx'}: not a .docx file (not a zip archive)"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def in_process(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list]:
    """The reference: the same files imported in one process, as before this pipeline existed."""
    path = tmp_path_factory.mktemp("reference") / "lib.sqlite"
    result = run("import", *(str(corpus / name) for name in FILES), "--library", str(path), "--json")
    assert result.stderr.splitlines() == [broken_line(corpus)]
    return library_rows(path)


def assert_same(got: dict[str, list], want: dict[str, list]) -> None:
    """Same cards, counts, origins and layouts; vectors equal to float16 storage precision."""
    for part in ("cards", "origins", "layout"):
        assert got[part] == want[part], part
    assert [(key, field) for key, field, _ in got["vectors"]] == [(key, field) for key, field, _ in want["vectors"]]
    for (_, _, a), (_, _, b) in zip(got["vectors"], want["vectors"], strict=True):
        np.testing.assert_allclose(np.frombuffer(a, np.float16), np.frombuffer(b, np.float16), atol=2e-3)


def test_two_workers_make_the_library_one_process_makes(ray_local, corpus, in_process, tmp_path) -> None:
    path = tmp_path / "lib.sqlite"
    result = run("import", *(str(corpus / name) for name in FILES), "--library", str(path), "--workers", "2",
                 "--json")
    assert result.exit_code == 1  # the broken file: one line, the same as in one process; the others are stored
    assert result.stderr.splitlines() == [broken_line(corpus)]
    total = json.loads(result.stdout)["total"]
    assert total == {"files": 4, "cards": 11, "added": 7, "duplicates": 4, "skipped": 0, "failed": 1}
    assert_same(library_rows(path), in_process)

    again = run("import", *(str(corpus / name) for name in FILES), "--library", str(path), "--workers", "2",
                "--json")
    assert json.loads(again.stdout)["total"] == {"files": 0, "cards": 0, "added": 0, "duplicates": 0,
                                                  "skipped": 4, "failed": 1}
    assert_same(library_rows(path), in_process)


def test_a_killed_import_loses_at_most_the_files_in_flight(ray_local, corpus, in_process, tmp_path,
                                                           monkeypatch) -> None:
    path = tmp_path / "lib.sqlite"
    monkeypatch.setattr(writer, "MARK_EVERY", 2)
    inputs, _ = list_inputs([corpus / name for name in FILES])
    with Library.open(path) as lib:
        killed = writer.Writer(lib, report=lambda line: None)
        for n, row in enumerate(pipeline.rows(inputs, set(), 2)):
            killed.write(row)
            if n == 2:
                break  # the driver dies: the third file is stored, its hash not yet recorded
    result = run("import", *(str(corpus / name) for name in FILES), "--library", str(path), "--workers", "2",
                 "--json")
    total = json.loads(result.stdout)["total"]
    assert total["skipped"] == 2 and total["files"] == 2 and total["failed"] == 1
    assert_same(library_rows(path), in_process)


def test_folders_and_archives_are_read_recursively(ray_local, corpus, tmp_path) -> None:
    path = tmp_path / "lib.sqlite"
    result = run("import", str(corpus), "--library", str(path), "--workers", "2", "--json")
    report = json.loads(result.stdout)
    names = [Path(row["path"]).relative_to(corpus).as_posix() for row in report["files"]]
    assert names == ["1ac.docx", "1nc.docx", "cards.jsonl", "season.zip!/block/a.docx", "season.zip!/block/b.docx",
                     "round2/2ac.docx"]
    assert report["total"]["failed"] == 1 and "~$" not in result.stderr
    with Library.open(path) as lib:
        origins = {origin for origin, _, _ in lib.store.layouts()}
    assert str(corpus.resolve() / "season.zip") + "!/block/b.docx" in origins


def test_a_postgres_library_gets_the_same_cards(ray_local, postgres, corpus, tmp_path) -> None:
    url = postgres.database(tmp_path)
    result = run("import", *(str(corpus / name) for name in FILES), "--library", url, "--workers", "2", "--json")
    assert json.loads(result.stdout)["total"] == {"files": 4, "cards": 11, "added": 7, "duplicates": 4,
                                                   "skipped": 0, "failed": 1}
    with Library.open(url) as lib:
        assert lib.stats()["cards"] == 7 and len(lib.store.imported_files()) == 4
