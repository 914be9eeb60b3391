"""Ranking: lexical and dense candidates, per-candidate features, then a learned re-ranker.

Candidates are the union of the BM25 top and the dense top, so each side rescues what the other
misses. Every candidate is then described by a few features (BM25 per field, best and mean window
similarity, similarity of the underlined words, both ranks, and how the query's own words sit in
the underlined words, the body and the cite: :mod:`cardsmith.embed.match`) and scored by a small
model trained listwise on the benchmark's train split (``benchmarks/search.py --train``), shipped as
``reranker.json``. Without that file the ranking falls back to reciprocal-rank fusion.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from cardsmith.embed import match
from cardsmith.embed.static import StaticEncoder
from cardsmith.library.chunk import BODY, TAG, UNDERLINE
from cardsmith.library.store import FIELDS, Filters, Key, Store

RERANKER = Path(__file__).with_name("reranker.json")
#: Candidates taken from each side (per kind for BM25) before re-ranking.
DEPTH = 100
#: Reciprocal-rank constant: small, so the first few ranks on either side dominate the fallback.
RRF_K = 10

#: A tag is a paraphrase of the underlined words, so tag matches count as underline matches: the
#: benchmark has no tags to train on, and this way a tagged card still gains from its tag.
FEATURES = (
    "bm25_underline", "bm25_cite", "bm25_body", "bm25_rrf",
    "dense_body_max", "dense_body_top2", "dense_underline", "has_underline",
    "dense_body_gap", "dense_underline_gap", "dense_rrf", "is_passage",
    *(f"match_underline_{n}" for n in match.NAMES), *(f"match_body_{n}" for n in match.NAMES),
    "match_cite_weighted",
)

_TERM = re.compile(r"[a-z0-9][a-z0-9'’]*[a-z0-9]|[a-z0-9]")


def query_terms(query: str, cap: int = 32) -> list[str]:
    """Content words of a claim, in order, without repeats (OR-ed in FTS5: recall first, BM25 ranks)."""
    seen: dict[str, None] = {}
    for word in _TERM.findall(query.lower()):
        word = word.replace("’", "'")
        if word not in match.QUERY_STOPWORDS and len(seen) < cap:
            seen.setdefault(word)
    return list(seen)


@dataclass
class Candidates:
    """The items considered for one query and their feature rows (``features[i]`` describes ``keys[i]``)."""

    keys: list[Key]
    features: np.ndarray


def candidates(store: Store, query_vec: np.ndarray, query: str, filters: Filters, depth: int = DEPTH) -> Candidates:
    """Union of lexical and dense candidates, each described by :data:`FEATURES`."""
    lexical = store.lexical(query_terms(query), filters, depth)
    dense = store.dense(query_vec, filters, depth)
    keys = list(dict.fromkeys([*lexical, *dense]))
    if not keys:
        return Candidates([], np.zeros((0, len(FEATURES)), dtype=np.float32))
    sims = store.similarities(query_vec, keys)
    bm25 = np.array([lexical.get(k, [0.0] * len(FIELDS)) for k in keys], dtype=np.float32)
    weights = np.array([3.0, 2.0, 0.5, 1.0], dtype=np.float32)
    combined = bm25 @ weights
    lex_rank = _ranks(combined, present=combined > 0)
    rows = []
    for key in keys:  # plain floats: numpy calls on 2-element lists cost more than the arithmetic
        fields = sims.get(key, {})
        body = sorted(fields.get(BODY, [0.0]), reverse=True)
        marked = fields.get(UNDERLINE, []) + fields.get(TAG, [])
        top2 = (body[0] + body[1]) / 2 if len(body) > 1 else body[0]
        rows.append([body[0], top2, max(marked, default=0.0), float(bool(marked))])
    dense_feats = np.array(rows, dtype=np.float32)
    dense_rank = _ranks(dense_feats[:, [0, 2]].max(axis=1), present=np.ones(len(keys), dtype=bool))
    lexical_feats = np.column_stack([bm25[:, 0] + bm25[:, 1], bm25[:, 2], bm25[:, 3]])
    norm = lexical_feats / np.maximum(lexical_feats.max(axis=0), 1e-6)
    features = np.column_stack([
        norm, 1.0 / (RRF_K + lex_rank),
        dense_feats,
        dense_feats[:, 0] - dense_feats[:, 0].max(), dense_feats[:, 2] - dense_feats[:, 2].max(),
        1.0 / (RRF_K + dense_rank),
        np.array([k[0] == "passage" for k in keys], dtype=np.float32),
        _match_features(store, query, keys),
    ]).astype(np.float32)
    return Candidates(keys, features)


def _match_features(store: Store, query: str, keys: list[Key]) -> np.ndarray:
    """The ``match_*`` features: the query's words in each candidate's tag and underlining (one text,
    as for BM25), its body and its cite, weighted by how rare the static table says they are."""
    prepared = match.prepare(query, _weights().word_weight)
    texts = store.field_texts(keys)
    empty = ("", "", "", "")
    fields = [texts.get(key, empty) for key in keys]
    marked = [f"{tag}\n{underline}" if tag else underline for tag, underline, _, _ in fields]
    scored = match.features_many(prepared, [*marked, *(f[3] for f in fields), *(f[2] for f in fields)])
    n = len(keys)
    rows = [[*scored[i], *scored[n + i], scored[2 * n + i][1]] for i in range(n)]
    return np.array(rows, dtype=np.float32).reshape(n, 2 * len(match.NAMES) + 1)


@lru_cache(maxsize=1)
def _weights() -> StaticEncoder:
    """The static table, for its word weights (whatever encoder made the library's vectors)."""
    from cardsmith.embed import default_encoder

    encoder = default_encoder()
    return encoder if isinstance(encoder, StaticEncoder) else StaticEncoder()


def _ranks(scores: np.ndarray, present: np.ndarray) -> np.ndarray:
    """1-based rank by descending score; absent items rank at infinity (their reciprocal rank is 0)."""
    order = np.argsort(-scores, kind="stable")
    ranks = np.empty(len(scores), dtype=np.float32)
    ranks[order] = np.arange(1, len(scores) + 1)
    return np.where(present, ranks, np.inf)


@dataclass
class Reranker:
    """A tiny scorer over standardised features: linear part plus one ReLU layer (feature interactions).

    Trained listwise (softmax over each query's candidates, the true card as the target); the whole
    model is a few hundred numbers, so scoring 200 candidates costs microseconds.
    """

    mean: np.ndarray
    std: np.ndarray
    linear: np.ndarray
    hidden: np.ndarray  # (features, units)
    bias: np.ndarray  # (units,)
    out: np.ndarray  # (units,)

    def score(self, features: np.ndarray) -> np.ndarray:
        z = (features - self.mean) / self.std
        return np.maximum(z @ self.hidden + self.bias, 0.0) @ self.out + z @ self.linear

    def to_json(self) -> str:
        data = {"features": list(FEATURES), **{k: getattr(self, k).tolist() for k in _PARAMS}}
        return json.dumps(data)

    @classmethod
    def from_json(cls, text: str) -> Reranker | None:
        data = json.loads(text)
        if data.get("features") != list(FEATURES):
            return None  # trained on other features: fall back rather than mis-score
        return cls(*(np.array(data[k], dtype=np.float32) for k in _PARAMS))


_PARAMS = ("mean", "std", "linear", "hidden", "bias", "out")


@lru_cache(maxsize=1)
def shipped_reranker() -> Reranker | None:
    """The trained model shipped with the package, if any."""
    return Reranker.from_json(RERANKER.read_text()) if RERANKER.exists() else None


def fuse_rrf(features: np.ndarray) -> np.ndarray:
    """Reciprocal-rank fusion of the BM25 and dense ranks: the untrained fallback."""
    return features[:, FEATURES.index("bm25_rrf")] + features[:, FEATURES.index("dense_rrf")]


def rank(
    store: Store, query_vec: np.ndarray, query: str, filters: Filters, limit: int, reranker: Reranker | None
) -> list[tuple[Key, float]]:
    """The best ``limit`` items for ``query`` (embedded as ``query_vec``), best first, with their scores."""
    found = candidates(store, query_vec, query, filters)
    if not found.keys:
        return []
    scores = reranker.score(found.features) if reranker else fuse_rrf(found.features)
    order = np.argsort(-scores, kind="stable")[:limit]
    return [(found.keys[i], float(scores[i])) for i in order]
