"""Candidate sources for a card from the evidence library, when the debater has no file at hand.

The library's search ranks passages of added sources (and stored cards) against the card's opening
words; the files those passages came from are re-read whole when still on disk, so the whole
excerpt and its context can be checked. A passage whose file is gone is used alone, and a stored
card that is not this card itself (another cut of the same article) is a last-resort source.
"""

from __future__ import annotations

from pathlib import Path

from cardsmith.errors import CardsmithError
from cardsmith.library import Library, dedupe_key
from cardsmith.model import Card, Document, Metadata
from cardsmith.sources import read_document

#: Words of the card's body used as the search query (enough to be distinctive, cheap to embed).
QUERY_WORDS = 80
#: Library results considered.
CANDIDATES = 8


def library_sources(
    library: Library, card: Card, limit: int = CANDIDATES, *, absolute_only: bool = False
) -> list[Document]:
    """Documents to verify ``card`` against: sources first (whole files, else passages), then cards.

    Order matters: :func:`cardsmith.verify.verify` keeps the first of equally good matches, and an
    original source beats another cutter's copy. ``absolute_only`` re-reads only sources stored
    under an absolute path: the web app's uploads are stored under their label, which must never be
    opened as a file relative to wherever the server runs.
    """
    query = " ".join(card.body.split()[:QUERY_WORDS])
    own_key = dedupe_key(card)
    sources: list[Document] = []
    copies: list[Document] = []
    seen: set[str] = set()
    for hit in library.search(query, limit=limit):
        if hit.kind == "card":
            if hit.card is not None and dedupe_key(hit.card) != own_key:
                copies.append(_stored(hit.id, hit.text, hit.source))
            continue
        if hit.source in seen:
            continue
        if hit.source and Path(hit.source).is_file() and (Path(hit.source).is_absolute() or not absolute_only):
            seen.add(hit.source)
            try:
                sources.append(read_document(hit.source))
                continue
            except CardsmithError:
                pass
        sources.append(_stored(hit.id, hit.text, hit.source))
    return sources + copies


def _stored(item_id: str, text: str, origin: str | None) -> Document:
    """A library item's own text as a source, labelled so the report says where it came from."""
    label = f"library:{item_id}" + (f" ({origin})" if origin else "")
    return Document(text=text, paragraphs=[], metadata=Metadata(), path=label)
