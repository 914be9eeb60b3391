"""The PostgreSQL backend, for a library a team shares: one server, many cardsmith processes.

Full-text search is PostgreSQL's own (a ``tsvector`` per field, each GIN-indexed, each scored with
``ts_rank_cd``), dense search is pgvector's HNSW index over half-precision vectors. Every write is
one transaction on a pooled connection, and every read a fresh one, so each handle sees the
others' commits at its next call. The schema comes from the numbered SQL files in ``pg_migrations``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from importlib import resources

import numpy as np
import psycopg
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool

from cardsmith.errors import CardsmithError
from cardsmith.library.layout import LayoutItem, by_origin, item_to_json
from cardsmith.library.members import writer
from cardsmith.library.pg_bm25 import any_term_query, card_bm25
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
from cardsmith.library.store import AddStats, CardRecord, EditConflict, Filters, Item, Key, PassageRecord
from cardsmith.model import Card, Document, to_dict

#: Card columns in the order :func:`~cardsmith.library.rows.card_from_row` reads a row, JSON as text.
_CARD_COLUMNS = (
    "id, key, tag, cite::text, cite_text, authors, year, body, underline, marks::text, outline::text,"
    " source::text, count, added, formatting::text"
)
#: Live (not soft-deleted) cards.
_LIVE = "deleted IS NULL"
#: How long a deleted card stays restorable before ``cardsmith purge`` may delete it for good (seconds).
KEEP_DELETED = 30 * 86400
#: The most candidates pgvector's HNSW search may keep (its ``ef_search`` limit).
EF_SEARCH_MAX = 1000
#: pgvector's HNSW index as migration 1 creates it (:meth:`PostgresStore.bulk_load` builds it again).
_HNSW = "CREATE INDEX IF NOT EXISTS vectors_hnsw ON vectors USING hnsw (vec halfvec_cosine_ops)"
#: Memory for building that index in one go (pgvector builds in memory while the graph fits).
_BUILD_MEMORY = "1GB"
#: Serializes migrations of one database across processes (an arbitrary advisory lock id).
_MIGRATION_LOCK = 0x63617264


def migrations() -> list[tuple[int, str]]:
    """The numbered SQL files of ``pg_migrations``, in order: (version, SQL)."""
    files = resources.files("cardsmith.library") / "pg_migrations"
    found = sorted((int(f.name.split("_")[0]), f.read_text()) for f in files.iterdir() if f.name.endswith(".sql"))
    assert [v for v, _ in found] == list(range(1, len(found) + 1)), "migration numbers must run 1, 2, 3, ..."
    return found


def migrate(conn: psycopg.Connection) -> list[int]:
    """Apply the migrations the database lacks, each in its own transaction; the versions applied.

    A database that records a version this cardsmith does not know is refused, not changed.
    """
    steps = migrations()
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied timestamptz"
                     " NOT NULL DEFAULT now())")
        have = {r[0] for r in conn.execute("SELECT version FROM schema_version")}
    if have - {v for v, _ in steps}:
        raise CardsmithError(f"library version {max(have)} is newer than this cardsmith (version {len(steps)}):"
                             " upgrade cardsmith")
    done = []
    for version, sql in steps:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            if conn.execute("SELECT 1 FROM schema_version WHERE version = %s", (version,)).fetchone():
                continue  # another process applied it meanwhile
            conn.execute(sql.encode())  # type: ignore[call-overload]  # several statements: simple query protocol
            conn.execute("INSERT INTO schema_version (version) VALUES (%s)", (version,))
        done.append(version)
    return done


def migrate_url(url: str) -> list[int]:
    """:func:`migrate` the database at ``url``; a server or database that cannot be reached is a CardsmithError."""
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            return migrate(conn)
    except psycopg.Error as err:
        raise CardsmithError(f"{_safe(url)}: cannot open the library ({err})") from None


def _vector(v: np.ndarray) -> str:
    """pgvector's text form of a vector."""
    return "[" + ",".join(map(str, np.asarray(v, dtype=np.float32).tolist())) + "]"


class PostgresStore:
    """:class:`~cardsmith.library.store.Store` on a PostgreSQL database (a ``postgresql://`` URL)."""

    def __init__(self, url: str, pool_size: int = 4) -> None:
        migrate_url(url)
        self.pool = ConnectionPool(url, min_size=1, max_size=pool_size, open=True)

    @contextmanager
    def transaction(self) -> Iterator[psycopg.Connection]:
        """A pooled connection in one transaction: committed on success, rolled back on any exception."""
        with self.pool.connection() as conn:
            yield conn

    @contextmanager
    def bulk_load(self) -> Iterator[None]:
        """Fill an empty library with the HNSW index built once at the end, not updated vector by vector
        (600 cards copied: 44 s with the index, 12 s + 5 s to build it after)."""
        with self.transaction() as conn:
            conn.execute("DROP INDEX IF EXISTS vectors_hnsw")
        try:
            yield
        finally:
            with self.transaction() as conn:
                conn.execute("SELECT set_config('maintenance_work_mem', %s, true)", (_BUILD_MEMORY,))
                conn.execute(_HNSW)
                conn.execute("ANALYZE")  # the planner's statistics for the tables just filled

    @property
    def model_id(self) -> str | None:
        return self.setting("model")

    def set_model_id(self, model_id: str) -> None:
        self.set_setting("model", model_id)

    def setting(self, key: str) -> str | None:
        with self.transaction() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = %s", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_setting(self, key: str, value: str | None) -> None:
        with self.transaction() as conn:
            if value is None:
                conn.execute("DELETE FROM meta WHERE key = %s", (key,))
            else:
                conn.execute("INSERT INTO meta VALUES (%s, %s) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                             (key, value))

    # -- writes ---------------------------------------------------------------------------------

    def known_keys(self, keys: list[str]) -> set[str]:
        with self.transaction() as conn:
            return {r[0] for r in conn.execute("SELECT key FROM cards WHERE key = ANY(%s)", (keys,))}

    def imported_files(self) -> set[str]:
        with self.transaction() as conn:
            return {r[0] for r in conn.execute("SELECT hash FROM imported_files")}

    def mark_imported(self, files: list[tuple[str, str]]) -> None:
        now = time.time()
        with self.transaction() as conn, conn.cursor() as cur:
            cur.executemany("INSERT INTO imported_files VALUES (%s, %s, %s) ON CONFLICT (hash) DO NOTHING",
                            [(digest, origin, now) for digest, origin in files])

    def vector_owners(self) -> list[Key]:
        with self.transaction() as conn:
            cards = [("card", r[0]) for r in conn.execute(f"SELECT id FROM cards WHERE {_LIVE} ORDER BY id")]
            return cards + [("passage", r[0]) for r in conn.execute("SELECT id FROM passages ORDER BY id")]

    def replace_vectors(self, items: list[tuple[Key, list[tuple[int, np.ndarray]]]]) -> None:
        with self.transaction() as conn:
            for (kind, owner), vectors in items:
                conn.execute("DELETE FROM vectors WHERE kind = %s AND owner = %s", (KIND_CODE[kind], owner))
                _insert_vectors(conn, kind, owner, vectors)

    def add_cards(self, records: list[CardRecord], origin: str, layout: list[LayoutItem] | None = None) -> AddStats:
        stats = AddStats()
        now = time.time()
        with self.transaction() as conn:
            # Known cards' ids in one query: a known card is then never sent to INSERT, whose conflict
            # check comes only after the row's four tsvectors are computed (and an identity value spent).
            found = conn.execute("SELECT key, id, deleted IS NOT NULL FROM cards WHERE key = ANY(%s)",
                                 ([rec.key for rec in records],)).fetchall()
            stored = {key: card_id for key, card_id, _ in found}
            for card_id in {card_id for _, card_id, deleted in found if deleted}:
                _restore(conn, card_id)  # importing a deleted card again brings it back
            for ordinal, rec in enumerate(records):
                card_id = stored.get(rec.key)
                known = card_id is not None
                if not known:
                    card_id = self._insert_card(conn, rec, now)
                    if card_id is None:  # a concurrent import added it since the lookup above
                        card_id = conn.execute("SELECT id FROM cards WHERE key = %s", (rec.key,)).fetchone()[0]
                        known = True
                    stored[rec.key] = card_id
                if known:
                    stats.duplicates += 1
                else:
                    stats.added += 1
                    _log(conn, "add", card_id=card_id, after=rec.card, origin=origin)
                stats.ids.append(card_id)
                cur = conn.execute(
                    "INSERT INTO card_origins (card_id, origin, ordinal, outline) VALUES (%s, %s, %s, %s)"
                    " ON CONFLICT DO NOTHING",
                    (card_id, origin, ordinal, Jsonb(rec.card.outline)),
                )
                if cur.rowcount and known:
                    conn.execute("UPDATE cards SET count = count + 1 WHERE id = %s", (card_id,))
            if layout is not None:
                conn.execute("DELETE FROM origin_layout WHERE origin = %s", (origin,))
                with conn.cursor() as cur:
                    cur.executemany(
                        "INSERT INTO origin_layout (origin, position, item) VALUES (%s, %s, %s)",
                        [(origin, position, item_to_json(item)) for position, item in layout],
                    )
            _log(conn, "add_cards", origin=origin, added=stats.added, duplicates=stats.duplicates)
        return stats

    def _insert_card(self, conn: psycopg.Connection, rec: CardRecord, now: float) -> int | None:
        """The new card's id, or None when its key is already stored (by this or a concurrent import)."""
        columns = insert_columns(rec.card, rec.key, now, Jsonb)
        row = conn.execute(
            f"INSERT INTO cards ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
            " ON CONFLICT (key) DO NOTHING RETURNING id",
            tuple(columns.values()),
        ).fetchone()
        if row is None:
            return None
        _insert_vectors(conn, "card", row[0], rec.vectors)
        return int(row[0])

    def layouts(self) -> list[tuple[str, list[LayoutItem], list[list[int]]]]:
        with self.transaction() as conn:
            cards = conn.execute("SELECT origin, ordinal, card_id FROM card_origins ORDER BY seq").fetchall()
            layout = conn.execute("SELECT origin, position, item FROM origin_layout ORDER BY seq").fetchall()
        return by_origin(cards, layout)

    def add_source(self, doc: Document, key: str, passages: list[PassageRecord]) -> int:
        meta = doc.metadata
        cite_text = source_cite_text(meta)
        with self.transaction() as conn:
            row = conn.execute(
                "INSERT INTO sources (key, path, text, metadata, cite_text, authors, year, added)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (key) DO NOTHING RETURNING id",
                (key, doc.path, doc.text, Jsonb(asdict(meta)), cite_text, authors_key(meta.authors, ""), meta.year,
                 time.time()),
            ).fetchone()
            if row is None:
                return int(conn.execute("SELECT id FROM sources WHERE key = %s", (key,)).fetchone()[0])
            source_id = int(row[0])
            for ordinal, rec in enumerate(passages):
                start, end = rec.span
                (pid,) = conn.execute(
                    'INSERT INTO passages (source_id, ordinal, start, "end", body, cite_text)'
                    " VALUES (%s, %s, %s, %s, %s, %s) RETURNING id",
                    (source_id, ordinal, start, end, doc.text[start:end], cite_text),
                ).fetchone()
                _insert_vectors(conn, "passage", pid, rec.vectors)
            _log(conn, "add_document", path=doc.path, source=source_id, passages=len(passages))
        return source_id

    def delete(self, key: Key) -> bool:
        """A card is soft-deleted (hidden, restorable until :meth:`purge`); a passage is deleted."""
        kind, item_id = key
        with self.transaction() as conn:
            if kind == "passage":
                if not conn.execute("DELETE FROM passages WHERE id = %s", (item_id,)).rowcount:
                    return False
                conn.execute("DELETE FROM vectors WHERE kind = 1 AND owner = %s", (item_id,))
                _log(conn, "delete", kind=kind, id=item_id)
                return True
            card = _locked_card(conn, item_id)
            if card is None:
                return False
            conn.execute("UPDATE cards SET deleted = %s WHERE id = %s", (time.time(), item_id))
            conn.execute("WITH moved AS (DELETE FROM vectors WHERE kind = 0 AND owner = %s RETURNING owner, field, vec)"
                         " INSERT INTO deleted_vectors SELECT * FROM moved", (item_id,))
            _log(conn, "delete", card_id=item_id, before=card)
        return True

    def restore(self, card_id: int) -> bool:
        """Bring back a soft-deleted card; False when no deleted card has this id (or it was purged)."""
        with self.transaction() as conn:
            return _restore(conn, card_id)

    def deleted_cards(self) -> list[tuple[int, str, float, str | None]]:
        """Cards that can be restored, latest deleted first: id, tag, when deleted and by whom."""
        with self.transaction() as conn:
            return conn.execute(
                "SELECT c.id, c.tag, c.deleted, (SELECT h.member FROM history h WHERE h.card_id = c.id"
                " AND h.action = 'delete' ORDER BY h.id DESC LIMIT 1) FROM cards c WHERE c.deleted IS NOT NULL"
                " ORDER BY c.deleted DESC, c.id"
            ).fetchall()

    def purge(self, before: float) -> int:
        """Delete for good the cards soft-deleted before ``before`` (seconds since the epoch); how many."""
        with self.transaction() as conn:
            ids = [r[0] for r in conn.execute("DELETE FROM cards WHERE deleted < %s RETURNING id", (before,))]
            conn.execute("DELETE FROM deleted_vectors WHERE owner = ANY(%s)", (ids,))
            for card_id in ids:
                _log(conn, "purge", card_id=card_id)
        return len(ids)

    def card_version(self, card_id: int) -> int | None:
        with self.transaction() as conn:
            row = conn.execute(f"SELECT version FROM cards WHERE id = %s AND {_LIVE}", (card_id,)).fetchone()
        return int(row[0]) if row else None

    def update_card(self, card_id: int, record: CardRecord, version: int, detail: dict[str, object]) -> int:
        columns = edit_columns(record.card, Jsonb)
        with self.transaction() as conn:
            row = conn.execute(f"SELECT version, {_CARD_COLUMNS} FROM cards WHERE id = %s AND {_LIVE} FOR UPDATE",
                               (card_id,)).fetchone()
            if row is None or row[0] != version:
                raise EditConflict(card_id, version, None if row is None else int(row[0]))
            conn.execute(
                f"UPDATE cards SET {', '.join(f'{c} = %s' for c in columns)}, version = %s WHERE id = %s",
                (*columns.values(), version + 1, card_id),
            )
            conn.execute("DELETE FROM vectors WHERE kind = 0 AND owner = %s", (card_id,))
            _insert_vectors(conn, "card", card_id, record.vectors)
            _log(conn, "update_card", card_id=card_id, before=card_from_row(row[1:]), after=record.card, **detail,
                 version=version + 1)
        return version + 1

    def card_history(self, card_id: int) -> list[dict[str, object]]:
        """The card's edits, each with the ``member`` who made it."""
        return [e for e in self.card_log(card_id) if e["action"] == "update_card"]

    def card_log(self, card_id: int) -> list[dict[str, object]]:
        """Every write to the card, oldest first: its detail plus ``at``, ``action``, ``member``, and the
        card ``before`` and ``after`` it (as JSON; None where there was none)."""
        with self.transaction() as conn:
            rows = conn.execute(
                "SELECT at, action, member, before, after, detail FROM history WHERE card_id = %s ORDER BY id",
                (card_id,),
            ).fetchall()
        return [{"at": at, "action": action, "member": member, "before": before, "after": after, **detail}
                for at, action, member, before, after, detail in rows]

    # -- reads ----------------------------------------------------------------------------------

    def lexical(self, terms: list[str], filters: Filters, limit: int) -> dict[Key, list[float]]:
        if not terms:
            return {}
        query, query_args = any_term_query(terms)
        found: dict[Key, list[float]] = {}
        with self.transaction() as conn:
            if filters.kind in (None, "card"):
                where, args = filter_sql("c", filters, "%s")
                for card_id, scores in card_bm25(conn, terms, where, args, _LIVE, BM25_WEIGHTS, limit).items():
                    found[("card", card_id)] = scores
            if filters.kind in (None, "passage"):
                where, args = filter_sql("s", filters, "%s")
                sql = (
                    "SELECT p.id, ts_rank_cd(p.cite_tsv, q.q), ts_rank_cd(p.body_tsv, q.q)"
                    f" FROM passages p JOIN sources s ON s.id = p.source_id, (SELECT {query} AS q) q"
                    f" WHERE (p.body_tsv @@ q.q OR p.cite_tsv @@ q.q) {where}"
                    " ORDER BY ts_rank_cd(p.body_tsv, q.q) + 0.5 * ts_rank_cd(p.cite_tsv, q.q) DESC, p.id LIMIT %s"
                )
                for pid, cite, body in conn.execute(sql, (*query_args, *args, limit)):
                    found[("passage", pid)] = [0.0, 0.0, float(cite), float(body)]
        return found

    def dense(self, vector: np.ndarray, filters: Filters, limit: int) -> list[Key]:
        with self.transaction() as conn:
            # Vectors, not items, are searched (an item has several): fetch extra, as the SQLite store does.
            conn.execute("SELECT set_config('hnsw.ef_search', %s, true)",
                         (str(min(EF_SEARCH_MAX, max(40, limit * 4))),))
            rows = conn.execute(
                "SELECT kind, owner FROM vectors ORDER BY vec <=> %s::halfvec LIMIT %s", (_vector(vector), limit * 4)
            ).fetchall()
            keys = [k for k in dict.fromkeys((CODE_KIND[kind], owner) for kind, owner in rows)
                    if filters.kind in (None, k[0])]
            if filters.author or filters.year:
                keys = _passing(conn, keys, filters)
        return keys[:limit]  # type: ignore[return-value]

    def similarities(self, vector: np.ndarray, keys: list[Key]) -> dict[Key, dict[int, list[float]]]:
        out: dict[Key, dict[int, list[float]]] = {}
        with self.transaction() as conn:
            for kind in ("card", "passage"):
                ids = [i for k, i in keys if k == kind]
                if not ids:
                    continue
                # Negated inner product in float32 (<#>): the same dot product the SQLite store computes.
                rows = conn.execute(
                    "SELECT owner, field, -(vec::vector <#> %s::vector) FROM vectors"
                    " WHERE kind = %s AND owner = ANY(%s) ORDER BY id",
                    (_vector(vector), KIND_CODE[kind], ids),
                )
                for owner, field, sim in rows:
                    out.setdefault((kind, owner), {}).setdefault(field, []).append(float(sim))
        return out

    def prime(self, vectors: np.ndarray) -> None:
        """Nothing to do: the server scores each query through its index."""

    def field_texts(self, keys: list[Key]) -> dict[Key, tuple[str, str, str, str]]:
        out: dict[Key, tuple[str, str, str, str]] = {}
        with self.transaction() as conn:
            for kind, sql in (("card", f"SELECT id, tag, underline, cite_text, body FROM cards WHERE {_LIVE} AND"),
                              ("passage", "SELECT id, '', '', cite_text, body FROM passages WHERE")):
                ids = [i for k, i in keys if k == kind]
                for key_id, *texts in conn.execute(f"{sql} id = ANY(%s)", (ids,)) if ids else ():
                    out[(kind, key_id)] = tuple(texts)  # type: ignore[index,assignment]
        return out

    def items(self, keys: list[Key]) -> dict[Key, Item]:
        out: dict[Key, Item] = {}
        with self.transaction() as conn:
            card_ids = [i for k, i in keys if k == "card"]
            for row in conn.execute(f"SELECT {_CARD_COLUMNS} FROM cards WHERE id = ANY(%s) AND {_LIVE}",
                                    (card_ids,)):
                card = card_from_row(row)
                out[("card", row[0])] = Item("card", row[0], card.body, card.cite.text, card.tag, card,
                                             card.source.path)
            passage_ids = [i for k, i in keys if k == "passage"]
            for pid, body, cite, path in conn.execute(
                "SELECT p.id, p.body, p.cite_text, s.path FROM passages p JOIN sources s ON s.id = p.source_id"
                " WHERE p.id = ANY(%s)",
                (passage_ids,),
            ):
                out[("passage", pid)] = Item("passage", pid, body, cite, source=path)
        return out

    def get_card(self, card_id: int) -> Card | None:
        with self.transaction() as conn:
            row = conn.execute(f"SELECT {_CARD_COLUMNS} FROM cards WHERE id = %s AND {_LIVE}", (card_id,)).fetchone()
        return card_from_row(row) if row else None

    def list_cards(self, offset: int, limit: int) -> list[Card]:
        with self.transaction() as conn:
            rows = conn.execute(f"SELECT {_CARD_COLUMNS} FROM cards WHERE {_LIVE} ORDER BY id DESC LIMIT %s OFFSET %s",
                                (limit, offset)).fetchall()
        return [card_from_row(row) for row in rows]

    def card_count(self, card_id: int) -> int:
        with self.transaction() as conn:
            row = conn.execute("SELECT count FROM cards WHERE id = %s", (card_id,)).fetchone()
        return int(row[0]) if row else 0

    def origins(self, card_id: int) -> list[str]:
        with self.transaction() as conn:
            rows = conn.execute(
                "SELECT origin FROM card_origins WHERE card_id = %s GROUP BY origin ORDER BY min(seq)", (card_id,)
            )
            return [r[0] for r in rows]

    def stats(self) -> dict[str, int]:
        with self.transaction() as conn:
            row = conn.execute(
                f"SELECT (SELECT count(*) FROM cards WHERE {_LIVE}),"
                f" (SELECT count(*) FROM card_origins o JOIN cards c ON c.id = o.card_id WHERE c.{_LIVE}),"
                " (SELECT count(*) FROM sources), (SELECT count(*) FROM passages), (SELECT count(*) FROM vectors),"
                " (SELECT count(*) FROM cards WHERE deleted IS NOT NULL), pg_database_size(current_database())"
            ).fetchone()
        names = ("cards", "card_occurrences", "sources", "passages", "vectors", "deleted_cards", "bytes")
        return dict(zip(names, map(int, row), strict=True))

    def close(self) -> None:
        self.pool.close()


def _insert_vectors(conn: psycopg.Connection, kind: str, owner: int, vectors: list[tuple[int, np.ndarray]]) -> None:
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO vectors (kind, owner, field, vec) VALUES (%s, %s, %s, %s::halfvec)",
            [(KIND_CODE[kind], owner, f, _vector(v)) for f, v in vectors],
        )


def _passing(conn: psycopg.Connection, keys: list[Key], filters: Filters) -> list[Key]:
    """``keys`` that exist and pass ``filters``, in order."""
    keep: set[Key] = set()
    where_c, args_c = filter_sql("c", filters, "%s")
    where_s, args_s = filter_sql("s", filters, "%s")
    for kind, sql, args in (
        ("card", f"SELECT c.id FROM cards c WHERE c.id = ANY(%s) AND c.{_LIVE} {where_c}", args_c),
        ("passage", f"SELECT p.id FROM passages p JOIN sources s ON s.id = p.source_id WHERE p.id = ANY(%s) {where_s}",
         args_s),
    ):
        ids = [i for k, i in keys if k == kind]
        if ids:
            keep.update((kind, r[0]) for r in conn.execute(sql, (ids, *args)))  # type: ignore[misc]
    return [k for k in keys if k in keep]


def _locked_card(conn: psycopg.Connection, card_id: int) -> Card | None:
    """The live card, its row locked until the transaction ends (None: no such live card)."""
    row = conn.execute(f"SELECT {_CARD_COLUMNS} FROM cards WHERE id = %s AND {_LIVE} FOR UPDATE",
                       (card_id,)).fetchone()
    return card_from_row(row) if row else None


def _restore(conn: psycopg.Connection, card_id: int) -> bool:
    if not conn.execute("UPDATE cards SET deleted = NULL WHERE id = %s AND deleted IS NOT NULL",
                        (card_id,)).rowcount:
        return False
    conn.execute("WITH moved AS (DELETE FROM deleted_vectors WHERE owner = %s RETURNING owner, field, vec)"
                 " INSERT INTO vectors (kind, owner, field, vec) SELECT 0, owner, field, vec FROM moved", (card_id,))
    _log(conn, "restore", card_id=card_id)
    return True


def _log(conn: psycopg.Connection, action: str, *, card_id: int | None = None, before: Card | None = None,
         after: Card | None = None, **detail: object) -> None:
    """One history row: what was done, by whom (:func:`~cardsmith.library.members.writer`), and to a
    card, the card before and after it."""
    conn.execute(
        "INSERT INTO history (at, action, detail, member, card_id, before, after) VALUES (%s, %s, %s, %s, %s, %s, %s)",
        (time.time(), action, Jsonb(detail), writer(), card_id, _card_json(before), _card_json(after)),
    )


def _card_json(card: Card | None) -> Jsonb | None:
    return None if card is None else Jsonb(to_dict(card))


def _safe(url: str) -> str:
    """``url`` without its password, for messages."""
    return re.sub(r"^(\w+://[^:/@]+):[^@/]*@", r"\1:***@", url)
