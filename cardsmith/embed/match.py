"""How closely a text's words match a query's: coverage, shared phrases and the best-matching stretch.

Whole-field BM25 says a card is about the query's words; a tag, though, compresses one or two
sentences of the card, often in the cutter's own phrases. So what also tells the right card apart is
whether the rarer query words occur at all, whether two of them occur side by side as in the query,
and whether one short stretch holds most of them. Library search scores candidate cards with these;
a claim against a passage is the same question, hence this low layer (it needs only the static
table's word weights).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate

import numpy as np

_WORD = re.compile(r"[a-z][a-z'’]*|\d[\d,.]*\d|\d")
#: Words a query carries that say nothing of its subject (library search drops them too).
QUERY_STOPWORDS = frozenset(
    """a an and are as at be been but by can could did do does for from had has have he her his how i if in
    into is it its may might more most no not of on or our she should so such than that the their them then
    there these they this those to too us was we were what when where which while who why will with would
    you your""".split()
)
#: Characters a matching stretch spans (about 40 words: a sentence or two).
WINDOW_CHARS = 250
#: The opening of a field whose matches count again (a card's first lines carry its claim).
LEAD_CHARS = 400
_INSIDE = frozenset("abcdefghijklmnopqrstuvwxyz0123456789'’_")
#: Most characters between two words that still read as one phrase (room for "of the").
PHRASE_GAP = 9
#: Characters of a text read: a card's claim is rarely past its first pages, and a long article
#: scanned whole for every candidate would cost more than the rest of a search.
MAX_CHARS = 4000
#: Match features per text, in :func:`features` order.
NAMES = ("coverage", "weighted", "phrases", "window", "lead")


def stem(word: str) -> str:
    """A crude stem that lets "advancing" meet "advance" and "nations" meet "nation": the first six
    letters of the word without a plural or possessive ending."""
    if word[0].isdigit():
        return word.replace(",", "")
    word = word.replace("’", "'").removesuffix("'s").rstrip("'")
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word[:6]


@dataclass
class Query:
    """A query's content terms (stems, in order, no repeats), their weights (summing to 1), the
    pairs of terms adjacent in the query, and one pattern per term finding it in a text."""

    terms: list[str]
    weights: np.ndarray
    pairs: set[tuple[int, int]]
    patterns: list[re.Pattern[str]]


def prepare(query: str, weight: Callable[[str], float]) -> Query:
    """``query`` ready to match; ``weight`` says how telling a word is (rare words more than common)."""
    words = [w for w in _WORD.findall(query.lower()) if w not in QUERY_STOPWORDS]
    stems = [stem(w) for w in words]
    terms = list(dict.fromkeys(s for s in stems if s))
    index = {t: i for i, t in enumerate(terms)}
    raw = np.array([max(weight(w) for w, s in zip(words, stems, strict=True) if s == t) for t in terms])
    weights = raw / raw.sum() if raw.sum() > 0 else np.full(len(terms), 1 / max(1, len(terms)))
    pairs = {(index[a], index[b]) for a, b in zip(stems, stems[1:], strict=False) if a != b}
    # One literal pattern per term: the regex engine skips ahead to a literal fast, an alternation it tries
    # at every character (several times slower over a few hundred card bodies).
    # (A leading look-behind would defeat that: the word start is checked on each hit instead.)
    patterns = [re.compile(rf"{re.escape(t)}[\w'’.,]*") for t in terms]
    return Query(terms, weights, pairs, patterns)


def features(query: Query, text: str) -> list[float]:
    """:data:`NAMES` for one text: share of the query's terms it holds, the same weighted, share of the
    query's adjacent pairs it holds side by side, weighted share held by the best stretch of
    :data:`WINDOW_CHARS`, weighted share held by its first :data:`LEAD_CHARS`."""
    return features_many(query, [text])[0]


def features_many(query: Query, texts: list[str]) -> list[list[float]]:
    """:func:`features` of each text, each term sought once in all the texts joined: a search scores a
    few hundred texts, and one scan per term costs far less than one per term and text."""
    lowers = [" " + t[:MAX_CHARS].lower() for t in texts]  # the space: every hit has a character before it
    starts = list(accumulate((len(s) + 1 for s in lowers), initial=0))
    joined = "\n".join(lowers)  # no term pattern runs across a newline
    found: list[list[tuple[int, int, int]]] = [[] for _ in texts]  # (start, end, term) in each text
    for term, (pattern, wanted) in enumerate(zip(query.patterns, query.terms, strict=True)):
        for m in pattern.finditer(joined):
            start = m.start()
            if joined[start - 1] in _INSIDE:
                continue  # the term is the tail of a longer word
            word = m.group().rstrip(".,")
            if len(wanted) < 6 and stem(word) != wanted:
                continue  # "war" must not match "warning" (a six-letter stem matches every longer form)
            i = bisect_right(starts, start) - 1
            found[i].append((start - starts[i], start - starts[i] + len(word), term))
    return [_from_hits(query, hits) for hits in found]


def _from_hits(query: Query, hits: list[tuple[int, int, int]]) -> list[float]:
    """:data:`NAMES` from one text's hits."""
    if not hits:
        return [0.0] * len(NAMES)
    hits.sort()
    w = query.weights
    held = {t for _, _, t in hits}
    pairs = {(a[2], b[2]) for a, b in zip(hits, hits[1:], strict=False) if b[0] - a[1] <= PHRASE_GAP}
    lead = {t for s, _, t in hits if s < LEAD_CHARS}
    return [
        len(held) / len(query.terms),
        float(w[list(held)].sum()),
        len(pairs & query.pairs) / len(query.pairs) if query.pairs else 0.0,
        _best_window(hits, w),
        float(w[list(lead)].sum()),
    ]


def _best_window(hits: list[tuple[int, int, int]], weights: np.ndarray) -> float:
    """The largest weighted share of distinct terms within any :data:`WINDOW_CHARS` stretch (two pointers)."""
    counts: dict[int, int] = {}
    best = total = 0.0
    left = 0
    for start, _, term in hits:
        counts[term] = counts.get(term, 0) + 1
        if counts[term] == 1:
            total += weights[term]
        while start - hits[left][0] > WINDOW_CHARS:
            old = hits[left][2]
            counts[old] -= 1
            if counts[old] == 0:
                total -= weights[old]
            left += 1
        best = max(best, total)
    return float(best)
