"""The SQLite backend: one file, WAL (readers never block the writer), FTS5 per field, float16 vectors.

Dense search is exact (one matrix product) while the library is small and moves to a usearch HNSW
index in a file beside the database once it is large; that index is topped up with only the vectors
added since it was saved, so adding ten cards never rebuilds it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from dataclasses import asdict
from pathlib import Path

import numpy as np

from cardsmith.errors import CardsmithError, DiskFull
from cardsmith.library.layout import LayoutItem, by_origin, item_to_json
from cardsmith.library.migrations import check_version, migrate
from cardsmith.library.rows import (
    BM25_WEIGHTS,
    CODE_KIND,
    KIND_CODE,
    authors_key,
    card_from_row,
    edit_columns,
    filter_sql,
    insert_columns,
    source_cite_text,
)
from cardsmith.library.schema import SCHEMA, VERSION, schema_id
from cardsmith.library.store import AddStats, CardRecord, EditConflict, Filters, Item, Key, PassageRecord
from cardsmith.model import Card, Document

#: Above this many vectors dense search uses the ANN index instead of an exact matrix product.
ANN_MIN = 200_000
#: In tables with more rows than this, query terms found in more than COMMON_SHARE of them are left
#: out of the BM25 query: FTS5 scores every match, and a word in 5% of a million passages costs
#: 50,000 scorings while adding almost nothing to the ranking (its IDF is low).
LARGE = 100_000
COMMON_SHARE = 0.004

def _tables(db: sqlite3.Connection) -> set[str]:
    return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def _check_is_library(db: sqlite3.Connection, path: Path) -> None:
    if _tables(db) and "meta" not in _tables(db):
        raise CardsmithError(f"{path}: not a cardsmith library (an unrelated SQLite database)")


def migrate_file(path: Path) -> list[int]:
    """Upgrade the library file at ``path`` to this cardsmith's version (see :mod:`migrations`)."""
    if not path.is_file():
        raise CardsmithError(f"{path}: no library here")
    try:
        db = sqlite3.connect(path, timeout=30, isolation_level=None)
        try:
            _check_is_library(db, path)
            return migrate(db, path)
        finally:
            db.close()
    except sqlite3.DatabaseError as err:
        raise CardsmithError(f"{path}: not a cardsmith library ({err})") from None




def _fts_query(terms: list[str]) -> str:
    return " OR ".join('"' + t.replace('"', "") + '"' for t in terms)


class SQLiteStore:
    """:class:`~cardsmith.library.store.Store` on one SQLite file."""

    def __init__(self, path: Path, ann_min: int = ANN_MIN) -> None:
        self.path = path
        self.ann_min = ann_min
        self._matrix: _Matrix | None = None
        self._ann: _Ann | None = None
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
            self._init()
        except sqlite3.DatabaseError as err:
            raise CardsmithError(f"{path}: not a cardsmith library ({err})") from None

    def _init(self) -> None:
        db = self.db
        _check_is_library(db, self.path)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        if not _tables(db):
            db.executescript(f"BEGIN; {SCHEMA} INSERT INTO meta VALUES ('schema', '{schema_id(VERSION)}'); COMMIT;")
        check_version(db, self.path)
        db.execute("PRAGMA foreign_keys=ON")

    def _tx(self) -> _Transaction:
        return _Transaction(self.db)

    @property
    def model_id(self) -> str | None:
        return self.setting("model")

    def set_model_id(self, model_id: str) -> None:
        self.set_setting("model", model_id)

    def setting(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_setting(self, key: str, value: str | None) -> None:
        with self._tx():
            if value is None:
                self.db.execute("DELETE FROM meta WHERE key=?", (key,))
            else:
                self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # -- writes ---------------------------------------------------------------------------------

    def known_keys(self, keys: list[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            sql = f"SELECT key FROM cards WHERE key IN ({','.join('?' * len(chunk))})"
            found.update(r[0] for r in self.db.execute(sql, chunk))
        return found

    def imported_files(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT hash FROM imported_files")}

    def mark_imported(self, files: list[tuple[str, str]]) -> None:
        now = time.time()
        with self._tx():
            self.db.executemany("INSERT OR IGNORE INTO imported_files VALUES (?, ?, ?)",
                                [(digest, origin, now) for digest, origin in files])

    def vector_owners(self) -> list[Key]:
        cards = [("card", r[0]) for r in self.db.execute("SELECT id FROM cards ORDER BY id")]
        return cards + [("passage", r[0]) for r in self.db.execute("SELECT id FROM passages ORDER BY id")]

    def replace_vectors(self, items: list[tuple[Key, list[tuple[int, np.ndarray]]]]) -> None:
        dropped: list[int] = []
        with self._tx():
            for (kind, owner), vectors in items:
                dropped += self._drop_vectors(KIND_CODE[kind], owner)
                self._insert_vectors(KIND_CODE[kind], owner, vectors)
        if self._ann is not None:
            self._ann.remove(dropped)

    def add_cards(self, records: list[CardRecord], origin: str, layout: list[LayoutItem] | None = None) -> AddStats:
        stats = AddStats()
        now = time.time()
        with self._tx():
            for ordinal, rec in enumerate(records):
                row = self.db.execute("SELECT id FROM cards WHERE key=?", (rec.key,)).fetchone()
                if row:
                    card_id = row[0]
                    stats.duplicates += 1
                else:
                    card_id = self._insert_card(rec, now)
                    stats.added += 1
                stats.ids.append(card_id)
                cur = self.db.execute(
                    "INSERT OR IGNORE INTO card_origins VALUES (?, ?, ?, ?)",
                    (card_id, origin, ordinal, json.dumps(rec.card.outline)),
                )
                if cur.rowcount and row:
                    self.db.execute("UPDATE cards SET count = count + 1 WHERE id=?", (card_id,))
            if layout is not None:
                self.db.execute("DELETE FROM origin_layout WHERE origin=?", (origin,))
                self.db.executemany(
                    "INSERT INTO origin_layout (origin, position, item) VALUES (?,?,?)",
                    [(origin, position, item_to_json(item)) for position, item in layout],
                )
            self._log("add_cards", origin=origin, added=stats.added, duplicates=stats.duplicates)
        return stats

    def layouts(self) -> list[tuple[str, list[LayoutItem], list[list[int]]]]:
        return by_origin(
            self.db.execute("SELECT origin, ordinal, card_id FROM card_origins ORDER BY rowid"),
            self.db.execute("SELECT origin, position, item FROM origin_layout ORDER BY rowid"),
        )

    def _insert_card(self, rec: CardRecord, now: float) -> int:
        columns = insert_columns(rec.card, rec.key, now, json.dumps)
        cur = self.db.execute(
            f"INSERT INTO cards ({', '.join(columns)}) VALUES ({','.join('?' * len(columns))})",
            tuple(columns.values()),
        )
        card_id = int(cur.lastrowid)  # type: ignore[arg-type]
        self._index_card(card_id)
        self._insert_vectors(0, card_id, rec.vectors)
        return card_id

    def _insert_vectors(self, kind: int, owner: int, vectors: list[tuple[int, np.ndarray]]) -> None:
        self.db.executemany(
            "INSERT INTO vectors (kind, owner, field, vec) VALUES (?,?,?,?)",
            [(kind, owner, f, np.asarray(v, dtype=np.float16).tobytes()) for f, v in vectors],
        )

    def add_source(self, doc: Document, key: str, passages: list[PassageRecord]) -> int:
        row = self.db.execute("SELECT id FROM sources WHERE key=?", (key,)).fetchone()
        if row:
            return int(row[0])
        meta = doc.metadata
        cite_text = source_cite_text(meta)
        authors = authors_key(meta.authors, "")
        with self._tx():
            cur = self.db.execute(
                "INSERT INTO sources (key, path, text, metadata, cite_text, authors, year, added)"
                " VALUES (?,?,?,?,?,?,?,?)",
                (key, doc.path, doc.text, json.dumps(asdict(meta)), cite_text, authors, meta.year, time.time()),
            )
            source_id = int(cur.lastrowid)  # type: ignore[arg-type]
            for ordinal, rec in enumerate(passages):
                start, end = rec.span
                body = doc.text[start:end]
                cur = self.db.execute(
                    'INSERT INTO passages (source_id, ordinal, start, "end", body, cite_text)'
                    " VALUES (?,?,?,?,?,?)",
                    (source_id, ordinal, start, end, body, cite_text),
                )
                pid = int(cur.lastrowid)  # type: ignore[arg-type]
                self.db.execute(
                    "INSERT INTO passages_fts (rowid, body, cite_text) VALUES (?,?,?)", (pid, body, cite_text)
                )
                self._insert_vectors(1, pid, rec.vectors)
            self._log("add_document", path=doc.path, source=source_id, passages=len(passages))
        return source_id

    def delete(self, key: Key) -> bool:
        kind, item_id = key
        with self._tx():
            if kind == "card":
                if not self._unindex_card(item_id):
                    return False
                self.db.execute("DELETE FROM card_origins WHERE card_id=?", (item_id,))
                self.db.execute("DELETE FROM cards WHERE id=?", (item_id,))
            else:
                row = self.db.execute("SELECT body, cite_text FROM passages WHERE id=?", (item_id,)).fetchone()
                if not row:
                    return False
                self.db.execute(
                    "INSERT INTO passages_fts (passages_fts, rowid, body, cite_text) VALUES ('delete', ?, ?, ?)",
                    (item_id, *row),
                )
                self.db.execute("DELETE FROM passages WHERE id=?", (item_id,))
            ids = self._drop_vectors(KIND_CODE[kind], item_id)
            self._log("delete", kind=kind, id=item_id)
        if self._ann is not None:
            self._ann.remove(ids)
        return True

    def _index_card(self, card_id: int) -> None:
        """Add the stored card's fields to the full-text index."""
        self.db.execute(
            "INSERT INTO cards_fts (rowid, tag, underline, cite_text, body)"
            " SELECT id, tag, underline, cite_text, body FROM cards WHERE id=?",
            (card_id,),
        )

    def _unindex_card(self, card_id: int) -> bool:
        """Take the stored card's fields out of the full-text index; False when there is no such card."""
        return bool(self.db.execute(
            "INSERT INTO cards_fts (cards_fts, rowid, tag, underline, cite_text, body)"
            " SELECT 'delete', id, tag, underline, cite_text, body FROM cards WHERE id=?",
            (card_id,),
        ).rowcount)

    def _drop_vectors(self, kind: int, owner: int) -> list[int]:
        """Delete an item's vectors; their ids (for the ANN index, after the commit)."""
        ids = [r[0] for r in self.db.execute("SELECT id FROM vectors WHERE kind=? AND owner=?", (kind, owner))]
        self.db.execute("DELETE FROM vectors WHERE kind=? AND owner=?", (kind, owner))
        # Every handle's in-memory vectors see this count change and reload (see _vector_state).
        self.db.execute(
            "INSERT INTO meta VALUES ('deletes', 1) ON CONFLICT (key) DO UPDATE SET value = value + 1"
        )
        return ids

    def card_version(self, card_id: int) -> int | None:
        row = self.db.execute("SELECT version FROM cards WHERE id=?", (card_id,)).fetchone()
        return int(row[0]) if row else None

    def update_card(self, card_id: int, record: CardRecord, version: int, detail: dict[str, object]) -> int:
        columns = edit_columns(record.card, json.dumps)
        with self._tx():
            current = self.card_version(card_id)
            if current != version:
                raise EditConflict(card_id, version, current)
            self._unindex_card(card_id)
            self.db.execute(
                f"UPDATE cards SET {', '.join(f'{c}=?' for c in columns)}, version=? WHERE id=?",
                (*columns.values(), version + 1, card_id),
            )
            self._index_card(card_id)
            ids = self._drop_vectors(0, card_id)
            self._insert_vectors(0, card_id, record.vectors)
            self._log("update_card", **detail, version=version + 1)
        if self._ann is not None:
            self._ann.remove(ids)
        return version + 1

    def card_history(self, card_id: int) -> list[dict[str, object]]:
        rows = self.db.execute(
            "SELECT at, detail FROM history WHERE action='update_card' AND json_extract(detail, '$.id')=?"
            " ORDER BY id",
            (card_id,),
        )
        return [{"at": at, **json.loads(detail)} for at, detail in rows]

    def _log(self, action: str, **detail: object) -> None:
        self.db.execute(
            "INSERT INTO history (at, action, detail) VALUES (?,?,?)", (time.time(), action, json.dumps(detail))
        )

    # -- reads ----------------------------------------------------------------------------------

    def lexical(self, terms: list[str], filters: Filters, limit: int) -> dict[Key, list[float]]:
        if not terms:
            return {}
        found: dict[Key, list[float]] = {}
        # Both table sizes in one statement: every statement a search runs is one more wait for the
        # GIL when the web app serves concurrent searches, and an empty table needs no FTS query.
        cards, passages = self.db.execute(
            "SELECT (SELECT COALESCE(MAX(id), 0) FROM cards), (SELECT COALESCE(MAX(id), 0) FROM passages)"
        ).fetchone()
        if filters.kind in (None, "card") and cards:
            query = _fts_query(self._selective("cards", terms, cards))
            per_field = [f"bm25(cards_fts, {', '.join('1' if j == i else '0' for j in range(4))})" for i in range(4)]
            combined = " + ".join(f"{w} * {f}" for w, f in zip(BM25_WEIGHTS, per_field, strict=True))
            where, args = filter_sql("c", filters)
            sql = (
                f"SELECT f.rowid, {', '.join(per_field)} FROM cards_fts f"
                f" {'JOIN cards c ON c.id = f.rowid' if where else ''}"
                f" WHERE cards_fts MATCH ? {where} ORDER BY {combined} LIMIT ?"
            )
            for rowid, *scores in self.db.execute(sql, (query, *args, limit)):
                found[("card", rowid)] = [-s for s in scores]
        if filters.kind in (None, "passage") and passages:
            query = _fts_query(self._selective("passages", terms, passages))
            where, args = filter_sql("s", filters)
            join = "JOIN passages p ON p.id = f.rowid JOIN sources s ON s.id = p.source_id" if where else ""
            sql = (
                "SELECT f.rowid, bm25(passages_fts, 1, 0), bm25(passages_fts, 0, 1), bm25(passages_fts, 1, 0.5)"
                f" AS r FROM passages_fts f {join} WHERE passages_fts MATCH ? {where} ORDER BY r LIMIT ?"
            )
            for rowid, body, cite, _ in self.db.execute(sql, (query, *args, limit)):
                found[("passage", rowid)] = [0.0, 0.0, -cite, -body]
        return found

    def _selective(self, table: str, terms: list[str], size: int) -> list[str]:
        """``terms`` without those too common to be worth scoring in a large table (at least the rarest)."""
        if size < LARGE:
            return terms
        cap = int(size * COMMON_SHARE)
        sql = f"SELECT COUNT(*) FROM (SELECT 1 FROM {table}_fts WHERE {table}_fts MATCH ? LIMIT ?)"
        counts = {t: self.db.execute(sql, (_fts_query([t]), cap)).fetchone()[0] for t in terms}
        rare = [t for t in terms if counts[t] < cap]
        return rare or [min(terms, key=counts.__getitem__)]

    def _passing(self, keys: list[Key], filters: Filters) -> list[Key]:
        """``keys`` that exist and pass ``filters``, in order."""
        keep: set[Key] = set()
        where_c, args_c = filter_sql("c", filters)
        where_s, args_s = filter_sql("s", filters)
        for kind, sql, args in (
            ("card", f"SELECT c.id FROM cards c WHERE c.id IN ({{}}) {where_c}", args_c),
            ("passage", "SELECT p.id FROM passages p JOIN sources s ON s.id = p.source_id"
             f" WHERE p.id IN ({{}}) {where_s}", args_s),
        ):
            ids = [i for k, i in keys if k == kind and filters.kind in (None, kind)]
            if ids:
                keep.update((kind, r[0]) for r in self.db.execute(sql.format(",".join("?" * len(ids))),
                                                                  (*ids, *args)))
        return [k for k in keys if k in keep]

    def _vector_state(self) -> tuple[int, int]:
        """(highest vector id, deletes so far), read together before every use of the in-memory vectors.

        Ids only grow, so rows past the highest id loaded are all that another handle (or process)
        can have added; a delete anywhere bumps the count, and the vectors are then loaded afresh.
        """
        top, deletes = self.db.execute(
            "SELECT (SELECT COALESCE(MAX(id), 0) FROM vectors),"
            " (SELECT COALESCE(MAX(CAST(value AS INTEGER)), 0) FROM meta WHERE key='deletes')"
        ).fetchone()
        return int(top), int(deletes)

    def dense(self, vector: np.ndarray, filters: Filters, limit: int) -> list[Key]:
        state = self._vector_state()
        if state[0] >= self.ann_min:
            owners = self._ann_index().nearest(vector, limit * 4)
        else:
            owners = self._exact(state).nearest(vector, limit * 4)
        keys = [k for k in dict.fromkeys(owners) if filters.kind in (None, k[0])]
        if filters.author or filters.year:
            keys = self._passing(keys, filters)
        return keys[:limit]

    def prime(self, vectors: np.ndarray) -> None:
        state = self._vector_state()
        if len(vectors) > 1 and 0 < state[0] < self.ann_min:
            self._exact(state).prime(vectors)

    def _exact(self, state: tuple[int, int]) -> _Matrix:
        """The in-memory matrix for ``state`` (see :meth:`_vector_state`): reloaded after a delete,
        topped up when the table holds vectors past it."""
        top, deletes = state
        if self._matrix is None or self._matrix.deletes != deletes:
            self._matrix = _Matrix(deletes)
        if top > self._matrix.upto:
            self._matrix.refresh(self.db)
        return self._matrix

    def _ann_index(self) -> _Ann:
        if self._ann is None:
            self._ann = _Ann(Path(f"{self.path}.usearch"))
        self._ann.refresh(self.db)
        return self._ann

    def similarities(self, vector: np.ndarray, keys: list[Key]) -> dict[Key, dict[int, list[float]]]:
        if self._matrix is not None and (state := self._vector_state())[0] < self.ann_min:
            return self._exact(state).similarities(vector, keys)
        out: dict[Key, dict[int, list[float]]] = {}
        for kind in ("card", "passage"):
            ids = [i for k, i in keys if k == kind]
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                rows = self.db.execute(
                    f"SELECT owner, field, vec FROM vectors WHERE kind=? AND owner IN ({','.join('?' * len(chunk))})",
                    (KIND_CODE[kind], *chunk),
                ).fetchall()
                if not rows:
                    continue
                mat = np.frombuffer(b"".join(r[2] for r in rows), dtype=np.float16).reshape(len(rows), -1)
                sims = mat.astype(np.float32) @ vector
                for (owner, field, _), sim in zip(rows, sims.tolist(), strict=True):
                    out.setdefault((kind, owner), {}).setdefault(field, []).append(sim)  # type: ignore[arg-type]
        return out

    def field_texts(self, keys: list[Key]) -> dict[Key, tuple[str, str, str, str]]:
        out: dict[Key, tuple[str, str, str, str]] = {}
        for kind, sql in (("card", "SELECT id, tag, underline, cite_text, body FROM cards"),
                          ("passage", "SELECT id, '', '', cite_text, body FROM passages")):
            ids = [i for k, i in keys if k == kind]
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                for key_id, *texts in self.db.execute(f"{sql} WHERE id IN ({','.join('?' * len(chunk))})", chunk):
                    out[(kind, key_id)] = tuple(texts)  # type: ignore[index,assignment]
        return out

    def items(self, keys: list[Key]) -> dict[Key, Item]:
        out: dict[Key, Item] = {}
        card_ids = [i for k, i in keys if k == "card"]
        for i in range(0, len(card_ids), 500):
            chunk = card_ids[i : i + 500]
            for row in self.db.execute(
                f"SELECT * FROM cards WHERE id IN ({','.join('?' * len(chunk))})", chunk
            ).fetchall():
                card = card_from_row(row)
                out[("card", row[0])] = Item("card", row[0], card.body, card.cite.text, card.tag, card,
                                             card.source.path)
        passage_ids = [i for k, i in keys if k == "passage"]
        for i in range(0, len(passage_ids), 500):
            chunk = passage_ids[i : i + 500]
            for pid, body, cite, path in self.db.execute(
                "SELECT p.id, p.body, p.cite_text, s.path FROM passages p JOIN sources s ON s.id = p.source_id"
                f" WHERE p.id IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                out[("passage", pid)] = Item("passage", pid, body, cite, source=path)
        return out

    def get_card(self, card_id: int) -> Card | None:
        row = self.db.execute("SELECT * FROM cards WHERE id=?", (card_id,)).fetchone()
        return card_from_row(row) if row else None

    def list_cards(self, offset: int, limit: int) -> list[Card]:
        rows = self.db.execute("SELECT * FROM cards ORDER BY id DESC LIMIT ? OFFSET ?", (limit, offset))
        return [card_from_row(row) for row in rows.fetchall()]

    def card_count(self, card_id: int) -> int:
        row = self.db.execute("SELECT count FROM cards WHERE id=?", (card_id,)).fetchone()
        return int(row[0]) if row else 0

    def origins(self, card_id: int) -> list[str]:
        rows = self.db.execute(
            "SELECT DISTINCT origin FROM card_origins WHERE card_id=? ORDER BY rowid", (card_id,)
        )
        return [r[0] for r in rows]

    def stats(self) -> dict[str, int]:
        def count(table: str) -> int:
            return int(self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

        size = sum(
            os.path.getsize(p) for p in (self.path, Path(f"{self.path}-wal"), Path(f"{self.path}.usearch"))
            if os.path.exists(p)
        )
        return {
            "cards": count("cards"),
            "card_occurrences": count("card_origins"),
            "sources": count("sources"),
            "passages": count("passages"),
            "vectors": count("vectors"),
            "bytes": size,
        }

    def close(self) -> None:
        if self._ann is not None:
            self._ann.save()
        self.db.close()


class _Transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any exception (Ctrl-C included)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, exc: BaseException | None, _tb: object) -> None:
        try:
            if exc is None:
                self.db.execute("COMMIT")
            elif self.db.in_transaction:  # SQLite has already rolled back after a full disk
                self.db.execute("ROLLBACK")
        except sqlite3.Error as err:
            _raise_if_full(err)
            raise
        if isinstance(exc, sqlite3.Error):
            _raise_if_full(exc)


def _raise_if_full(err: sqlite3.Error) -> None:
    """SQLite's "database or disk is full" as the library's :class:`DiskFull`."""
    if getattr(err, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
        raise DiskFull(str(err)) from err


class _Matrix:
    """All vectors in memory for exact search; grows with rows added since it was loaded.

    ``deletes`` is the library's delete count it was loaded at: it holds no row deleted before.
    """

    def __init__(self, deletes: int) -> None:
        self.deletes = deletes
        self.upto = 0
        self.vecs = np.zeros((0, 0), dtype=np.float32)
        self.kinds = np.zeros(0, dtype=np.int8)
        self.owners = np.zeros(0, dtype=np.int64)
        self.fields = np.zeros(0, dtype=np.int8)
        self.rows: dict[Key, list[int]] = {}
        #: Similarities of recent query vectors (by their bytes) with every row: a search asks twice.
        self.recent: dict[bytes, np.ndarray] = {}

    def refresh(self, db: sqlite3.Connection) -> None:
        rows = db.execute(
            "SELECT id, kind, owner, vec, field FROM vectors WHERE id > ? ORDER BY id", (self.upto,)
        ).fetchall()
        if not rows:
            return
        for i, r in enumerate(rows, len(self.owners)):
            self.rows.setdefault((CODE_KIND[r[1]], r[2]), []).append(i)  # type: ignore[arg-type]
        self.fields = np.concatenate([self.fields, np.array([r[4] for r in rows], dtype=np.int8)])
        new = np.frombuffer(b"".join(r[3] for r in rows), dtype=np.float16).reshape(len(rows), -1)
        self.vecs = np.vstack([self.vecs, new.astype(np.float32)]) if self.vecs.size else new.astype(np.float32)
        self.kinds = np.concatenate([self.kinds, np.array([r[1] for r in rows], dtype=np.int8)])
        self.owners = np.concatenate([self.owners, np.array([r[2] for r in rows], dtype=np.int64)])
        self.upto = rows[-1][0]
        self.recent = {}

    def sims(self, vector: np.ndarray) -> np.ndarray:
        """Cosine with every vector; kept for the query's :meth:`similarities` call that follows."""
        key = vector.tobytes()
        if key not in self.recent:
            self.recent = {key: self.vecs @ vector}
        return self.recent[key]

    def prime(self, vectors: np.ndarray) -> None:
        """Similarities for a batch of queries in one product (the matrix is read once, not per query)."""
        product = self.vecs @ np.ascontiguousarray(vectors, dtype=np.float32).T
        self.recent = {v.tobytes(): np.ascontiguousarray(product[:, j]) for j, v in enumerate(vectors)}

    def similarities(self, vector: np.ndarray, keys: list[Key]) -> dict[Key, dict[int, list[float]]]:
        sims = self.sims(vector)
        out: dict[Key, dict[int, list[float]]] = {}
        for key in keys:
            for i in self.rows.get(key, ()):
                out.setdefault(key, {}).setdefault(int(self.fields[i]), []).append(float(sims[i]))
        return out

    def nearest(self, vector: np.ndarray, count: int) -> list[Key]:
        if not len(self.owners):
            return []
        sims = self.sims(vector)
        count = min(count, len(sims))
        top = np.argpartition(-sims, count - 1)[:count]
        top = top[np.argsort(-sims[top])]
        return [(CODE_KIND[int(self.kinds[i])], int(self.owners[i])) for i in top]  # type: ignore[misc]


class _Ann:
    """A usearch HNSW index over vector row ids, saved beside the database and topped up incrementally."""

    def __init__(self, path: Path) -> None:
        # usearch 2.26 loaded before onnxruntime 1.31 makes the later onnxruntime import segfault,
        # so onnxruntime goes first whatever this process does next.
        import onnxruntime  # noqa: F401
        from usearch.index import Index

        self.path = path
        self.index = Index(ndim=384, metric="cos", dtype="i8", connectivity=16, expansion_add=48,
                           expansion_search=96)
        if path.exists():
            self.index.load(str(path))
        self.upto = int(np.asarray(self.index.keys).max()) if len(self.index) else 0
        self.dirty = False
        self.db: sqlite3.Connection | None = None

    def refresh(self, db: sqlite3.Connection) -> None:
        self.db = db
        while True:
            rows = db.execute(
                "SELECT id, vec FROM vectors WHERE id > ? ORDER BY id LIMIT 50000", (self.upto,)
            ).fetchall()
            if not rows:
                break
            vecs = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float16).reshape(len(rows), -1)
            self.index.add(np.array([r[0] for r in rows], dtype=np.uint64), vecs, threads=2)
            self.upto = rows[-1][0]
            self.dirty = True
        if self.dirty:
            self.save()

    def remove(self, ids: list[int]) -> None:
        for i in ids:
            self.index.remove(i)
        self.dirty = True

    def save(self) -> None:
        if self.dirty:
            tmp = self.path.with_suffix(".tmp")
            self.index.save(str(tmp))
            os.replace(tmp, self.path)
            self.dirty = False

    def nearest(self, vector: np.ndarray, count: int) -> list[Key]:
        if not len(self.index) or self.db is None:
            return []
        matches = self.index.search(vector.astype(np.float16), min(count, len(self.index)))
        ids = [int(k) for k in matches.keys]
        if not ids:
            return []
        rows = dict(
            (r[0], (CODE_KIND[r[1]], r[2]))
            for r in self.db.execute(
                f"SELECT id, kind, owner FROM vectors WHERE id IN ({','.join('?' * len(ids))})", ids
            )
        )
        return [rows[i] for i in ids if i in rows]  # type: ignore[misc]
