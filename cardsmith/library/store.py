"""The one narrow interface between the library and its storage, so PostgreSQL can replace SQLite later.

A backend stores records the library prepared (dedupe keys and vectors computed up front) and answers
two kinds of question: lexical (per-field BM25) and dense (vector similarity). Ranking lives above it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

import numpy as np

from cardsmith.errors import CardsmithError
from cardsmith.library.layout import LayoutItem
from cardsmith.model import Card, Document, Span

Kind = Literal["card", "passage"]
#: An item in the library: ("card", 12) or ("passage", 7).
Key = tuple[Kind, int]
#: Lexical fields, in the order backends report them (passages fill only body and cite).
FIELDS = ("tag", "underline", "cite", "body")


@dataclass
class CardRecord:
    """A card ready to store: ``key`` is its dedupe key, ``vectors`` its (field, unit vector) rows."""

    card: Card
    key: str
    vectors: list[tuple[int, np.ndarray]]


@dataclass
class PassageRecord:
    """A passage of a source: a span of whole sentences of the cleaned text, with its vectors."""

    span: Span
    vectors: list[tuple[int, np.ndarray]]


@dataclass
class Filters:
    """Restrictions every search honours; ``None`` means any."""

    author: str | None = None
    year: int | None = None
    kind: Kind | None = None


@dataclass
class AddStats:
    """What an import did: ``ids`` holds the library card id of every input card, in input order."""

    added: int = 0
    duplicates: int = 0
    ids: list[int] = field(default_factory=list)


class EditConflict(CardsmithError):
    """An edit made from a version of a card that is no longer the stored one (or a deleted card)."""

    def __init__(self, card_id: int, expected: int, current: int | None) -> None:
        self.card_id, self.expected, self.current = card_id, expected, current
        if current is None:
            message = f"card c{card_id} was deleted since you opened it"
        else:
            message = (f"card c{card_id} was changed since you opened it: you edited version {expected}, the"
                       f" library has version {current}; reload the card and edit again")
        super().__init__(message)


@dataclass
class Item:
    """A stored card or passage as search results show it."""

    kind: Kind
    id: int
    text: str
    cite: str
    tag: str = ""
    card: Card | None = None
    source: str | None = None


class Store(Protocol):
    """Storage backend. Every write is one transaction: it is all there after a crash or none of it is.

    Ids are never reused, so an id held elsewhere (a browser's speech basket) names its item or
    nothing; and every open handle sees other handles' additions and deletes at its next search.
    """

    @property
    def model_id(self) -> str | None:
        """The encoder that made the stored vectors (None while there are none)."""
        ...

    def set_model_id(self, model_id: str) -> None: ...

    def setting(self, key: str) -> str | None:
        """A library-wide setting kept with the cards (e.g. its marking ``style``); None when unset."""
        ...

    def set_setting(self, key: str, value: str | None) -> None:
        """Set (None: clear) a library-wide setting, for every handle on the library."""
        ...

    def known_keys(self, keys: list[str]) -> set[str]:
        """Which card dedupe keys are already stored (so duplicates are not embedded again)."""
        ...

    def imported_files(self) -> set[str]:
        """The file content hashes :meth:`mark_imported` recorded (an import re-run skips those files;
        a community library holds some 10^5 files: a few MB)."""
        ...

    def mark_imported(self, files: list[tuple[str, str]]) -> None:
        """Record (content hash, origin) of files whose cards are stored (storing one again changes nothing)."""
        ...

    def vector_owners(self) -> list[Key]:
        """Every card and passage (the items that have vectors), cards first, each in id order."""
        ...

    def replace_vectors(self, items: list[tuple[Key, list[tuple[int, np.ndarray]]]]) -> None:
        """Replace the vectors of these items in one transaction (a re-index with a new encoder)."""
        ...

    def add_cards(self, records: list[CardRecord], origin: str, layout: list[LayoutItem] | None = None) -> AddStats:
        """Store cards from one origin file; a known key only gains a count and an origin. A
        ``layout`` (the file's headings and analytics) replaces the one the origin had."""
        ...

    def layouts(self) -> list[tuple[str, list[LayoutItem], list[list[int]]]]:
        """Per origin, in import order: its layout and the ids of the cards stored at each of its
        card positions, oldest first."""
        ...

    def add_source(self, doc: Document, key: str, passages: list[PassageRecord]) -> int:
        """Store a cleaned document and its passages; returns the source id (existing one if known)."""
        ...

    def lexical(self, terms: list[str], filters: Filters, limit: int) -> dict[Key, list[float]]:
        """Up to ``limit`` items per kind matching any term, with one BM25 score per :data:`FIELDS` entry.

        Scores are positive, larger is better; a field that does not match scores 0.
        """
        ...

    def dense(self, vector: np.ndarray, filters: Filters, limit: int) -> list[Key]:
        """The items owning the ``limit`` vectors nearest to ``vector`` (approximate when large)."""
        ...

    def similarities(self, vector: np.ndarray, keys: list[Key]) -> dict[Key, dict[int, list[float]]]:
        """Exact cosine of ``vector`` with every stored vector of ``keys``, grouped by vector field."""
        ...

    def prime(self, vectors: np.ndarray) -> None:
        """A hint that searches for these query vectors (rows) follow: a store may score them all in
        one pass (one matrix product reads the vectors once instead of once per query)."""
        ...

    def items(self, keys: list[Key]) -> dict[Key, Item]:
        """Stored items by key (missing keys are left out)."""
        ...

    def field_texts(self, keys: list[Key]) -> dict[Key, tuple[str, str, str, str]]:
        """The searched text of each item, one per :data:`FIELDS` entry (a passage has no tag or
        underline: ""), for re-ranking features that compare the query with the words themselves;
        lighter than :meth:`items` (no card is rebuilt). Missing keys are left out."""
        ...

    def get_card(self, card_id: int) -> Card | None: ...

    def list_cards(self, offset: int, limit: int) -> list[Card]:
        """Up to ``limit`` stored cards, newest first, after skipping ``offset`` (for paging)."""
        ...

    def origins(self, card_id: int) -> list[str]: ...

    def card_version(self, card_id: int) -> int | None:
        """The stored card's version: 1 when added, one more after each :meth:`update_card` (None: no card)."""
        ...

    def update_card(self, card_id: int, record: CardRecord, version: int, detail: dict[str, object]) -> int:
        """Replace a card's tag, cite, marks, formatting and vectors (``record.card``; its id, key, body,
        origins and outline stay) in one transaction, if it is still at ``version``; logs ``detail``
        in the history and returns the new version. :class:`EditConflict` otherwise."""
        ...

    def card_history(self, card_id: int) -> list[dict[str, object]]:
        """The card's edits, oldest first: each its history detail plus ``at`` (seconds since the epoch)."""
        ...

    def delete(self, key: Key) -> bool: ...

    def stats(self) -> dict[str, int]: ...

    def close(self) -> None: ...
