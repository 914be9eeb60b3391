"""Ids name one item forever, and every open handle searches what the file holds now."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from cardsmith.errors import CardsmithError
from cardsmith.library import Library
from cardsmith.library.schema import VERSION, schema_id
from cardsmith.model import Document, Metadata
from tests.library.conftest import TOPICS, HashEncoder, make_card

QUERIES = [text.split(".")[0] for text in TOPICS.values()]


def _open(path: Path) -> Library:
    return Library.open(path, encoder=HashEncoder())


def _top_ids(db: sqlite3.Connection) -> dict[str, int]:
    return {t: db.execute(f"SELECT COALESCE(MAX(id), 0) FROM {t}").fetchone()[0] for t in ("cards", "vectors")}


def test_the_newest_ids_are_not_reused_after_a_delete(lib: Library) -> None:
    first, newest = lib.add_cards([make_card("sanctions"), make_card("warming")], origin="a").ids
    vectors_before = _top_ids(lib.store.db)["vectors"]
    assert lib.delete(f"c{newest}")
    added = lib.add_cards([make_card("trade")], origin="b").ids[0]
    assert added > newest and lib.get_card(newest) is None
    db = lib.store.db
    assert db.execute("SELECT MIN(id) FROM vectors WHERE owner=?", (added,)).fetchone()[0] > vectors_before

    text = "Tariffs raise prices for every household. " * 3
    lib.add_document(Document(text=text, paragraphs=[(0, len(text))], metadata=Metadata()))
    (passage,) = [r[0] for r in db.execute("SELECT id FROM passages")]
    assert lib.delete(f"p{passage}")
    other = "Sanctions rarely work at all. " * 3
    lib.add_document(Document(text=other, paragraphs=[(0, len(other))], metadata=Metadata()))
    assert db.execute("SELECT MIN(id) FROM passages").fetchone()[0] > passage


def _answers(lib: Library) -> list[list[tuple[str, float]]]:
    return [[(h.id, round(h.score, 5)) for h in lib.search(q)] for q in QUERIES]


@pytest.mark.parametrize("deleted", [0, -1], ids=["oldest", "newest"])
def test_every_handle_sees_other_handles_deletes_and_additions(tmp_path: Path, deleted: int) -> None:
    path = tmp_path / "lib.sqlite"
    with _open(path) as writer, _open(path) as reader:
        ids = writer.add_cards([make_card(t) for t in ("sanctions", "warming", "nuclear")], origin="a").ids
        _answers(reader)  # the reader now holds the vectors in memory
        writer.delete(f"c{ids[deleted]}")
        writer.add_cards([make_card("schools"), make_card("trade")], origin="b")
        seen = _answers(reader)
        with _open(path) as fresh:
            assert seen == _answers(fresh)
    assert all(hit_id != f"c{ids[deleted]}" for hits in seen for hit_id, _ in hits)


def _as_version_1(path: Path) -> None:
    """Rewrite a library as version 1 stored it: the same tables, ids without AUTOINCREMENT."""
    _as_version_2(path)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("BEGIN")
    for name, sql in db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type='table' AND sql LIKE '%AUTOINCREMENT%'"
    ).fetchall():
        db.execute(re.sub(r"^CREATE TABLE [^(]+", "CREATE TABLE old ", sql).replace(" AUTOINCREMENT", ""))
        db.execute(f"INSERT INTO old SELECT * FROM {name}")
        db.execute(f"DROP TABLE {name}")
        db.execute(f"ALTER TABLE old RENAME TO {name}")
    db.execute("DELETE FROM sqlite_sequence")
    db.execute("UPDATE meta SET value=? WHERE key='schema'", (schema_id(1),))
    db.execute("COMMIT")
    db.close()


def test_a_version_1_file_is_upgraded_past_every_id_it_handed_out(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite"
    with _open(path) as lib:
        ids = lib.add_cards([make_card(t) for t in ("sanctions", "warming", "nuclear")], origin="a").ids
        lib.delete(f"c{ids[-1]}")  # the newest: version 1 would give its id to the next card
        before = _answers(lib)
    _as_version_1(path)
    (tmp_path / "lib.sqlite.usearch").write_bytes(b"stale index")
    assert Library.migrate(path)[0] == 2
    with _open(path) as lib:
        db = lib.store.db
        assert db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()[0] == schema_id(VERSION)
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert _answers(lib) == before
        assert lib.add_cards([make_card("trade")], origin="b").ids[0] > ids[-1]
    assert not (tmp_path / "lib.sqlite.usearch").exists()


@pytest.mark.parametrize("bad", ["c99999999999999999999", "p9223372036854775808", "c" + "9" * 5000, "c²"])
def test_ids_beyond_sqlite_integers_are_not_library_ids(lib: Library, bad: str) -> None:
    with pytest.raises(CardsmithError, match="not a library id"):
        lib.get_card(bad)
    with pytest.raises(CardsmithError, match="not a library id"):
        lib.delete(bad)


def _as_version_3(path: Path) -> None:
    """Rewrite a library as version 3 stored it: no card versions."""
    with sqlite3.connect(path, isolation_level=None) as db:
        db.execute("ALTER TABLE cards DROP COLUMN version")
        db.execute("UPDATE meta SET value=? WHERE key='schema'", (schema_id(3),))
    db.close()


def _as_version_2(path: Path) -> None:
    """Rewrite a library as version 2 stored it: no card formatting, no file layouts."""
    _as_version_3(path)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("ALTER TABLE cards DROP COLUMN formatting")
    db.execute("DROP TABLE origin_layout")
    db.execute("UPDATE meta SET value=? WHERE key='schema'", (schema_id(2),))
    db.close()
