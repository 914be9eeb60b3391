"""``library copy``: a whole library moved to another backend (SQLite <-> PostgreSQL) with its vectors.

Cards go in file by file, in import order, through the destination's own ``add_cards`` (so its
indexes, ids and history are its own), each with the vectors stored for it: nothing is embedded
again. Sources follow with their passages' vectors. The copy is then checked: every count must
match, both libraries must export the same cards and files, a sample of cards must have the same
vectors in both, and the same sample's tags are searched in both. Searches must give identical hits
when both libraries are on one backend; across backends the lexical scores differ (SQLite's BM25,
PostgreSQL's ``ts_rank_cd``), so the report only says how many find the same best hit, how many
lists are identical, and how much of the ten hits they share.

Both backends keep the same columns under the same table names; reading them here is the one place
that knows, instead of a dump method per store for this one use.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field

import numpy as np

from cardsmith.errors import CardsmithError
from cardsmith.library import Library
from cardsmith.library.layout import LayoutItem
from cardsmith.library.sqlite import SQLiteStore
from cardsmith.library.store import CardRecord, PassageRecord, Store
from cardsmith.model import Card, Document, Metadata, to_dict

#: Ids per query when reading rows by id (SQLite takes at most 32,766 parameters).
CHUNK = 5000
#: Counts that must be equal after a copy.
COUNTS = ("cards", "card_occurrences", "sources", "passages", "vectors")


@dataclass
class CopyReport:
    """What a copy moved and how its check went."""

    counts: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: Whether both export the same cards and files (ids aside).
    same_export: bool = False
    #: Sampled cards, and how many have the same vectors in both.
    cards_checked: int = 0
    same_vectors: int = 0
    #: Whether both are on one backend, so searches must agree exactly.
    same_backend: bool = False
    searches: int = 0
    #: Sampled queries with the same best hit, with identical hit lists, and the hits shared (of all).
    same_best: int = 0
    identical: int = 0
    shared: float = 0.0
    #: The sampled queries whose best hits differ.
    differing: list[str] = field(default_factory=list)
    copy_seconds: float = 0.0

    @property
    def ok(self) -> bool:
        searches_agree = self.identical == self.searches or not self.same_backend
        return (all(a == b for a, b in self.counts.values()) and self.same_export
                and self.same_vectors == self.cards_checked and searches_agree)

    def lines(self) -> list[str]:
        out = [f"copied in {self.copy_seconds:.1f} s"]
        out += [f"{name}: {a} -> {b} {'ok' if a == b else 'DIFFERENT'}" for name, (a, b) in self.counts.items()]
        out.append(f"export: {'the same cards and files' if self.same_export else 'DIFFERENT'}")
        out.append(f"vectors: {self.same_vectors}/{self.cards_checked} sampled cards' vectors identical")
        share = self.shared / self.searches if self.searches else 1.0
        out.append(f"searches: {self.same_best}/{self.searches} sampled queries find the same best hit,"
                   f" {self.identical}/{self.searches} the same ten hits in the same order,"
                   f" {share:.0%} of hits shared"
                   + ("" if self.same_backend else " (across backends the order may differ: BM25 vs ts_rank_cd)"))
        out += [f"  best hit differs: {query}" for query in self.differing[:5]]
        return out


def copy_library(src: Library, dst: Library, sample: int = 20) -> CopyReport:
    """Copy everything ``src`` holds into the empty ``dst`` and check it (see the module docstring)."""
    held = dst.stats()
    if held["cards"] or held["sources"]:
        raise CardsmithError(f"the destination is not empty ({held['cards']} cards, {held['sources']} sources):"
                             " copy into a new library")
    started = time.perf_counter()
    if src.store.model_id:
        dst.store.set_model_id(src.store.model_id)
    if src.style:
        dst.set_style(src.style)
    # PostgreSQL builds its vector index once at the end; SQLite has nothing of the kind to put off.
    with getattr(dst.store, "bulk_load", nullcontext)():
        _copy_cards(src.store, dst.store)
        for doc, key, passages in _sources(src.store):
            dst.store.add_source(doc, key, passages)
    report = CopyReport(copy_seconds=time.perf_counter() - started)
    before, after = src.stats(), dst.stats()
    report.counts = {name: (before[name], after[name]) for name in COUNTS}
    report.same_export = _export(src) == _export(dst)
    report.same_backend = type(src.store) is type(dst.store)
    cards = sample_cards(src, sample)
    keys = dict(_chunked(src.store, "SELECT id, key FROM cards WHERE id IN ({})", [int(c.id[1:]) for c in cards]))
    copies = dict(_chunked(dst.store, "SELECT key, id FROM cards WHERE key IN ({})", list(keys.values())))
    vectors, copied = _vectors(src.store, 0, list(keys)), _vectors(dst.store, 0, list(copies.values()))
    report.cards_checked = len(keys)
    report.same_vectors = sum(_same(vectors.get(i, []), copied.get(copies.get(key, -1), [])) for i, key in keys.items())
    for query in [c.tag for c in cards if c.tag.strip()]:
        before_hits, after_hits = _hits(src, query), _hits(dst, query)
        report.searches += 1
        report.identical += before_hits == after_hits
        report.shared += len(set(before_hits) & set(after_hits)) / max(len(before_hits), len(after_hits), 1)
        if before_hits[:1] == after_hits[:1]:
            report.same_best += 1
        else:
            report.differing.append(query)
    return report


def sample_cards(lib: Library, count: int) -> list[Card]:
    """``count`` cards spread evenly over the library."""
    total = lib.stats()["cards"]
    step = max(1, total // max(count, 1))
    return [card for offset in range(0, total, step) for card in lib.list_cards(offset, 1)][:count]


def _export(lib: Library) -> list[dict]:
    """Everything ``export`` gives, ids aside (each library numbers its own cards)."""
    return [{k: v for k, v in to_dict(item).items() if k != "id"} for item in lib.export_items()]


def _same(a: list[tuple[int, np.ndarray]], b: list[tuple[int, np.ndarray]]) -> bool:
    """Whether two cards' (field, vector) rows are the same, value for value."""
    return len(a) == len(b) and all(
        fa == fb and np.array_equal(va, vb) for (fa, va), (fb, vb) in zip(a, b, strict=True)
    )


def _hits(lib: Library, query: str) -> list[tuple[str, str, str]]:
    """A search's hits as the reader sees them (ids differ between copies)."""
    return [(h.kind, h.text, h.cite) for h in lib.search(query, limit=10)]


def _copy_cards(src: Store, dst: Store) -> None:
    copied: set[int] = set()
    for origin, layout, slots in src.layouts():
        cards = src.items([("card", i) for ids in slots for i in ids])  # live cards only
        live = [[i for i in ids if ("card", i) in cards] for ids in slots]
        ids = sorted({i for batch in live for i in batch})
        keys = dict(_chunked(src, "SELECT id, key FROM cards WHERE id IN ({})", ids))
        vectors = _vectors(src, 0, [i for i in ids if i not in copied])
        for number, batch in enumerate(_batches(live)):
            records = [CardRecord(cards[("card", i)].card, keys[i], vectors.get(i, [])) for i in batch]  # type: ignore[arg-type]
            dst.add_cards(records, origin, _placed(layout, live) if number == 0 else None)
        copied.update(ids)


def _batches(slots: list[list[int]]) -> Iterator[list[int]]:
    """The add_cards calls that recreate an origin's card positions: one per batch the cards came in
    (cards saved one by one share position 0). A position a batch lacks repeats the card of the first
    batch there, which the store ignores as an occurrence it already has."""
    slots = [ids for ids in slots if ids]
    for depth in range(max(map(len, slots), default=0)):
        last = max(i for i, ids in enumerate(slots) if len(ids) > depth)
        yield [ids[depth] if len(ids) > depth else ids[0] for ids in slots[: last + 1]]


def _placed(layout: list[LayoutItem], slots: list[list[int]]) -> list[LayoutItem]:
    """``layout`` with positions renumbered as :func:`_batches` leaves out the empty positions (cards
    deleted in the source), so every heading stays before the same card."""
    before = np.cumsum([0] + [bool(ids) for ids in slots])
    return [(int(before[min(position, len(slots))]), item) for position, item in layout]


def _sources(store: Store) -> Iterator[tuple[Document, str, list[PassageRecord]]]:
    """Every source in the order it was added, with its passages' spans and vectors."""
    for source_id, key, path, text, metadata in _rows(
        store, "SELECT id, key, path, text, metadata FROM sources ORDER BY id"
    ):
        meta = json.loads(metadata) if isinstance(metadata, str) else metadata
        doc = Document(text=text, paragraphs=[], metadata=Metadata(**meta), path=path)
        spans = _rows(store, 'SELECT id, start, "end" FROM passages WHERE source_id = ? ORDER BY ordinal', [source_id])
        vectors = _vectors(store, 1, [pid for pid, _, _ in spans])
        yield doc, key, [PassageRecord((begin, end), vectors.get(pid, [])) for pid, begin, end in spans]


def _vectors(store: Store, kind: int, owners: list[int]) -> dict[int, list[tuple[int, np.ndarray]]]:
    """The stored (field, vector) rows of each of ``owners`` (of vector kind ``kind``), in stored order."""
    out: dict[int, list[tuple[int, np.ndarray]]] = {}
    sql = f"SELECT owner, field, vec FROM vectors WHERE kind = {kind} AND owner IN ({{}}) ORDER BY id"
    for owner, fld, vec in _chunked(store, sql, owners, binary=True):
        # SQLite's rows hold the float16s as they are; pgvector's binary halfvec is a 4-byte header
        # (dimensions, unused) and big-endian float16s.
        half = np.frombuffer(vec, "<f2") if isinstance(store, SQLiteStore) else np.frombuffer(vec, ">f2", offset=4)
        out.setdefault(owner, []).append((fld, half.astype(np.float32)))
    return out


def _chunked(store: Store, sql: str, ids: list[int], binary: bool = False) -> Iterator[tuple]:
    """Rows of ``sql`` whose ``{}`` is filled with ``ids``' placeholders, a chunk of ids at a time."""
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        yield from _rows(store, sql.format(",".join("?" * len(chunk))), chunk, binary)


def _rows(store: Store, sql: str, args: list[object] | None = None, binary: bool = False) -> list[tuple]:
    """Rows of ``sql`` (``?`` placeholders) on either backend (``binary``: PostgreSQL's binary format)."""
    if isinstance(store, SQLiteStore):
        return store.db.execute(sql, args or []).fetchall()
    with store.transaction() as conn, conn.cursor(binary=binary) as cur:  # type: ignore[attr-defined]
        return cur.execute(sql.replace("?", "%s"), args or []).fetchall()
