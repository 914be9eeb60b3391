"""How much of a card to mark: a learned share per card and style, so that marking stays calibrated.

A bias on the word scores marks more of a card the more of it looks markable, so a model trained on
one circuit over-marks another's (the README's hidden sets: 60% underlined vs 45% gold). Here the
share is predicted instead, per kind (underline, highlight, emphasis) and style (policy, LD, PF),
as the logit of a linear function of what the card looks like (its length, how markable its words
score), fitted on each circuit's training cards by ``training/train_marker.py`` and shipped with the
model; the decoder then marks exactly that share.
"""

from __future__ import annotations

import numpy as np

#: The events a card can be marked for, in the order of the shipped coefficient rows.
STYLES = ("policy", "ld", "pf")
#: What mark() uses when no style is given: most cards are cut for policy or LD.
DEFAULT_STYLE = "policy"


def card_features(scores: np.ndarray) -> np.ndarray:
    """A card's features for its share: bias, log length, and the mean and spread of its word scores."""
    z = np.clip(np.asarray(scores, dtype=np.float64), -10, 10)
    return np.array([1.0, np.log1p(len(z)), float(z.mean()), float(z.std()), float((z > 0).mean())])


def style_index(style: str | None) -> int:
    """The row of ``style`` (None: the default style); ValueError for an unknown style."""
    name = DEFAULT_STYLE if style is None else style
    if name not in STYLES:
        raise ValueError(f"unknown style {style!r}; expected one of {', '.join(STYLES)}")
    return STYLES.index(name)


def predict_share(coef: np.ndarray, style: str | None, scores: np.ndarray) -> float:
    """The share of a card's words to mark: ``coef`` rows are styles, columns :func:`card_features`."""
    z = float(coef[style_index(style)] @ card_features(scores))
    return float(1 / (1 + np.exp(-np.clip(z, -20, 20))))


def fit_share(
    features: np.ndarray, styles: np.ndarray, shares: np.ndarray, weights: np.ndarray, ridge: float = 1.0
) -> np.ndarray:
    """Coefficient rows per style: weighted ridge least squares of the logit of ``shares`` on the
    card ``features`` (rows of :func:`card_features`), one intercept per style and shared slopes, so
    that a style with few training cards still gets the slopes the others teach."""
    p = np.clip(shares, 0.01, 0.99)
    y = np.log(p / (1 - p))
    onehot = np.eye(len(STYLES))[styles]
    x = np.concatenate([onehot, features[:, 1:]], axis=1)
    w = np.asarray(weights, dtype=np.float64)
    reg = ridge * np.eye(x.shape[1])
    reg[: len(STYLES), : len(STYLES)] *= 1e-3
    beta = np.linalg.solve(x.T @ (x * w[:, None]) + reg, x.T @ (y * w))
    return np.stack([np.r_[beta[k], beta[len(STYLES) :]] for k in range(len(STYLES))])


def file_weights(lengths: np.ndarray, files: list[str]) -> np.ndarray:
    """Per card weights for the share fit: its words, divided by the square root of its file's words
    (a file is one cutter's habit: one big file must not set a circuit's share alone), rescaled so
    that the Verbatim cards keep their total weight beside DebateSum's (no file: weighted by words)."""
    w = np.asarray(lengths, dtype=np.float64)
    names = np.array(files)
    verbatim = names != ""
    if not verbatim.any():
        return w
    _, inverse = np.unique(names, return_inverse=True)
    per_file = np.bincount(inverse, weights=w)[inverse]
    out = np.where(verbatim, w / np.sqrt(per_file), w)
    out[verbatim] *= w[verbatim].sum() / out[verbatim].sum()
    return out
