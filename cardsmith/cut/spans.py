"""Candidate card bodies and what a learned scorer knows about each.

A candidate is a run of whole sentences inside one section (no heading, dateline or author note in
it) of ``min_words``..``max_words`` words. Its features are cheap sums over its sentences (prefix
sums, so ten thousand candidates cost milliseconds): how much of the claim it holds (BM25 of the
claim against the span as one text, share of the claim's terms), how relevant its sentences are,
what relevance it leaves just outside, its length, and the boundary cues of
:mod:`cardsmith.cut.boundaries`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from cardsmith.cut import boundaries
from cardsmith.cut.relevance import sentence_relevance, terms
from cardsmith.cut.sentences import split_sentences
from cardsmith.embed import Encoder
from cardsmith.model import Document, Span

_WORDS = re.compile(r"\S+")

#: Feature names, in the order of the columns of :func:`features` (the model file lists them too).
FEATURES = (
    "gain", "rel_mean", "rel_max", "bm25_span", "bm25_span_rel", "coverage",
    "log_words", "log_words_sq", "log_sentences", "paragraph_breaks",
    "starts_paragraph", "ends_paragraph", "whole_paragraphs", "opens_section",
    "starts_mid_list", "starts_list_first", "after_lead_in", "starts_caption", "starts_mid_thought",
    "starts_lower_case",
    "ends_on_lead_in", "ends_unpunctuated", "list_continues",
    "rel_before", "rel_after", "rel_left_in_paragraph", "rel_left_after_in_paragraph",
    "top_paragraph", "words_100", "sum_rel", "sum_par_rel", "sum_par_top", "sum_par_second",
    "sum_par_rel_sq", "sum_par_coverage", "mean_par_rel", "top_share", "second_share", "covers_top", "is_top",
)  # fmt: skip


@dataclass
class Sentences:
    """A document's sentences and, for each, its paragraph, section, and whether it is a heading's."""

    spans: list[Span]
    texts: list[str]
    paragraph: np.ndarray
    section: np.ndarray
    heading: np.ndarray
    words: np.ndarray
    terms: list[Counter[str]]


def sentences(doc: Document, is_heading) -> Sentences:
    """Split ``doc`` into sentences; ``is_heading(text)`` marks paragraphs no card may include."""
    spans: list[Span] = []
    paragraph, section, heading = [], [], []
    current = 0
    for index, (start, end) in enumerate(doc.paragraphs):
        parts = split_sentences(doc.text, start, end)
        if not parts:
            continue
        head = is_heading(doc.text[start:end])
        current += head
        spans += parts
        paragraph += [index] * len(parts)
        section += [current] * len(parts)
        heading += [head] * len(parts)
    texts = [doc.text[s:e] for s, e in spans]
    return Sentences(
        spans, texts, np.array(paragraph, dtype=int), np.array(section, dtype=int), np.array(heading, dtype=bool),
        np.array([len(_WORDS.findall(t)) for t in texts], dtype=float), [Counter(terms(t)) for t in texts],
    )


def candidates(sents: Sentences, min_words: int, max_words: int) -> tuple[np.ndarray, np.ndarray]:
    """``(first, last)`` sentence indices of every candidate span (inclusive)."""
    firsts, lasts = [], []
    n = len(sents.spans)
    cum = np.concatenate([[0.0], np.cumsum(sents.words)])
    for i in range(n):
        if sents.heading[i]:
            continue
        j = i
        while j < n and not sents.heading[j] and sents.section[j] == sents.section[i]:
            j += 1
        ends = np.arange(i, j)
        words = cum[ends + 1] - cum[i]
        keep = ends[(words >= min_words) & (words <= max_words)]
        firsts.append(np.full(len(keep), i))
        lasts.append(keep)
    if not firsts:
        return np.zeros(0, dtype=int), np.zeros(0, dtype=int)
    return np.concatenate(firsts), np.concatenate(lasts)


def features(
    claim: str, sents: Sentences, first: np.ndarray, last: np.ndarray, *, encoder: Encoder | None = None,
    baseline: float = 0.5, min_cost: float = 0.05,
) -> np.ndarray:
    """One row of :data:`FEATURES` per candidate ``(first[k], last[k])``."""
    n = len(sents.spans)
    rel = sentence_relevance(claim, sents.texts, encoder)
    rel = np.where(sents.heading, 0.0, rel)
    floor = max(float(np.quantile(rel, baseline)), min_cost) if n else min_cost
    cues = _cues(sents)
    prefix = lambda x: np.concatenate([[0.0], np.cumsum(x)])  # noqa: E731
    p_rel, p_words, p_gain = prefix(rel), prefix(sents.words), prefix(rel - floor)
    count = last - first + 1
    words = p_words[last + 1] - p_words[first]
    rel_max = _range_max(rel, first, last)
    bm25, coverage = _span_bm25(claim, sents, first, last)
    para = sents.paragraph
    starts_par = first == 0
    starts_par[~starts_par] = para[first[~starts_par] - 1] != para[first[~starts_par]]
    ends_par = last == n - 1
    ends_par[~ends_par] = para[last[~ends_par] + 1] != para[last[~ends_par]]
    before = np.where(first > 0, rel[np.maximum(first - 1, 0)], 0.0)
    after = np.where(last < n - 1, rel[np.minimum(last + 1, n - 1)], 0.0)
    par_start, par_end = _paragraph_bounds(para)
    left_before = p_rel[first] - p_rel[par_start[first]]
    left_after = p_rel[par_end[last] + 1] - p_rel[last + 1]
    opens_section = np.array([i > 0 and sents.heading[i - 1] for i in first], dtype=float)
    prev_lead = np.array([i > 0 and cues["lead_in"][i - 1] for i in first], dtype=float)
    ordinal = cues["ordinal"]
    list_continues = np.array([j < n - 1 and ordinal[j + 1] > 1 and ordinal[j + 1] > ordinal[first[k]]
                               for k, j in enumerate(last)], dtype=float)
    par_rel, par_cov = _paragraph_relevance(claim, sents)
    top = int(sents.paragraph[par_rel.argmax()]) if n and par_rel.max() > 0 else -1
    order = np.sort(np.unique(par_rel))[::-1]
    second = order[1] if len(order) > 1 else 0.0
    # Word-weighted sums over the span of per-sentence traits: linear in what the span adds.
    traits = np.column_stack([rel, par_rel, par_rel == 1.0, (par_rel >= second) & (par_rel > 0), par_rel**2, par_cov])
    sums = np.vstack([np.zeros(traits.shape[1]), np.cumsum(traits * sents.words[:, None] / 100, axis=0)])
    span_sums = sums[last + 1] - sums[first]
    top_rows = np.flatnonzero(para == top)
    covers_top = (first <= top_rows[0]) & (last >= top_rows[-1]) if len(top_rows) else np.zeros(len(first), bool)
    columns = [
        p_gain[last + 1] - p_gain[first], (p_rel[last + 1] - p_rel[first]) / count, rel_max,
        np.log1p(bm25), bm25 / max(float(bm25.max(initial=0.0)), 1e-9), coverage,
        np.log(words), np.log(words) ** 2, np.log(count), np.log1p(para[last] - para[first]),
        starts_par, ends_par, starts_par & ends_par, opens_section,
        cues["ordinal"][first] > 1, cues["ordinal"][first] == 1, prev_lead, cues["caption"][first],
        cues["mid_thought"][first], cues["lower"][first] & ~starts_par,
        cues["lead_in"][last], ~cues["ends"][last], list_continues,
        before, after, left_before, left_after,
        (para[first] <= top) & (top <= para[last]), words / 100, *span_sums.T,
        span_sums[:, 1] / (words / 100), span_sums[:, 2] / (words / 100), span_sums[:, 3] / (words / 100),
        covers_top, covers_top & (para[first] == top) & (para[last] == top),
    ]  # fmt: skip
    return np.column_stack([np.asarray(c, dtype=float) for c in columns])


def _cues(sents: Sentences) -> dict[str, np.ndarray]:
    texts = sents.texts
    return {
        "ordinal": np.array([boundaries.list_ordinal(t) for t in texts], dtype=int),
        "lead_in": np.array([boundaries.is_lead_in(t) for t in texts], dtype=bool),
        "caption": np.array([boundaries.is_caption(t) for t in texts], dtype=bool),
        "mid_thought": np.array([boundaries.opens_mid_thought(t) for t in texts], dtype=bool),
        "lower": np.array([boundaries.opens_lower_case(t) for t in texts], dtype=bool),
        "ends": np.array([boundaries.ends_sentence(t) for t in texts], dtype=bool),
    }


def _range_max(values: np.ndarray, first: np.ndarray, last: np.ndarray) -> np.ndarray:
    """max(values[first[k]:last[k]+1]) for each k (candidates come grouped by ``first``)."""
    out = np.zeros(len(first))
    for i in np.unique(first):
        rows = np.flatnonzero(first == i)
        running = np.maximum.accumulate(values[i : last[rows].max() + 1])
        out[rows] = running[last[rows] - i]
    return out


def _paragraph_bounds(para: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each sentence, the index of its paragraph's first and last sentence."""
    n = len(para)
    starts, ends = np.zeros(n, dtype=int), np.zeros(n, dtype=int)
    for i in range(n):
        starts[i] = i if i == 0 or para[i - 1] != para[i] else starts[i - 1]
    for i in reversed(range(n)):
        ends[i] = i if i == n - 1 or para[i + 1] != para[i] else ends[i + 1]
    return starts, ends


def _span_bm25(claim: str, sents: Sentences, first: np.ndarray, last: np.ndarray,
               k1: float = 1.2, b: float = 0.75) -> tuple[np.ndarray, np.ndarray]:
    """BM25 of the claim against each span as one text (idf over the document's paragraphs), and the
    idf-weighted share of the claim's terms the span holds."""
    query = sorted(set(terms(claim)))
    counts = sents.terms
    if not query or not counts:
        return np.zeros(len(first)), np.zeros(len(first))
    tf = np.array([[c.get(q, 0) for q in query] for c in counts], dtype=float)
    lengths = np.array([sum(c.values()) for c in counts], dtype=float)
    paragraphs: dict[int, set[str]] = {}
    for p, c in zip(sents.paragraph, counts, strict=True):
        paragraphs.setdefault(int(p), set()).update(c)
    n_par = len(paragraphs)
    df = np.array([sum(q in terms_ for terms_ in paragraphs.values()) for q in query], dtype=float)
    idf = np.log(1 + (n_par - df + 0.5) / (df + 0.5))
    par_len = np.bincount(sents.paragraph, weights=lengths)
    avg = max(1.0, float(par_len[par_len > 0].mean()))
    p_tf = np.vstack([np.zeros(len(query)), np.cumsum(tf, axis=0)])
    p_len = np.concatenate([[0.0], np.cumsum(lengths)])
    span_tf = p_tf[last + 1] - p_tf[first]
    span_len = (p_len[last + 1] - p_len[first])[:, None]
    bm25 = (idf * span_tf * (k1 + 1) / (span_tf + k1 * (1 - b + b * span_len / avg))).sum(axis=1)
    coverage = ((span_tf > 0) * idf).sum(axis=1) / max(float(idf.sum()), 1e-9)
    return bm25, coverage


def _paragraph_relevance(claim: str, sents: Sentences) -> tuple[np.ndarray, np.ndarray]:
    """Per sentence, its paragraph's BM25 for the claim (over the best paragraph's) and the share
    of the claim's terms the paragraph holds: a card is usually one or more whole paragraphs."""
    n = len(sents.spans)
    if not n:
        return np.zeros(0), np.zeros(0)
    par_start, par_end = _paragraph_bounds(sents.paragraph)
    firsts = np.unique(par_start)
    scores, coverage = _span_bm25(claim, sents, firsts, par_end[firsts])
    scores = np.where(sents.heading[firsts], 0.0, scores)
    scores = scores / max(float(scores.max()), 1e-9)
    index = np.searchsorted(firsts, par_start)
    return scores[index], coverage[index]
