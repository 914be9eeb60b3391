"""A suggested tag when the user gives no claim: the passage's most central sentence."""

from __future__ import annotations

from collections import Counter

from cardsmith.cut.relevance import terms
from cardsmith.cut.sentences import split_sentences

MAX_TAG_WORDS = 30


def suggest_tag(body: str) -> str:
    """The sentence sharing the most content terms with the rest of ``body``, trimmed to a tag.

    It is taken verbatim (a debater rewrites tags; we never paraphrase the source).
    """
    spans = split_sentences(body)
    if not spans:
        return ""
    sentences = [body[s:e] for s, e in spans]
    counts = Counter(t for s in sentences for t in set(terms(s)))

    def centrality(sentence: str) -> float:
        own = set(terms(sentence))
        return sum(counts[t] - 1 for t in own) / (len(own) + 3) if own else 0.0

    best = max(sentences, key=centrality)
    words = best.split()
    if len(words) > MAX_TAG_WORDS:
        return " ".join(words[:MAX_TAG_WORDS]).rstrip(",;:") + " …"
    return best
