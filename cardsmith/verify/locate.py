"""Find which source a card was cut from and roughly where, before any expensive alignment.

Word 3-gram shingles are anchors: a 3-word run the card shares with a source is rarely chance, and
edits or debris in the card only knock out the few shingles they touch. The densest window of anchor
hits is the candidate region that :mod:`align` then aligns word by word.
"""

from __future__ import annotations

from dataclasses import dataclass

from cardsmith.verify.normalize import Token

SHINGLE = 3


@dataclass(frozen=True)
class Location:
    """Source ``doc`` (an index into the list searched) and token region ``[lo, hi)`` within it.

    ``coverage`` is the share of the card's shingles found in the region.
    """

    doc: int
    lo: int
    hi: int
    coverage: float


def _shingles(norms: list[str], k: int) -> list[tuple[str, ...]]:
    return list(zip(*(norms[i:] for i in range(k)), strict=False))


def _densest(hits: list[int], width: int) -> tuple[int, int, int]:
    """(count, first, last) of the window of ``width`` tokens holding the most hits (hits sorted)."""
    best = (0, 0, 0)
    left = 0
    for right, pos in enumerate(hits):
        while pos - hits[left] > width:
            left += 1
        if right - left + 1 > best[0]:
            best = (right - left + 1, hits[left], pos)
    return best


def locate(card: list[Token], sources: list[list[Token]]) -> Location | None:
    """The source and region where ``card`` best fits, or None when no source shares a shingle."""
    k = SHINGLE if len(card) >= SHINGLE else max(len(card), 1)
    card_shingles = set(_shingles([t.norm for t in card], k))
    if not card_shingles:
        return None
    width = len(card) * 3 // 2 + 50
    margin = len(card) // 5 + 20
    best: Location | None = None
    best_count = 0
    for index, tokens in enumerate(sources):
        hits = [j for j, sh in enumerate(_shingles([t.norm for t in tokens], k)) if sh in card_shingles]
        if not hits:
            continue
        count, first, last = _densest(hits, width)
        if count > best_count:
            best_count = count
            lo, hi = max(first - margin, 0), min(last + k + margin, len(tokens))
            best = Location(index, lo, hi, min(count / len(card_shingles), 1.0))
    return best
