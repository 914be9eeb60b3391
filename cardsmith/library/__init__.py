"""The evidence library: every card and source in one file, searchable by claim in milliseconds.

>>> lib = Library.open(None)              # the user's default library
>>> lib.add_cards(cards, origin="aff.docx")
>>> lib.search("sanctions fail", limit=5, year=2021)

Items have string ids: ``c12`` is card 12, ``p7`` passage 7 (a chunk of an added source).
"""

from __future__ import annotations

import errno
import hashlib
import re
import unicodedata
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from platformdirs import user_data_dir

from cardsmith.embed import Encoder, default_encoder, encoder_for
from cardsmith.errors import CardsmithError, DiskFull
from cardsmith.library.chunk import PASSAGE_WORDS, dense_units, sentence_groups
from cardsmith.library.edit import edited
from cardsmith.library.layout import LayoutItem, interleave, split_file
from cardsmith.library.search import Reranker, rank, shipped_reranker
from cardsmith.library.sqlite import SQLiteStore, migrate_file
from cardsmith.library.store import AddStats, CardRecord, EditConflict, Filters, Key, Kind, PassageRecord, Store
from cardsmith.marking.density import STYLES
from cardsmith.model import Card, Cite, Document, Heading, Marks
from cardsmith.urls import is_postgres_url as is_url

__all__ = [
    "MAX_ID", "AddStats", "EditConflict", "Hit", "Library", "card_records", "card_units", "dedupe_key",
    "default_path", "embed_units", "is_url", "passage_units",
]

_QUOTES = re.compile(r"[\"'‘’“”«»‹›„‚`´]")
_ID = re.compile(r"^([cp]?)([0-9]{1,19})$")
#: SQLite integers are 64-bit: no stored id is larger.
MAX_ID = 2**63 - 1
#: The ``meta`` key of the library's marking style (see :attr:`Library.style`).
STYLE_KEY = "style"
#: Query embeddings a library handle remembers (least recently used go first).
QUERY_CACHE = 256


def default_path() -> Path:
    """Where the library lives unless ``--library`` says otherwise."""
    return Path(user_data_dir("cardsmith", appauthor=False)) / "library.sqlite"


def dedupe_key(card: Card) -> str:
    """Cards are the same when their bodies are, ignoring whitespace and quote styles (analytics: tags)."""
    text = card.body if card.body.strip() else "tag:" + card.tag
    text = _QUOTES.sub("", unicodedata.normalize("NFKC", text))
    return hashlib.sha1(" ".join(text.split()).encode()).hexdigest()


@dataclass
class Hit:
    """One search result: a card (``kind='card'``) or a passage of a source; ``card`` is set for cards."""

    id: str
    kind: Kind
    score: float
    text: str
    cite: str
    tag: str = ""
    card: Card | None = None
    source: str | None = None


def parse_id(item_id: str | int, default: Kind = "card") -> Key:
    """``"c12"`` -> ("card", 12), ``"p7"`` -> ("passage", 7); a bare number means ``default``."""
    match = _ID.match(str(item_id).strip().lower())
    if not match or int(match.group(2)) > MAX_ID:
        raise CardsmithError(f"{item_id}: not a library id (expected c<number> or p<number>)")
    kind: Kind = {"c": "card", "p": "passage"}.get(match.group(1), default)  # type: ignore[assignment]
    return kind, int(match.group(2))



#: OSError numbers that mean nothing more can be written (the disk, or the user's quota, is full).
FULL_ERRNOS = frozenset(filter(None, (errno.ENOSPC, getattr(errno, "EDQUOT", None))))


@contextmanager
def disk_space() -> Iterator[None]:
    """Turn a full disk during a write into :class:`DiskFull`, so a batch stops instead of embedding on."""
    try:
        yield
    except OSError as err:
        if err.errno in FULL_ERRNOS:
            raise DiskFull(err.strerror or str(err)) from err
        raise


def embed_units(encoder: Encoder, units: list[list[tuple[int, str]]]) -> list[list[tuple[int, np.ndarray]]]:
    """Vectors for every item's (field, text) units, embedded in one batched call."""
    texts = [t for item in units for _, t in item]
    vecs = encoder.encode(texts, progress=len(texts) > 64) if texts else np.zeros((0, 1))
    out, i = [], 0
    for item in units:
        out.append([(field, vecs[i + j]) for j, (field, _) in enumerate(item)])
        i += len(item)
    return out


def card_units(card: Card) -> list[tuple[int, str]]:
    """The (field, text) units a card's vectors are made from."""
    return dense_units(card.tag, card.body, card.marks.underline)


def passage_units(text: str) -> list[tuple[int, str]]:
    """The (field, text) units a source passage's vectors are made from."""
    return dense_units("", text, [])


def card_records(
    cards: Sequence[Card], encoder: Encoder, known: set[str] | frozenset[str] = frozenset()
) -> list[CardRecord]:
    """The cards as records ready to store, in order: the first copy of each dedupe key not in
    ``known`` gets its vectors, the others none (only the first copy is stored). Needs no library,
    so a worker of a distributed import makes exactly the records an in-process import does."""
    keys = [dedupe_key(c) for c in cards]
    fresh: dict[str, Card] = {}
    for key, card in zip(keys, cards, strict=True):
        if key not in known:
            fresh.setdefault(key, card)
    units = [card_units(c) for c in fresh.values()]
    vectors = dict(zip(fresh, embed_units(encoder, units), strict=True))
    return [CardRecord(c, k, vectors[k] if fresh.get(k) is c else []) for k, c in zip(keys, cards, strict=True)]


class Library:
    """Cards and sources behind a :class:`~cardsmith.library.store.Store`, searched by claim."""

    def __init__(self, store: Store, encoder: Encoder | None = None, reranker: Reranker | None = None) -> None:
        self.store = store
        self._encoder = encoder
        self._given = encoder is not None
        self.reranker = reranker if reranker is not None else shipped_reranker()
        self._query_vectors: OrderedDict[str, np.ndarray] = OrderedDict()

    @classmethod
    def open(cls, path: str | Path | None = None, *, encoder: Encoder | None = None, **store_options: int) -> Library:
        """Open (or create) the SQLite library at ``path`` (default: the user's data directory), or
        the PostgreSQL one at a ``postgresql://`` URL (``store_options`` are SQLite's)."""
        if is_url(path):
            from cardsmith.library.postgres import PostgresStore  # psycopg: only with the team extra

            return cls(PostgresStore(str(path)), encoder)
        path = Path(path) if path is not None else default_path()
        if path.is_dir():
            raise CardsmithError(f"{path}: is a directory, not a library file")
        return cls(SQLiteStore(path, **store_options), encoder)

    @staticmethod
    def migrate(path: str | Path | None = None) -> list[int]:
        """Upgrade an older library file to this version (a copy is kept first); the versions reached."""
        if is_url(path):
            from cardsmith.library.postgres import migrate_url

            return migrate_url(str(path))
        return migrate_file(Path(path) if path is not None else default_path())

    @property
    def encoder(self) -> Encoder:
        """The encoder of the library's vectors (a new library's: the default one)."""
        if self._encoder is None:
            default = default_encoder()
            model = self.store.model_id
            self._encoder = default if model in (None, default.model_id) else encoder_for(model)
        return self._encoder

    @property
    def default_encoder(self) -> Encoder:
        """The encoder ``cardsmith reindex`` moves the library to (the one given to :meth:`open`, if any)."""
        return self._encoder if self._encoder is not None and self._given else default_encoder()

    def claim_model(self, model_id: str) -> None:
        """Record ``model_id`` as the library's encoder, or refuse vectors from another one."""
        model = self.store.model_id
        if model is None:
            self.store.set_model_id(model_id)
        elif model != model_id:
            raise CardsmithError(f"library vectors come from {model}, not {model_id}")

    @property
    def style(self) -> str | None:
        """The event this library's cards are cut for (policy, ld or pf), which ``cut`` and ``mark``
        mark in when no ``--style`` is given; None when it was never set."""
        return self.store.setting(STYLE_KEY)

    def set_style(self, style: str | None) -> None:
        """Remember ``style`` as the library's event (None: forget it); CardsmithError for an unknown one."""
        if style is not None and style not in STYLES:
            raise CardsmithError(f"unknown style {style!r}; expected one of {', '.join(STYLES)}")
        self.store.set_setting(STYLE_KEY, style)

    def _embed(self, units: list[list[tuple[int, str]]]) -> list[list[tuple[int, np.ndarray]]]:
        """Vectors for every item's (field, text) units, embedded in one batched call."""
        self.claim_model(self.encoder.model_id)
        return embed_units(self.encoder, units)

    def _query_vector(self, query: str) -> np.ndarray:
        """The query's embedding, remembered for the last :data:`QUERY_CACHE` queries: people re-run and
        page through the same searches, and embedding is a third of a search's time."""
        vec = self._query_vectors.pop(query, None)
        if vec is None:
            vec = self.encoder.encode([query])[0]
        self._remember(query, vec)
        return vec

    def _remember(self, query: str, vec: np.ndarray) -> None:
        self._query_vectors[query] = vec
        if len(self._query_vectors) > QUERY_CACHE:
            self._query_vectors.popitem(last=False)

    def add_file(self, items: Sequence[Heading | Card], origin: str) -> AddStats:
        """Store an imported file: its cards, and its headings and analytics as its layout (they are
        no search results, but :meth:`export_items` gives them back around the cards)."""
        cards, layout = split_file(items, dedupe_key)
        return self.add_cards(cards, origin, layout)

    def export_items(self) -> list[Heading | Card]:
        """Every card, as imported: file by file in import order, each with its headings and
        analytics. A card a file repeats stays repeated; one an earlier file had is left out."""
        out: list[Heading | Card] = []
        earlier: set[int] = set()
        files = self.store.layouts()
        # Every card in one batched read, not one query per card.
        stored = self.store.items(
            list(dict.fromkeys(("card", card_id) for _, _, positions in files for ids in positions for card_id in ids))
        )
        for _origin, layout, positions in files:
            cards = [
                [
                    item.card
                    for card_id in ids
                    if card_id not in earlier and (item := stored.get(("card", card_id))) and item.card
                ]
                for ids in positions
            ]
            earlier.update(card_id for ids in positions for card_id in ids)
            out.extend(interleave(layout, cards))
        return out

    def add_cards(
        self, cards: Sequence[Card], origin: str, layout: list[LayoutItem] | None = None
    ) -> AddStats:
        """Store the cards of one file in one transaction; known cards gain a count and this origin
        (``layout``: see :meth:`add_file`)."""
        known = self.store.known_keys([dedupe_key(c) for c in cards])
        self.claim_model(self.encoder.model_id)
        return self.write_cards(card_records(cards, self.encoder, known), origin, layout)

    def write_cards(self, records: list[CardRecord], origin: str, layout: list[LayoutItem] | None = None) -> AddStats:
        """Store one file's records made by :func:`card_records` in one transaction (a distributed
        import embeds elsewhere and writes here; the caller has checked the encoder with :meth:`claim_model`)."""
        with disk_space():
            return self.store.add_cards(records, origin, layout)

    def card_version(self, card_id: str | int) -> int | None:
        """The card's version (1 when added, one more per edit); None when there is no such card."""
        kind, number = parse_id(card_id)
        return self.store.card_version(number) if kind == "card" else None

    def update_card(
        self, card_id: str | int, *, version: int, tag: str | None = None, cite: Cite | None = None,
        marks: Marks | None = None,
    ) -> int:
        """Edit a card's tag, cite or marks (None keeps one; the body is verbatim and never changes),
        made from ``version`` of it: re-indexed and re-embedded in one transaction, the change in
        the history; returns the new version. :class:`EditConflict` when the card has changed since
        ``version`` (or is gone), CardsmithError for marks outside the body."""
        kind, number = parse_id(card_id)
        if kind != "card":
            raise CardsmithError(f"{card_id}: only cards can be edited (a source's passages are its text)")
        current = self.store.card_version(number)
        # The version is read before the card: a card read after it is that version or newer,
        # and a newer one fails the store's own check.
        card = self.store.get_card(number) if current == version else None
        if card is None:
            raise EditConflict(number, version, current)
        new, changes = edited(card, tag, cite, marks)
        if not changes:
            return version
        (vectors,) = self._embed([card_units(new)])
        record = CardRecord(new, dedupe_key(card), vectors)
        with disk_space():
            return self.store.update_card(number, record, version, {"id": number, **changes})

    def card_history(self, card_id: str | int) -> list[dict[str, object]]:
        """The card's edits, oldest first (``at``, ``version`` and what changed)."""
        kind, number = parse_id(card_id)
        return self.store.card_history(number) if kind == "card" else []

    def add_document(self, doc: Document) -> int:
        """Store a cleaned source, chunked into passages of whole sentences; returns the source id."""
        spans = sentence_groups(doc.text, PASSAGE_WORDS)
        units = [passage_units(doc.text[s:e]) for s, e in spans]
        key = hashlib.sha1(doc.text.encode()).hexdigest()
        vectors = self._embed(units)
        passages = [PassageRecord(span, v) for span, v in zip(spans, vectors, strict=True)]
        with disk_space():
            return self.store.add_source(doc, key, passages)

    def prepare(self, queries: Sequence[str]) -> None:
        """Embed ``queries`` in one model call and score them against the stored vectors in one pass.

        For a server with several searches waiting: calling this before their :meth:`search` calls
        gives the same results for less work than searching them one by one.
        """
        fresh = list(dict.fromkeys(q for q in queries if q.strip() and q not in self._query_vectors))
        if fresh:
            for query, vec in zip(fresh, self.encoder.encode(fresh), strict=True):
                self._remember(query, vec)
        vectors = [self._query_vectors[q] for q in dict.fromkeys(queries) if q in self._query_vectors]
        if len(vectors) > 1:
            self.store.prime(np.stack(vectors))

    def search(
        self, query: str, *, limit: int = 10, author: str | None = None, year: int | None = None,
        kind: Kind | None = None,
    ) -> list[Hit]:
        """The items that best support ``query``, best first."""
        if not query.strip() or limit <= 0:
            return []
        filters = Filters(author=author, year=year, kind=kind)
        ranked = rank(self.store, self._query_vector(query), query, filters, limit, self.reranker)
        items = self.store.items([k for k, _ in ranked])
        hits = []
        for key, score in ranked:
            item = items.get(key)
            if item:
                hits.append(Hit(f"{key[0][0]}{key[1]}", key[0], score, item.text, item.cite, item.tag,
                                item.card, item.source))
        return hits

    def get_card(self, card_id: str | int) -> Card | None:
        kind, number = parse_id(card_id)
        return self.store.get_card(number) if kind == "card" else None

    def list_cards(self, offset: int = 0, limit: int = 50) -> list[Card]:
        """Cards newest first, a page at a time (ids ``c12`` are set), so they can be managed without a query."""
        if offset < 0 or limit <= 0:
            return []
        return self.store.list_cards(offset, limit)

    def origins(self, card_id: str | int) -> list[str]:
        """Every file a card was imported from (duplicates across files are stored once)."""
        return self.store.origins(parse_id(card_id)[1])

    def delete(self, item_id: str | int) -> bool:
        """Remove a card or passage; False when there was no such item."""
        return self.store.delete(parse_id(item_id))

    def stats(self) -> dict[str, int]:
        return self.store.stats()

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
