"""The learned marker: shipped weights (checked by sha256) applied to hand-made word features.

Each of underline and highlight is scored by two models over the same features, averaged: a small
network and boosted trees (the pair lifts held-out underline MCC over the network alone; see the
README's marking benchmark).

Weights live in ``cardsmith/models/marker.npz`` with their sha256 in ``marker.npz.sha256``; both are
written by ``training/train_marker.py``. A missing file means "no learned model" (the heuristic is
used); a file whose hash does not match is refused, never silently used.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

import numpy as np

from cardsmith.errors import CardsmithError
from cardsmith.marking.density import predict_share
from cardsmith.marking.features import Tables, highlight_features, word_features
from cardsmith.marking.net import Net
from cardsmith.marking.text import Words
from cardsmith.marking.trees import Trees

WEIGHTS = "marker.npz"
#: What is marked, in the order mark() decides it.
KINDS = ("underline", "highlight", "emphasis")


@dataclass
class Ensemble:
    """The mean of a network's and boosted trees' logits over one feature matrix."""

    net: Net
    trees: Trees

    def logits(self, x: np.ndarray) -> np.ndarray:
        return (self.net.logits(x) + self.trees.logits(x)) / 2

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        return {**self.net.arrays(prefix), **self.trees.arrays(f"{prefix}.trees")}

    @classmethod
    def from_arrays(cls, data: dict[str, np.ndarray], prefix: str) -> Ensemble:
        return cls(Net.from_arrays(data, prefix), Trees.from_arrays(data, f"{prefix}.trees"))


class LearnedScorer:
    """Underline logits from one ensemble, highlight logits (given the underline) from another."""

    def __init__(self, data: dict[str, np.ndarray]) -> None:
        self.u_tables = Tables(data["idf"], data["u_prior"], data["u_lex"])
        self.h_tables = Tables(data["idf"], data["h_prior"], data["h_lex"])
        self.u_model = Ensemble.from_arrays(data, "u")
        self.h_model = Ensemble.from_arrays(data, "h")
        self.u_bias, self.h_bias = float(data["u_bias"]), float(data["h_bias"])
        self.underline_switch = tuple(float(x) for x in data["u_switch"])
        self.highlight_switch = tuple(float(x) for x in data["h_switch"])
        # Emphasis and per-style shares came with the second round of training: older files lack them.
        self.e_model = Ensemble.from_arrays(data, "e") if "e.w1" in data else None
        self.e_tables = Tables(data["idf"], data["e_prior"], data["e_lex"]) if self.e_model else None
        self.shares = {kind: data[f"{kind}_share"] for kind in KINDS if f"{kind}_share" in data}

    def underline(self, ws: Words, tag: str) -> np.ndarray:
        return self.u_model.logits(word_features(ws, tag, self.u_tables)) + self.u_bias

    def highlight(self, ws: Words, tag: str, underline: np.ndarray) -> np.ndarray:
        x = highlight_features(ws, tag, self.h_tables, underline - self.u_bias)
        return self.h_model.logits(x) + self.h_bias

    def emphasis(self, ws: Words, tag: str, highlight: np.ndarray) -> np.ndarray | None:
        if self.e_model is None or self.e_tables is None:
            return None
        return self.e_model.logits(highlight_features(ws, tag, self.e_tables, highlight - self.h_bias))

    def share(self, kind: str, style: str | None, scores: np.ndarray) -> float | None:
        coef = self.shares.get(kind)
        return None if coef is None else predict_share(coef, style, scores)


def load_learned(folder: Traversable | None = None) -> LearnedScorer | None:
    """The learned scorer from ``folder`` (default: the package's models), or None when absent."""
    pkg = folder or resources.files("cardsmith") / "models"
    weights, digest = pkg / WEIGHTS, pkg / f"{WEIGHTS}.sha256"
    if not weights.is_file():
        return None
    raw = weights.read_bytes()
    expected = digest.read_text().split()[0] if digest.is_file() else ""
    if hashlib.sha256(raw).hexdigest() != expected:
        raise CardsmithError(f"{WEIGHTS}: marker weights fail their sha256 check; reinstall cardsmith")
    with np.load(io.BytesIO(raw)) as data:
        return LearnedScorer(dict(data))
