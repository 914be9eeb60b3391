"""Numbered upgrades of a library file, applied in order by ``cardsmith migrate``.

A library is never changed behind its owner's back: opening a file of an older version fails with
an error naming both versions and the command to run. Migrating first copies the file aside
(``LIBRARY.vN.bak``, through SQLite's backup API so a live WAL is included), then applies each
step N-1 → N in its own transaction: an interrupted migration leaves the file at the last version
it completed. A step is written against the file as that version left it, never against the
current table definitions, so later versions cannot change what an old step does.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

from cardsmith.errors import CardsmithError
from cardsmith.library.schema import VERSION, schema_id, version_of

Step = Callable[[sqlite3.Connection, Path], None]

#: Tables whose ids leave the library (``c12``, ``p7``, sources, vectors).
_ID_TABLES = ("sources", "passages", "cards", "vectors")


def _ids_never_reused(db: sqlite3.Connection, path: Path) -> None:
    """1 → 2: ids get AUTOINCREMENT, so the id of a deleted newest card is never handed out again.

    SQLite cannot alter a key, so each table is rebuilt from its own definition; rows keep their ids;
    the counters start past every id handed out before, the deleted ones the history remembers
    included; the ANN index file, which may hold vectors of deleted rows, is dropped to be rebuilt.
    """
    for name in _ID_TABLES:
        sql = db.execute("SELECT sql FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone()[0]
        rebuilt = re.sub(r"^CREATE TABLE (?:IF NOT EXISTS )?\S+", f"CREATE TABLE upgraded_{name}", sql)
        db.execute(rebuilt.replace("id INTEGER PRIMARY KEY,", "id INTEGER PRIMARY KEY AUTOINCREMENT,", 1))
        db.execute(f"INSERT INTO upgraded_{name} SELECT * FROM {name}")
        db.execute(f"DROP TABLE {name}")
        db.execute(f"ALTER TABLE upgraded_{name} RENAME TO {name}")
    db.execute("CREATE INDEX IF NOT EXISTS passages_source ON passages(source_id)")
    db.execute("CREATE INDEX IF NOT EXISTS vectors_owner ON vectors(kind, owner)")
    for kind, table in (("card", "cards"), ("passage", "passages")):
        deleted = db.execute(
            "SELECT COALESCE(MAX(json_extract(detail, '$.id')), 0) FROM history"
            " WHERE action='delete' AND json_extract(detail, '$.kind')=?",
            (kind,),
        ).fetchone()[0]
        if not db.execute("UPDATE sqlite_sequence SET seq=MAX(seq, ?) WHERE name=?", (deleted, table)).rowcount:
            db.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (table, deleted))
    Path(f"{path}.usearch").unlink(missing_ok=True)


def _card_formatting(db: sqlite3.Connection, _path: Path) -> None:
    """2 → 3: cards keep their runs as Word showed them (JSON; NULL for cards stored before, which
    export from their marks as they always did), and files their headings and analytics."""
    db.execute("ALTER TABLE cards ADD COLUMN formatting TEXT")
    db.execute("CREATE TABLE origin_layout (origin TEXT, position INTEGER, item TEXT)")
    db.execute("CREATE INDEX origin_layout_origin ON origin_layout(origin)")


def _card_versions(db: sqlite3.Connection, _path: Path) -> None:
    """3 → 4: cards count their edits (``version``, 1 as added), so a stale edit is refused."""
    db.execute("ALTER TABLE cards ADD COLUMN version INTEGER NOT NULL DEFAULT 1")


def _imported_files(db: sqlite3.Connection, _path: Path) -> None:
    """4 → 5: the content hash of every file a (distributed) import completed, so a re-run skips it."""
    db.execute("CREATE TABLE IF NOT EXISTS imported_files (hash TEXT PRIMARY KEY, origin TEXT, at REAL)")


#: Step to version N, for every N after 1. The last key is :data:`VERSION`.
STEPS: dict[int, Step] = {2: _ids_never_reused, 3: _card_formatting, 4: _card_versions, 5: _imported_files}
assert max(STEPS) == VERSION, "every schema version needs its migration step"


def file_version(db: sqlite3.Connection) -> int | None:
    """The version a library file says it is (None when it has no cardsmith schema id)."""
    row = db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
    return version_of(row[0] if row else None)


def check_version(db: sqlite3.Connection, path: Path) -> None:
    """CardsmithError unless the file is this cardsmith's version, naming both and what to do."""
    found = file_version(db)
    if found == VERSION:
        return
    if found is None:
        raise CardsmithError(f"{path}: not a cardsmith library (no schema version)")
    if found < VERSION:
        raise CardsmithError(
            f"{path}: library version {found}, this cardsmith needs version {VERSION}:"
            f" run `cardsmith migrate --library {path}` (it keeps a copy of the file first)"
        )
    raise CardsmithError(
        f"{path}: library version {found} is newer than this cardsmith (version {VERSION}): upgrade cardsmith"
    )


def migrate(db: sqlite3.Connection, path: Path) -> list[int]:
    """Bring the file up to :data:`VERSION`, one step per transaction; returns the versions reached."""
    found = file_version(db)
    if found is None or found > VERSION:
        check_version(db, path)
    if found == VERSION:
        return []
    backup = path.with_name(f"{path.name}.v{found}.bak")
    with sqlite3.connect(backup) as copy:
        db.backup(copy)
    copy.close()
    done = []
    db.execute("PRAGMA foreign_keys=OFF")  # a rebuilt table is dropped and renamed, which they would refuse
    for version in range(found + 1, VERSION + 1):
        db.execute("BEGIN IMMEDIATE")
        try:
            if file_version(db) == version - 1:  # another process may have migrated it meanwhile
                STEPS[version](db, path)
                db.execute("UPDATE meta SET value=? WHERE key='schema'", (schema_id(version),))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        done.append(version)
    return done
