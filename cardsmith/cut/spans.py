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
from cardsmith.embed import Encoder, default_encoder
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
    "dense_span", "dense_span_gap", "dense_par_gap", "dense_top_share", "dense_covers_top", "dense_is_top",
    "dense_rank", "dense_sent_gain", "dense_before", "dense_after", "mix_par", "mix_top_share", "mix_covers_top",
    "mix_is_top", "lex_rank", "lex_top_margin", "lex_share_margin", "dense_top_margin", "dense_share_margin",
    "shift_before", "shift_after", "shift_inside",
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
    par_cos: np.ndarray | None = None, baseline: float = 0.5, min_cost: float = 0.05,
) -> np.ndarray:
    """One row of :data:`FEATURES` per candidate ``(first[k], last[k])``; ``encoder`` (by default the
    static embedding that search uses) gives the dense relevance features, ``par_cos`` the paragraphs'
    cosines when the caller has them already (:func:`paragraph_cosines`)."""
    n = len(sents.spans)
    rel = sentence_relevance(claim, sents.texts)
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
    # A lower-case paragraph start continues a sentence only when the text before it did not end one.
    after_end = np.array([i == 0 or cues["ends"][i - 1] for i in first], dtype=bool)
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
        cues["mid_thought"][first], cues["lower"][first] & ~(starts_par & after_end),
        cues["lead_in"][last], ~cues["ends"][last], list_continues,
        before, after, left_before, left_after,
        (para[first] <= top) & (top <= para[last]), words / 100, *span_sums.T,
        span_sums[:, 1] / (words / 100), span_sums[:, 2] / (words / 100), span_sums[:, 3] / (words / 100),
        covers_top, covers_top & (para[first] == top) & (para[last] == top),
        *_dense_columns(claim, sents, first, last, par_rel, encoder or default_encoder(), par_cos),
    ]  # fmt: skip
    return np.column_stack([np.asarray(c, dtype=float) for c in columns])


def _dense_columns(
    claim: str, sents: Sentences, first: np.ndarray, last: np.ndarray, par_lexical: np.ndarray, encoder: Encoder,
    par_cos: np.ndarray | None = None,
) -> list[np.ndarray]:
    """Dense relevance (the tag->card embedding): the span's cosine with the claim, how its paragraphs
    rank by cosine and by cosine and BM25 together, and the cosine of the paragraphs just outside it.
    Lexical overlap alone misses a card that paraphrases its tag, and picks the neighbour that
    repeats the tag's words."""
    n = len(sents.spans)
    par_start, par_end = _paragraph_bounds(sents.paragraph)
    firsts = np.unique(par_start)
    vectors = encoder.encode([claim, *sents.texts]).astype(np.float64)
    claim_vec, sent_vecs = vectors[0], vectors[1:]
    if par_cos is None:
        par_cos = paragraph_cosines(claim, sents, encoder)
    index = np.searchsorted(firsts, par_start)  # each sentence's paragraph
    # A span's vector is the word-weighted sum of its sentences'; its norm from a 2-D prefix sum of their Gram matrix.
    weighted = sent_vecs * sents.words[:, None]
    gram = np.zeros((n + 1, n + 1))
    gram[1:, 1:] = np.cumsum(np.cumsum(weighted @ weighted.T, axis=0), axis=1)
    dot = np.concatenate([[0.0], np.cumsum(weighted @ claim_vec)])
    norm2 = gram[last + 1, last + 1] - gram[first, last + 1] - gram[last + 1, first] + gram[first, first]
    span_cos = (dot[last + 1] - dot[first]) / np.sqrt(np.maximum(norm2, 1e-12))
    top_cos = float(par_cos.max())
    rank = np.argsort(np.argsort(-par_cos))
    lexical = par_lexical[firsts]
    mix = _zscore(par_cos) + _zscore(lexical)
    words = sents.words
    p_words = np.concatenate([[0.0], np.cumsum(words)])
    span_words = p_words[last + 1] - p_words[first]

    def share(per_paragraph: np.ndarray) -> np.ndarray:
        """Word-weighted mean over the span of a per-paragraph value."""
        prefix = np.concatenate([[0.0], np.cumsum(per_paragraph[index] * words)])
        return (prefix[last + 1] - prefix[first]) / span_words

    def top_flags(per_paragraph: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Share of the span in the best paragraph, whether it covers it, whether it is exactly it."""
        best = int(per_paragraph.argmax())
        a, b = firsts[best], par_end[firsts[best]]
        covers = (first <= a) & (last >= b)
        return share((np.arange(len(firsts)) == best).astype(float)), covers, covers & (first == a) & (last == b)

    s_cos = np.where(sents.heading, 0.0, sent_vecs @ claim_vec)
    gain = np.concatenate([[0.0], np.cumsum((s_cos - np.median(s_cos)) * words / 100)])
    outside = np.concatenate([[-1.0], par_cos - top_cos, [-1.0]])  # the paragraphs around the span, -1 at the ends
    best_rank = -_range_max(-rank[index].astype(float), first, last)
    best_lexical = -_range_max(-np.argsort(np.argsort(-lexical))[index].astype(float), first, last)
    dense_top, lexical_top = top_flags(par_cos), top_flags(lexical)
    # How far the best paragraph leads the second, by each measure: which of the two to trust here.
    dense_lead, lexical_lead = _lead(par_cos), _lead(lexical)
    return [
        span_cos, span_cos - top_cos, share(par_cos - top_cos), *dense_top, np.log1p(best_rank),
        gain[last + 1] - gain[first], outside[index[first]], outside[index[last] + 2],
        share(mix - mix.max()), *top_flags(mix), np.log1p(best_lexical),
        lexical_top[2] * lexical_lead, lexical_top[0] * lexical_lead,
        dense_top[2] * dense_lead, dense_top[0] * dense_lead, *_topic_shifts(weighted, first, last),
    ]  # fmt: skip


def paragraph_cosines(claim: str, sents: Sentences, encoder: Encoder) -> np.ndarray:
    """Each paragraph's dense cosine with the claim (-1 for a heading's), paragraphs in document order."""
    par_start, par_end = _paragraph_bounds(sents.paragraph)
    firsts = np.unique(par_start)
    texts = [" ".join(sents.texts[a : b + 1]) for a, b in zip(firsts, par_end[firsts], strict=True)]
    vectors = encoder.encode([claim, *texts]).astype(np.float64)
    return np.where(sents.heading[firsts], -1.0, vectors[1:] @ vectors[0])


def _topic_shifts(weighted: np.ndarray, first: np.ndarray, last: np.ndarray, window: int = 3) -> list[np.ndarray]:
    """How sharply the topic changes where the span starts, where it ends, and at its sharpest inside
    (1 - cosine of the few sentences before a boundary with the few after): consecutive cards come
    from different articles, so a card's edges are where the text changes subject (TextTiling)."""
    n = len(weighted)
    prefix = np.vstack([np.zeros(weighted.shape[1]), np.cumsum(weighted, axis=0)])
    cut = np.arange(1, n)  # the boundary before sentence i
    left = prefix[cut] - prefix[np.maximum(cut - window, 0)]
    right = prefix[np.minimum(cut + window, n)] - prefix[cut]
    norms = np.linalg.norm(left, axis=1) * np.linalg.norm(right, axis=1)
    cosine = (left * right).sum(axis=1) / np.maximum(norms, 1e-12)
    shift = np.concatenate([[1.0], 1.0 - cosine, [1.0]])  # shift[i]: before sentence i; the document's ends count as 1
    # After sentence i is shift[i + 1]; the sharpest inside runs over the boundaries after first .. last - 1.
    inside = _range_max(shift[1:], first, np.maximum(last - 1, first))
    return [shift[first], shift[last + 1], np.where(last > first, inside, 0.0)]


def _lead(values: np.ndarray) -> float:
    top = np.sort(values)[::-1]
    return float(top[0] - top[1]) if len(top) > 1 else 1.0


def _zscore(values: np.ndarray) -> np.ndarray:
    return (values - values.mean()) / (values.std() + 1e-9)


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
