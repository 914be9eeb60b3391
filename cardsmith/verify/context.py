"""What the source says just before and after the excerpt, and whether it undercuts the card.

A miscut usually hides in the next sentence: "However, …", "This is not to say …", or a flat
negation of the card's last claim. Flagging those cues lets a debater see the problem in a second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cardsmith.verify.spans import Spans

# A sentence ends at . ! ? (plus closing quotes/brackets) before whitespace, or at a line break.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s)|\n")

#: Cues that open a sentence which limits what came before.
_OPENERS = (
    "however", "but", "yet", "still", "although", "though", "nevertheless", "nonetheless",
    "admittedly", "granted", "that said", "even so", "on the other hand", "in contrast",
    "conversely", "while", "whereas", "despite", "notwithstanding", "of course",
)  # fmt: skip
#: Phrases that qualify a claim wherever they occur.
_QUALIFIERS = (
    "this is not to say", "that is not to say", "does not mean", "doesn't mean", "not necessarily",
    "on the other hand", "remains unclear", "it is unclear", "too early to", "the evidence is mixed",
    "overstated", "exaggerated", "only if", "unless", "with the exception of",
)  # fmt: skip
#: Phrases that contradict a claim.
_CONTRADICTORS = (
    "this is not the case", "that is not the case", "is not true", "is false", "is wrong",
    "on the contrary", "contrary to", "in reality", "is a myth", "misleading", "no evidence",
    "not supported by",
)  # fmt: skip
_NEGATION = re.compile(r"\b(?:not|no|never|none|neither|nor|cannot)\b|n['’]t\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z]{4,}")
#: Share of the card's last sentence's content words a negating sentence must repeat.
_NEGATION_OVERLAP = 0.4


@dataclass
class Context:
    """The source text around an excerpt and the qualification cues found in it."""

    before: str = ""
    after: str = ""
    flags: list[dict[str, str]] = field(default_factory=list)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text``, trimmed of surrounding space (simple punctuation rules)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for end in [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]:
        piece = text[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append((start + lead, start + len(piece.rstrip())))
        start = end
    return spans


def _cues(sentence: str, openers: bool) -> list[tuple[str, str]]:
    """Cues in ``sentence``; openers only matter after the card (they turn against what precedes)."""
    low = " ".join(sentence.lower().split())
    head = re.sub(r"^[^a-z]+", "", low)
    found = [("qualifies", c) for c in _OPENERS if openers and re.match(rf"{re.escape(c)}\b", head)]
    found += [("qualifies", c) for c in _QUALIFIERS if re.search(rf"\b{re.escape(c)}\b", low)]
    found += [("contradicts", c) for c in _CONTRADICTORS if re.search(rf"\b{re.escape(c)}\b", low)]
    return found


def _negates(sentence: str, claim: str) -> bool:
    """Whether ``sentence`` repeats ``claim``'s words with the opposite polarity."""
    claim_words = set(_WORD.findall(claim.lower()))
    if len(claim_words) < 2:
        return False
    shared = claim_words & set(_WORD.findall(sentence.lower()))
    if len(shared) < max(2, _NEGATION_OVERLAP * len(claim_words)):
        return False
    return bool(_NEGATION.search(sentence)) != bool(_NEGATION.search(claim))


def context(
    text: str, start: int, end: int, card_last_sentence: str = "", skip: list[tuple[int, int]] | None = None
) -> Context:
    """The sentence before ``text[start:end]`` and the one after, with their flags.

    When the excerpt starts or stops mid-sentence, the rest of that sentence is included too:
    that fragment is exactly what a cutter left out. Sentences inside ``skip`` spans (footnotes,
    stamps) are passed over: the author's next sentence is what matters.
    """
    skipped = Spans(skip or [])
    spans = [(s, e) for s, e in sentences(text) if (s < end and e > start) or not skipped.covers(s, e)]
    inner = [i for i, (s, e) in enumerate(spans) if s < end and e > start]
    if not inner:
        return Context()
    first, last = inner[0], inner[-1]
    before = text[spans[first][0] : start] if spans[first][0] < start else ""
    if first > 0:
        before = text[spans[first - 1][0] : spans[first - 1][1]] + " " + before
    after = text[end : spans[last][1]] if spans[last][1] > end else ""
    if last + 1 < len(spans):
        after = after + " " + text[spans[last + 1][0] : spans[last + 1][1]]
    before, after = " ".join(before.split()), " ".join(after.split())
    flags = [{"where": "before", "kind": k, "cue": c} for k, c in _cues(before, openers=False)]
    for s, e in sentences(after):
        flags += [{"where": "after", "kind": k, "cue": c} for k, c in _cues(after[s:e], openers=True)]
    if card_last_sentence and _negates(after, card_last_sentence):
        flags.append({"where": "after", "kind": "contradicts", "cue": "negates the card's last sentence"})
    unique = [f for i, f in enumerate(flags) if f not in flags[:i]]
    return Context(before, after, unique)
