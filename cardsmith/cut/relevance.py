"""How strongly each sentence of a document speaks to a claim.

Lexical BM25 over the document's own sentences (so idf reflects what is special in *this*
article); the dense tag->card relevance is a separate group of features in :mod:`cardsmith.cut.spans`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from cardsmith.embed.match import stem
from cardsmith.marking.text import STOPWORDS

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*|\d[\d,.]*")
# All-caps acronyms that collide with stop words once lower-cased ("US" is not "us").
_ACRONYMS = frozenset({"US", "UN", "IT", "AI"})


def terms(text: str) -> list[str]:
    """Content terms: lower-cased, stop words dropped, crudely stemmed by truncation."""
    out = []
    for match in _WORD.finditer(text):
        word = match.group().strip("'’.,")
        if word in _ACRONYMS:
            out.append(word.lower() + "_")
            continue
        low = word.lower()
        if low in STOPWORDS or len(low) < 2:
            continue
        out.append(stem(low))
    return out


def bm25_scores(query: str, sentences: Sequence[str], k1: float = 1.2, b: float = 0.75) -> np.ndarray:
    """BM25 of ``query`` against each sentence, idf taken over these sentences."""
    docs = [Counter(terms(s)) for s in sentences]
    if not docs:
        return np.zeros(0)
    n = len(docs)
    avg = max(1.0, sum(sum(d.values()) for d in docs) / n)
    df: Counter[str] = Counter()
    for d in docs:
        df.update(d.keys())
    q = set(terms(query))
    scores = np.zeros(n)
    for i, d in enumerate(docs):
        length = sum(d.values())
        total = 0.0
        for t in q:
            tf = d.get(t, 0)
            if tf:
                idf = math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5))
                total += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / avg))
        scores[i] = total
    return scores


def sentence_relevance(claim: str, sentences: Sequence[str]) -> np.ndarray:
    """Relevance in [0, 1] per sentence: BM25 over the best sentence's (dense relevance is a feature of its own)."""
    lexical = bm25_scores(claim, sentences)
    if lexical.size and lexical.max() > 0:
        lexical = lexical / lexical.max()
    return lexical
