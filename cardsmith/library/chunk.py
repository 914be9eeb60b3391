"""Cut text into runs of whole sentences: passages for sources, short windows for dense vectors.

A claim usually matches one or two sentences of a card, so a card gets one vector per short window
and its dense score is the best window (a single vector for a 600-word body blurs the match).
"""

from __future__ import annotations

import re

from cardsmith.model import Span

#: Words per passage stored for a source document (a readable, pasteable unit).
PASSAGE_WORDS = 160
#: Words per dense window (well under MiniLM's 256-token limit).
WINDOW_WORDS = 50

_WORD = re.compile(r"\S+")


def sentence_groups(text: str, max_words: int) -> list[Span]:
    """Consecutive sentences packed into spans of at most ``max_words`` words (a longer sentence stands alone)."""
    from cardsmith.cut.sentences import split_sentences  # lazily: cardsmith.cut is slow to import

    groups: list[Span] = []
    start = end = None
    words = 0
    for s, e in split_sentences(text):
        n = len(_WORD.findall(text, s, e))
        if start is not None and words + n > max_words:
            groups.append((start, end))
            start = None
        if start is None:
            start, words = s, 0
        end = e
        words += n
    if start is not None:
        groups.append((start, end))
    return groups


def span_text(body: str, spans: list[Span]) -> str:
    """The marked words of a body (e.g. underlining) joined in order: what a debater reads aloud."""
    return " ".join(" ".join(body[s:e].split()) for s, e in sorted(spans) if e > s)


#: Dense vector fields of a card: which text a vector was computed from.
BODY, UNDERLINE, TAG = 0, 1, 2


def dense_units(tag: str, body: str, underline: list[Span]) -> list[tuple[int, str]]:
    """The (field, text) pairs embedded for one card or passage: body windows, the underlined words, the tag.

    On a marked card only the windows holding underlined words are embedded: the cutter's underlining
    is the argument, the rest is context, and skipping it halves the embedding time of an import.
    Tags paraphrase the underlined words, so those get a vector of their own.
    """
    groups = sentence_groups(body, WINDOW_WORDS)
    if underline:
        groups = [g for g in groups if any(s < g[1] and e > g[0] for s, e in underline)] or groups
    units = [(BODY, " ".join(body[s:e].split())) for s, e in groups]
    marked = span_text(body, underline)
    if marked and marked != " ".join(body.split()):
        units.append((UNDERLINE, marked))
    if tag.strip():
        units.append((TAG, " ".join(tag.split())))
    return units
