"""Choose the contiguous passage of a document that best supports a claim.

Debaters cut whole sentences, usually whole paragraphs, and keep the context that leads up to
the warrant; they do not run a card across a section heading. So the search space is runs of
consecutive paragraphs inside one section (headings, datelines and author notes excluded), and a run is
scored by how much above-typical relevance it gathers minus what it costs to read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from cardsmith.cut.relevance import sentence_relevance
from cardsmith.cut.sentences import split_sentences
from cardsmith.embed import Encoder
from cardsmith.model import MAX_CARD_WORDS, Document, Passage, Span

_WORDS = re.compile(r"\S+")
#: How much an alternative passage may overlap a better one (shared / joint text).
MAX_OVERLAP = 0.5


@dataclass(frozen=True)
class PassageOptions:
    """Knobs for passage choice. ``max_words`` bounds a card; ``baseline`` is the relevance
    quantile a sentence must beat to be worth reading (never less than ``min_cost``, so
    irrelevant sentences always cost something). ``section_bonus`` rewards a card that starts
    where its author starts an argument: the first paragraph after a heading."""

    min_words: int = 25
    max_words: int = MAX_CARD_WORDS
    baseline: float = 0.5
    min_cost: float = 0.05
    section_bonus: float = 1.0
    dense_weight: float = 0.5


@dataclass(frozen=True)
class _Unit:
    """A paragraph (or a sentence window of an overlong one) with its sentences' relevance."""

    start: int
    end: int
    words: int
    gain: float
    heading: bool
    section: int


def rank_passages(
    doc: Document,
    claim: str,
    *,
    limit: int = 5,
    encoder: Encoder | None = None,
    options: PassageOptions | None = None,
) -> list[Passage]:
    """The best passages for ``claim``, best first; an alternative overlaps a better one by
    at most :data:`MAX_OVERLAP` (so a short article still offers a shorter or shifted next best)."""
    options = options or PassageOptions()
    units = _units(doc, claim, encoder, options)
    candidates = _candidates(units, options)
    chosen: list[Passage] = []
    for passage in sorted(candidates, key=lambda p: (-p.score, p.start)):
        if all(_overlap(passage, c) <= MAX_OVERLAP for c in chosen):
            chosen.append(passage)
            if len(chosen) == limit:
                break
    return chosen


def _overlap(a: Passage, b: Passage) -> float:
    """Shared text over joint text (Jaccard): a shorter cut inside a long one still counts as new."""
    shared = max(0, min(a.end, b.end) - max(a.start, b.start))
    return shared / (max(a.end, b.end) - min(a.start, b.start))


def _units(doc: Document, claim: str, encoder: Encoder | None, options: PassageOptions) -> list[_Unit]:
    sentences: list[Span] = []
    owner: list[int] = []
    for index, (start, end) in enumerate(doc.paragraphs):
        for span in split_sentences(doc.text, start, end):
            sentences.append(span)
            owner.append(index)
    if not sentences:
        return []
    texts = [doc.text[s:e] for s, e in sentences]
    relevance = sentence_relevance(claim, texts, encoder, options.dense_weight)
    floor = max(float(np.quantile(relevance, options.baseline)), options.min_cost)
    units: list[_Unit] = []
    section = 0
    bio = _squash(doc.metadata.qualifications or "")
    for index, (start, end) in enumerate(doc.paragraphs):
        members = [i for i, o in enumerate(owner) if o == index]
        if not members:
            continue
        heading = _is_heading(doc.text[start:end]) or _is_author_note(doc.text[start:end], bio)
        if heading:
            section += 1
        for group in _windows(members, texts, options.max_words):
            words = sum(len(_WORDS.findall(texts[i])) for i in group)
            gain = 0.0 if heading else float(sum(relevance[i] - floor for i in group))
            units.append(_Unit(sentences[group[0]][0], sentences[group[-1]][1], words, gain, heading, section))
    return units


def _windows(members: list[int], texts: list[str], max_words: int) -> list[list[int]]:
    """Split a paragraph's sentences into runs no longer than ``max_words``."""
    groups: list[list[int]] = [[]]
    count = 0
    for i in members:
        n = len(_WORDS.findall(texts[i]))
        if groups[-1] and count + n > max_words:
            groups.append([])
            count = 0
        groups[-1].append(i)
        count += n
    return groups


def _is_heading(text: str) -> bool:
    """Short, unpunctuated lines are headings; so are short Title-Case questions."""
    words = _WORDS.findall(text)
    if not 0 < len(words) <= 14:
        return False
    end = text.rstrip()[-1]
    if end == "?":
        return sum(w[0].isupper() for w in words) >= 0.6 * len(words)
    return end not in ".!:;,\"”'’)"


def _squash(text: str) -> str:
    return " ".join(text.lower().split())


def _is_author_note(text: str, bio: str) -> bool:
    """The author's bio or a "NOTE:" line about the author is front/back matter, not evidence:
    it goes in the cite, so a card neither includes it nor runs across it."""
    squashed = _squash(text)
    if squashed.startswith("note:"):
        return True
    return bool(bio) and len(squashed) > 20 and (squashed in bio or bio in squashed)


def _candidates(units: list[_Unit], options: PassageOptions) -> list[Passage]:
    """Every run of units inside one section, within the word budget, that gains relevance."""
    out: list[Passage] = []
    for i, first in enumerate(units):
        if first.heading:
            continue
        words = 0
        opens_section = i > 0 and units[i - 1].heading and not first.heading
        gain = options.section_bonus if opens_section else 0.0
        for unit in units[i:]:
            if unit.section != first.section or unit.heading:
                break
            words += unit.words
            if words > options.max_words:
                break
            gain += unit.gain
            if words < options.min_words:
                continue
            out.append(Passage(first.start, unit.end, gain))
    return out
