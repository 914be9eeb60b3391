"""Hand-made word features for the learned marker (no embedding model: fast, tiny, offline).

What predicts a debater's underline: the word's and its phrase's overlap with the tag (by stem,
weighted by rarity), where it sits in its chunk / sentence / card, whether it is a number, a causal
or negation word, and how often that word is underlined in real cards (a per-stem prior learned
from the training split). Vocabulary tables are hashed so the shipped file stays small.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np

from cardsmith.marking.lexical import lexical_ids, lexical_scores
from cardsmith.marking.text import CAUSAL, NEGATION, STOPWORDS, Words, content_stems, is_number, words

#: Size of the hashed vocabulary tables (IDF and per-stem priors).
BUCKETS = 1 << 16


@dataclass(frozen=True)
class Tables:
    """Per-stem tables learned from training cards: IDF, how often a stem is marked, lexical weights."""

    idf: np.ndarray
    prior: np.ndarray
    lex: np.ndarray


def buckets(stems: list[str]) -> np.ndarray:
    """Stable hash of each stem into the vocabulary tables."""
    return np.array([zlib.crc32(s.encode("utf-8")) % BUCKETS for s in stems], dtype=np.int64)


def _group_mean(values: np.ndarray, groups: np.ndarray) -> np.ndarray:
    n = int(groups.max()) + 1
    sums = np.bincount(groups, weights=values, minlength=n)
    counts = np.bincount(groups, minlength=n)
    return (sums / np.maximum(counts, 1))[groups]


def _window_mean(values: np.ndarray, radius: int) -> np.ndarray:
    """Mean of ``values`` over words i-radius..i+radius (clipped at the ends)."""
    c = np.concatenate(([0.0], np.cumsum(values)))
    n = len(values)
    idx = np.arange(n)
    lo, hi = np.maximum(0, idx - radius), np.minimum(n, idx + radius + 1)
    return (c[hi] - c[lo]) / (hi - lo)


def _shift(values: np.ndarray, k: int) -> np.ndarray:
    """values[i-k] (zero past the ends): the neighbour's feature."""
    out = np.zeros_like(values)
    if k > 0:
        out[k:] = values[:-k]
    elif k < 0:
        out[:k] = values[-k:]
    else:
        out[:] = values
    return out


def _position_in_group(groups: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Relative position (0..1) of each word in its group, and the group's length."""
    n = len(groups)
    starts = np.r_[0, np.flatnonzero(np.diff(groups)) + 1]
    lengths = np.diff(np.r_[starts, n])
    first = np.repeat(starts, lengths)
    length = np.repeat(lengths, lengths)
    return (np.arange(n) - first) / np.maximum(length - 1, 1), length.astype(np.float64)


def _inside_brackets(ws: Words) -> np.ndarray:
    depth, out, prev = 0, np.zeros(len(ws)), 0
    for i, (s, _e) in enumerate(ws.spans):
        gap = ws.body[prev:s]
        depth = max(0, depth + gap.count("(") + gap.count("[") - gap.count(")") - gap.count("]"))
        out[i] = depth > 0
        prev = s
    return out


def word_features(ws: Words, tag: str, tables: Tables) -> np.ndarray:
    """A (words × features) matrix for one card."""
    n = len(ws)
    tag_stems = content_stems(tag)
    tag_words = {w.lower() for w in tag.split()}
    tw = words(tag)
    tag_stem_list = [st for lw, st in zip(tw.lower, tw.stems, strict=True) if lw not in STOPWORDS]
    tag_bigrams = set(zip(tag_stem_list, tag_stem_list[1:], strict=False))
    stop = np.array([w in STOPWORDS for w in ws.lower], dtype=np.float64)
    hit = np.array([st in tag_stems for st in ws.stems], dtype=np.float64) * (1 - stop)
    exact = np.array([w in tag_words for w in ws.lower], dtype=np.float64)
    b = buckets(ws.stems)
    w_idf, w_prior = tables.idf[b].astype(np.float64), tables.prior[b].astype(np.float64)
    lex = lexical_scores(lexical_ids(ws, tag), tables.lex)
    para_pos, para_len = _position_in_group(ws.paragraph)
    big = np.zeros(n)
    for i in range(n - 1):
        if (ws.stems[i], ws.stems[i + 1]) in tag_bigrams:
            big[i] = big[i + 1] = 1.0
    number = np.array([is_number(w) for w in ws.lower], dtype=np.float64)
    causal = np.array([w in CAUSAL for w in ws.lower], dtype=np.float64)
    neg = np.array([w in NEGATION for w in ws.lower], dtype=np.float64)
    text = [ws.body[s:e] for s, e in ws.spans]
    cap = np.array([t[:1].isupper() for t in text], dtype=np.float64)
    length = np.log1p([len(t) for t in text])
    content = 1 - stop
    chunk_pos, chunk_len = _position_in_group(ws.chunk)
    sent_pos, sent_len = _position_in_group(ws.sentence)
    chunk_hit = _group_mean(hit, ws.chunk) / np.maximum(_group_mean(content, ws.chunk), 1e-3)
    sent_hit = _group_mean(hit, ws.sentence) / np.maximum(_group_mean(content, ws.sentence), 1e-3)
    wid = hit * w_idf
    card_pos = np.arange(n) / max(n - 1, 1)
    n_sent = float(ws.sentence.max()) + 1
    cols = [
        hit, exact, wid, big, stop, number, causal, neg, cap, length, w_idf, w_prior,
        chunk_hit, _group_mean(wid, ws.chunk), _group_mean(w_prior, ws.chunk), _group_mean(w_idf, ws.chunk),
        sent_hit, _group_mean(w_prior, ws.sentence), _group_mean(number, ws.sentence),
        _window_mean(hit, 2), _window_mean(hit, 5), _window_mean(hit, 12), _window_mean(w_prior, 3),
        _shift(hit, 1), _shift(hit, -1), _shift(stop, 1), _shift(stop, -1),
        _shift(w_prior, 1), _shift(w_prior, -1),
        chunk_pos, np.log1p(chunk_len), sent_pos, np.log1p(sent_len), card_pos,
        (ws.sentence == 0).astype(np.float64), ws.sentence / n_sent,
        ws.breaks_after.astype(np.float64), _shift(ws.breaks_after.astype(np.float64), 1),
        _inside_brackets(ws),
        np.full(n, np.log1p(n)), np.full(n, np.log1p(len(tag_stems))), np.full(n, hit.mean()),
        chunk_hit - np.full(n, chunk_hit.mean()),
        lex, _group_mean(lex, ws.chunk), _group_mean(lex, ws.sentence), _group_mean(lex, ws.paragraph),
        _window_mean(lex, 3), _window_mean(lex, 10), lex - lex.mean(), _group_mean(lex, ws.sentence) - lex.mean(),
        para_pos, np.log1p(para_len), ws.paragraph / (float(ws.paragraph.max()) + 1),
        np.full(n, (float(ws.paragraph.max()) + 1) / n), _group_mean(hit, ws.paragraph),
    ]  # fmt: skip
    return np.stack(cols, axis=1)


def highlight_features(ws: Words, tag: str, tables: Tables, u_logits: np.ndarray) -> np.ndarray:
    """Word features (with the highlight tables) plus the underline model's logits around the word.

    Deliberately not conditioned on a decoded underline: a highlight model that may only look inside
    the predicted underline loses every highlighted word the underline missed (measured on held-out
    PF cards: F1 .231 inside the predicted underline vs .257 scored on its own).
    """
    z = np.asarray(u_logits, dtype=np.float64)
    extra = np.stack([z, _window_mean(z, 3), _group_mean(z, ws.sentence), z - z.mean()], axis=1)
    return np.concatenate([word_features(ws, tag, tables), extra], axis=1)
