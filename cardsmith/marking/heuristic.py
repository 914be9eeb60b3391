"""Verbatim-style auto underline: the reference marker and the fallback when no model is shipped.

Word's Verbatim template underlines a chunk between punctuation marks when enough of its words
appear in the tag. We score each chunk by the share of its content words whose stem is in the tag.
"""

from __future__ import annotations

import numpy as np

from cardsmith.marking.text import CAUSAL, STOPWORDS, Words, content_stems, is_number

#: A chunk is underlined when at least this share of its content words appear in the tag.
AUTO_THRESHOLD = 0.25


def tag_overlap(ws: Words, tag: str) -> np.ndarray:
    """1 for content words whose stem is in the tag, else 0."""
    tag_stems = content_stems(tag)
    return np.array([float(lw not in STOPWORDS and st in tag_stems) for lw, st in zip(ws.lower, ws.stems, strict=True)])


def chunk_overlap(ws: Words, tag: str) -> np.ndarray:
    """For each word, the share of its chunk's content words that appear in the tag."""
    hit = tag_overlap(ws, tag)
    content = np.array([float(lw not in STOPWORDS) for lw in ws.lower])
    if not len(ws):
        return np.zeros(0)
    n_chunks = int(ws.chunk.max()) + 1
    hits = np.bincount(ws.chunk, weights=hit, minlength=n_chunks)
    contents = np.bincount(ws.chunk, weights=content, minlength=n_chunks)
    return (hits / np.maximum(contents, 1.0))[ws.chunk]


def auto_underline(ws: Words, tag: str) -> np.ndarray:
    """Verbatim's rule: whole chunks whose tag overlap reaches :data:`AUTO_THRESHOLD`."""
    return chunk_overlap(ws, tag) >= AUTO_THRESHOLD


def highlight_scores(ws: Words, tag: str) -> np.ndarray:
    """What a debater reads aloud: tag terms, numbers and causal words; function words rarely."""
    hit = tag_overlap(ws, tag)
    extra = np.array(
        [
            1.0 * is_number(lw) + 0.8 * (lw in CAUSAL) + 0.3 * (lw not in STOPWORDS) - 0.4 * (lw in STOPWORDS)
            for lw in ws.lower
        ]
    )
    return hit * 1.5 + extra - 0.6
