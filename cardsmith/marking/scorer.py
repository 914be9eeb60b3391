"""Per-word scores for underlining and highlighting: the shipped learned model, else the heuristic.

A scorer gives every word a log-odds-like score (> 0: mark it) plus the switch costs the decoder
charges for starting or ending a phrase inside a chunk / at punctuation. Highlight is scored
given the underline scores (the highlight is the core of what would be underlined).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol

import numpy as np

from cardsmith.marking.heuristic import chunk_overlap, highlight_scores, tag_overlap
from cardsmith.marking.text import Words


class Scorer(Protocol):
    underline_switch: tuple[float, ...]
    highlight_switch: tuple[float, ...]

    def underline(self, ws: Words, tag: str) -> np.ndarray: ...

    def highlight(self, ws: Words, tag: str, underline: np.ndarray) -> np.ndarray:
        """Highlight scores given the underline scores."""
        ...

    def emphasis(self, ws: Words, tag: str, highlight: np.ndarray) -> np.ndarray | None:
        """Emphasis scores given the highlight scores; None when the scorer has no emphasis model."""
        ...

    def share(self, kind: str, style: str | None, scores: np.ndarray) -> float | None:
        """The share of words to mark as ``kind`` ("underline", "highlight", "emphasis") for ``style``;
        None: decode the scores as they stand."""
        ...


class HeuristicScorer:
    """Tag overlap of each punctuation chunk, nudged by the word's own overlap."""

    underline_switch = (3.0, 0.5)
    highlight_switch = (0.8, 0.3)

    def underline(self, ws: Words, tag: str) -> np.ndarray:
        # Earlier text scores a little higher: cards lead with their claim, and ties need breaking.
        lead = 0.8 * (1.0 - np.arange(len(ws)) / max(len(ws) - 1, 1))
        return 4.0 * (chunk_overlap(ws, tag) - 0.15) + 0.5 * tag_overlap(ws, tag) + lead - 0.4

    def highlight(self, ws: Words, tag: str, underline: np.ndarray) -> np.ndarray:
        # The heuristic's highlight only makes sense inside its underline: keep it there.
        return np.where(underline > 0, highlight_scores(ws, tag), -np.inf)

    def emphasis(self, ws: Words, tag: str, highlight: np.ndarray) -> np.ndarray | None:
        return None

    def share(self, kind: str, style: str | None, scores: np.ndarray) -> float | None:
        return None


@lru_cache(maxsize=1)
def load_scorer() -> Scorer:
    """The learned scorer when its weights ship with the package, else the heuristic."""
    from cardsmith.marking.learned import load_learned

    return load_learned() or HeuristicScorer()
