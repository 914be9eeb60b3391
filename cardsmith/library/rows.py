"""What a stored card row holds, the same for every backend: the derived columns a card is filtered and
searched by, the row read back as a :class:`Card`, and the filter conditions over those columns."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict

from cardsmith.library.chunk import span_text
from cardsmith.library.store import Filters
from cardsmith.model import Card, Cite, Marks, Metadata, SourceRef, formatting_from_json, formatting_to_json

#: Combined BM25 field weights (tag, underline, cite, body) used to pick lexical candidates.
BM25_WEIGHTS = (3.0, 2.0, 0.5, 1.0)
#: The ``kind`` column of a vector row: whose vector it is.
KIND_CODE = {"card": 0, "passage": 1}
CODE_KIND = {0: "card", 1: "passage"}


def authors_key(names: list[str], fallback: str) -> str:
    """Lower-cased author names for LIKE filtering (the short cite stands in when names are unknown)."""
    return " ; ".join(n.lower() for n in names) or fallback.lower()


def source_cite_text(meta: Metadata) -> str:
    """A source's searchable cite line (its passages' ``cite_text``): authors, date, title, publication, URL."""
    return " ".join(
        str(p) for p in (", ".join(meta.authors), meta.date, meta.title, meta.publication, meta.url) if p
    )


def year_key(year: int | None, date: str | None) -> int | None:
    if year:
        return year
    return int(date[:4]) if date and date[:4].isdigit() else None


def edit_columns(card: Card, encode: Callable[[object], object]) -> dict[str, object]:
    """The card columns an edit rewrites, JSON through ``encode`` (``json.dumps``; PostgreSQL: ``Jsonb``)."""
    return {
        "tag": card.tag, "cite": encode(asdict(card.cite)), "cite_text": card.cite.text,
        "authors": authors_key(card.cite.authors, card.cite.short), "year": year_key(card.cite.year, card.cite.date),
        "underline": span_text(card.body, card.marks.underline), "marks": encode(asdict(card.marks)),
        "formatting": None if card.formatting is None else encode(formatting_to_json(card.formatting)),
    }


def insert_columns(card: Card, key: str, now: float, encode: Callable[[object], object]) -> dict[str, object]:
    """Every column of a new card's row (:func:`edit_columns` and what an edit never changes)."""
    return {
        "key": key, **edit_columns(card, encode), "body": card.body, "outline": encode(card.outline),
        "source": encode(asdict(card.source)), "count": 1, "added": now,
    }


def card_from_row(row: tuple) -> Card:
    """A card from the first 15 columns of a ``cards`` row (JSON columns as text)."""
    (cid, _key, tag, cite, _ct, _a, _y, body, _u, marks, outline, source, _count, _added, formatting) = row[:15]
    m = json.loads(marks)
    return Card(
        tag=tag,
        cite=Cite(**json.loads(cite)),
        body=body,
        marks=Marks(**{k: [tuple(s) for s in v] for k, v in m.items()}),
        source=SourceRef(**json.loads(source)),
        outline=json.loads(outline),
        id=f"c{cid}",
        formatting=None if formatting is None else formatting_from_json(json.loads(formatting)),
    )


def filter_sql(alias: str, filters: Filters, mark: str = "?") -> tuple[str, list[object]]:
    """Conditions on the author and year columns of table ``alias``; ``mark`` is the driver's placeholder."""
    where, args = "", []
    if filters.author:
        where += f" AND {alias}.authors LIKE {mark}"
        args.append(f"%{filters.author.lower()}%")
    if filters.year:
        where += f" AND {alias}.year = {mark}"
        args.append(filters.year)
    return where, args
