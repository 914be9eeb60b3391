"""Words, punctuation chunks and stems of a card body: the units every marker decides on.

Marks are always whole words, so the body is first cut into word spans; a *chunk* is a run of
words between punctuation marks (Verbatim's auto-underline unit and the natural phrase a debater
underlines).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from cardsmith.model import Span

_WORD = re.compile(r"\w+(?:['’.,\-/]\w+)*%?")
#: Characters that close a phrase. Newlines are not among them: card bodies are full of line wraps.
_BREAK = set('.,;:!?()[]{}"“”—–')
_SENTENCE_END = set(".!?")

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves may might must shall upon us one two also however thus
    therefore even much many way well still yet s t""".split()
)
#: Words that carry an argument's logic; debaters keep them in the highlighted line.
CAUSAL = frozenset(
    """because cause causes caused causing so thus therefore hence consequently result results resulting
    leads lead leading led means ensures ensure prevents prevent prevented increases increase increased
    decreases decrease decreased reduces reduce reduced risk risks threat threatens destroy destroys
    collapse only not no never without key critical necessary essential causes impact impacts
    outweighs undermines undermine makes make creates create""".split()
)
NEGATION = frozenset("not no never nor without cannot can't won't don't isn't doesn't fail fails".split())

_SUFFIXES = (
    "ational", "ization", "fulness", "ousness", "iveness", "ations", "ation", "ments", "ment",
    "ities", "ity", "ings", "ing", "ies", "ied", "ers", "er", "ed", "ly", "es", "s",
)  # fmt: skip


def stem(word: str) -> str:
    """A crude suffix-stripping stem: enough to match "sanctions" in a body to "sanction" in a tag."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            w = w[: -len(suf)]
            if suf in ("ies", "ied", "ities"):
                w += "y"
            break
    return w


@dataclass(frozen=True)
class Words:
    """A body cut into words.

    ``spans[i]`` is word i; ``chunk[i]`` / ``sentence[i]`` / ``paragraph[i]`` number the
    punctuation chunk / sentence / line it is in; ``breaks_after[i]`` is true when punctuation
    separates word i from word i+1.
    """

    body: str
    spans: list[Span]
    lower: list[str]
    stems: list[str]
    chunk: np.ndarray
    sentence: np.ndarray
    paragraph: np.ndarray
    breaks_after: np.ndarray

    def __len__(self) -> int:
        return len(self.spans)


def words(body: str) -> Words:
    """Cut ``body`` into words, chunks and sentences."""
    spans = [m.span() for m in _WORD.finditer(body)]
    n = len(spans)
    chunk = np.zeros(n, dtype=np.int32)
    sentence = np.zeros(n, dtype=np.int32)
    paragraph = np.zeros(n, dtype=np.int32)
    breaks = np.zeros(n, dtype=bool)
    c = s = p = 0
    for i in range(n):
        chunk[i], sentence[i], paragraph[i] = c, s, p
        if i + 1 < n:
            gap = body[spans[i][1] : spans[i + 1][0]]
            if any(ch in _BREAK for ch in gap):
                breaks[i] = True
                c += 1
            if any(ch in _SENTENCE_END for ch in gap) or "\n\n" in gap:
                s += 1
            if "\n" in gap:
                p += 1
    lower = [body[a:b].lower() for a, b in spans]
    return Words(body, spans, lower, [stem(w) for w in lower], chunk, sentence, paragraph, breaks)


def content_stems(text: str) -> set[str]:
    """Stems of the content (non-stopword) words of ``text``: what a tag is about."""
    return {stem(m.group()) for m in _WORD.finditer(text) if m.group().lower() not in STOPWORDS}


def is_number(word: str) -> bool:
    return any(ch.isdigit() for ch in word)


def mask_to_spans(ws: Words, mask: np.ndarray) -> list[Span]:
    """Marked words as character spans; consecutive marked words form one span over the gap."""
    out: list[Span] = []
    for i in np.flatnonzero(mask):
        s, e = ws.spans[i]
        if out and i > 0 and mask[i - 1]:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def spans_to_mask(ws: Words, spans: list[Span]) -> np.ndarray:
    """Which words ``spans`` cover (a word counts when most of its characters are marked)."""
    cover = np.zeros(len(ws.body) + 1, dtype=np.int32)
    for s, e in spans:
        cover[max(0, s)] += 1
        cover[min(len(ws.body), e)] -= 1
    marked = np.cumsum(cover)[: len(ws.body)] > 0
    return np.array([marked[a:b].mean() > 0.5 for a, b in ws.spans], dtype=bool)
