"""Listing and parsing, the pipeline's first stages, run here without Ray; Ray stays unloaded unless asked for."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from cardsmith.ingest.inputs import Input, list_inputs
from cardsmith.ingest.parse import FAILED, PARSED, SKIPPED, parse_rows
from cardsmith.ingest.writer import Writer
from cardsmith.library import Library, card_records
from cardsmith.model import Card
from tests.conftest import ROOT
from tests.library.conftest import HashEncoder


def rows(source: Input, done: frozenset[str] = frozenset()) -> list[dict]:
    return list(parse_rows({"path": source.path, "shown": source.shown, "origin": source.origin}, done))


def test_folders_are_listed_recursively_in_name_order_without_lock_files(corpus: Path) -> None:
    inputs, errors = list_inputs([corpus, corpus / "1nc.docx"])
    assert errors == []
    assert [Path(i.shown).relative_to(corpus).as_posix() for i in inputs] == [
        "1ac.docx", "1nc.docx", "broken.docx", "cards.jsonl", "season.zip", "round2/2ac.docx", "1nc.docx"]
    assert all(i.origin == str((corpus / Path(i.shown).relative_to(corpus)).resolve()) for i in inputs)


def test_an_archive_gives_a_row_per_card_file_named_inside_it(corpus: Path) -> None:
    (archive,) = list_inputs([corpus / "season.zip"])[0]
    got = rows(archive)
    assert [row["shown"] for row in got] == [f"{corpus / 'season.zip'}!/block/a.docx",
                                             f"{corpus / 'season.zip'}!/block/b.docx"]
    assert [row["status"] for row in got] == [PARSED, PARSED]
    cards = [item for item in pickle.loads(got[0]["items"]) if isinstance(item, Card)]
    assert len(cards) == 2 and {card.source.path for card in cards} == {got[0]["shown"]}
    assert got[1]["origin"] == f"{(corpus / 'season.zip').resolve()}!/block/b.docx"


def test_a_bad_file_or_archive_is_one_row_with_one_line(corpus: Path, tmp_path: Path) -> None:
    (broken,) = list_inputs([corpus / "broken.docx"])[0]
    (row,) = rows(broken)
    assert row["status"] == FAILED
    assert row["message"] == f"{corpus / 'broken.docx'}: not a .docx file (not a zip archive)"
    for data, reason in ((b"PK\x03\x04 damaged", "damaged ZIP container"), (b"PK\x05\x06" + b"\0" * 18, "no .docx")):
        (tmp_path / "season.zip").write_bytes(data)
        (row,) = rows(list_inputs([tmp_path / "season.zip"])[0][0])
        assert row["status"] == FAILED and row["message"].startswith(f"{tmp_path / 'season.zip'}: {reason}")
    missing = list_inputs([tmp_path / "gone.docx"])[0][0]
    assert rows(missing)[0]["message"] == f"{tmp_path / 'gone.docx'}: no such file"


def test_a_file_already_imported_is_skipped_by_its_content(corpus: Path, tmp_path: Path) -> None:
    (source,) = list_inputs([corpus / "1ac.docx"])[0]
    (first,) = rows(source)
    copy = tmp_path / "renamed.docx"
    copy.write_bytes((corpus / "1ac.docx").read_bytes())
    (again,) = rows(list_inputs([copy])[0][0], frozenset({first["hash"]}))
    assert again["status"] == SKIPPED and again["items"] == b""


def test_the_library_records_imported_files(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib.sqlite") as lib:
        lib.store.mark_imported([("h1", "/a.docx"), ("h2", "/b.docx")])
        lib.store.mark_imported([("h1", "/a.docx")])
        assert lib.store.imported_files() == {"h1", "h2"}


@pytest.mark.slow
def test_the_postgres_library_records_imported_files(postgres, tmp_path: Path) -> None:
    with Library.open(postgres.database(tmp_path)) as lib:
        lib.store.mark_imported([("h1", "/a.docx"), ("h2", "/b.docx")])
        lib.store.mark_imported([("h1", "/a.docx")])
        assert lib.store.imported_files() == {"h1", "h2"}


def loaded(code: str) -> set[str]:
    """Top-level modules imported after running ``code`` in a fresh interpreter."""
    probe = f"{code}\nimport sys, json; print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    return set(json.loads(out.stdout.splitlines()[-1]))


def test_ray_is_loaded_only_by_an_import_that_asks_for_it(corpus: Path) -> None:
    heavy = {"ray", "pyarrow", "pandas"}
    assert loaded("import cardsmith.cli, cardsmith.ingest") & heavy == set()
    dry_run = f"from cardsmith.cli import cli\ntry:\n    cli(['import', {str(corpus / '1ac.docx')!r}, '--dry-run'])\n"
    assert loaded(dry_run + "except SystemExit:\n    pass") & heavy == set()


def test_a_file_the_encoder_fails_on_is_one_line_and_the_others_are_embedded(corpus: Path, monkeypatch) -> None:
    import pyarrow as pa

    import cardsmith.library as library_module
    from cardsmith.ingest.vectors import Embedder

    real = library_module.card_records

    def fragile(cards, encoder, known=frozenset()):
        if any("Drone" in card.body for card in cards):
            raise ValueError("cannot embed drones")
        return real(cards, encoder, known)

    monkeypatch.setattr(library_module, "card_records", fragile)
    parsed = [row for name in ("1ac.docx", "season.zip") for row in rows(list_inputs([corpus / name])[0][0])]
    out = Embedder()(pa.Table.from_pylist(parsed)).to_pylist()
    assert [row["status"] for row in out] == [PARSED, FAILED, PARSED]  # season.zip's a.docx has the drone card
    assert out[1]["message"] == (f"{corpus / 'season.zip'}!/block/a.docx: unexpected error while embedding"
                                 " (ValueError: cannot embed drones); please report it")
    records, _ = pickle.loads(out[0]["records"])
    assert len(records) == 4 and all(record.vectors for record in records[:3]) and records[3].vectors == []


def test_a_file_the_library_refuses_is_one_line_and_the_others_are_stored(corpus: Path, tmp_path: Path,
                                                                         monkeypatch) -> None:
    lines: list[str] = []
    with Library.open(tmp_path / "lib.sqlite", encoder=HashEncoder()) as lib:
        real = lib.write_cards

        def refusing(records, origin, layout=None):
            if origin.endswith("1nc.docx"):
                raise RuntimeError("constraint failed")
            return real(records, origin, layout)

        monkeypatch.setattr(lib, "write_cards", refusing)
        writer = Writer(lib, lines.append)
        for name in ("1ac.docx", "1nc.docx"):
            (row,) = rows(list_inputs([corpus / name])[0][0])
            cards = [item for item in pickle.loads(row["items"]) if isinstance(item, Card)]
            records = card_records(cards, HashEncoder())
            writer.write({**row, "records": pickle.dumps((records, [])), "cards": len(cards), "embed_s": 0.0,
                          "model": "test-hash"})
        writer.flush()
        assert lines == [f"{corpus / '1nc.docx'}: unexpected error (RuntimeError: constraint failed); please report it"]
        assert writer.totals.files == 1 and writer.totals.failed == 1 and lib.stats()["cards"] == 3
        assert len(lib.store.imported_files()) == 1

