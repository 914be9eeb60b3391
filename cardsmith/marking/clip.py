"""The debater convention of clipping a long word: highlight "gov" of "government", read "gov".

Opt-in (``mark(..., clip=True)``): the marker otherwise never ends a mark inside a word. Only
conventional short forms are used, so the reader can still say the word. The table was checked
against real Verbatim files (``../shared/data/caselist-pf``): about 10 highlighted words in 1,000
end inside the word as a clip of two or more letters, and the entries below reproduce about half
of those; the rest are stem cuts ("reduc" of "reducing") that are not abbreviations, and one-letter
initials ("U" of "United") are not clips at all. A clip is always a true prefix, so "int'l"-style
contractions are left out.
"""

from __future__ import annotations

import re

from cardsmith.marking.text import words
from cardsmith.model import Span

#: Word start (lowercase) -> the short form read aloud; a word matches the longest start it begins
#: with ("biotechnology" -> "biotech", not "bio"). Each short form is a prefix of its start.
CLIPS: dict[str, str] = {
    "administrat": "admin",
    "agricultur": "ag",
    "alternative": "alt",
    "approximate": "approx",
    "argument": "arg",
    "biolog": "bio",
    "biotechnolog": "biotech",
    "bioterroris": "bioterror",
    "capitalis": "cap",
    "chemical": "chem",
    "chemistr": "chem",
    "colonial": "col",
    "colonis": "col",
    "coloniz": "col",
    "cooperat": "coop",
    "counterterroris": "counterterror",
    "cryptocurrenc": "crypto",
    "cybersecurity": "cyber",
    "democra": "dem",
    "disinformation": "disinfo",
    "econom": "econ",
    "environment": "env",
    "executive": "exec",
    "federal": "fed",
    "generative": "gen",
    "government": "gov",
    "hegemon": "heg",
    "information": "info",
    "infrastructure": "infra",
    "intelligence": "intel",
    "laborator": "lab",
    "mathematic": "math",
    "maximum": "max",
    "miscalculat": "miscalc",
    "misinformation": "misinfo",
    "nonproliferat": "nonprolif",
    "nuclear": "nuc",
    "organisat": "org",
    "organizat": "org",
    "percentage": "percent",
    "proliferat": "prolif",
    "regulat": "reg",
    "submarine": "sub",
    "technical": "tech",
    "technolog": "tech",
    "temperature": "temp",
    "terroris": "terror",
}

#: Longest start first, so the most specific entry wins.
_STARTS = sorted(CLIPS, key=len, reverse=True)
#: The letters of a word, then at most a possessive ("government's" clips; "government-run" does not).
_WORD = re.compile(r"([^\W\d_]+)(?:['’]s?)?")
#: A clip must save at least this many characters, or the whole word is as quick to read.
MIN_SAVED = 3


def clip_length(word: str) -> int:
    """How many leading characters of ``word`` to highlight under the clipping convention; 0 = all."""
    found = _WORD.fullmatch(word)
    if not found:
        return 0
    letters = found.group(1)
    lower = letters.lower()
    for start in _STARTS:
        if lower.startswith(start):
            short = CLIPS[start]
            return len(short) if len(letters) - len(short) >= MIN_SAVED else 0
    return 0


def clip_spans(body: str, spans: list[Span], word_spans: list[Span] | None = None) -> list[Span]:
    """``spans`` (whole-word highlight spans into ``body``) with each clippable word cut to its prefix.

    A span is split after a clipped word, so "the government said" becomes "the gov" and "said":
    the rest of the word (and the gap after it) is not read aloud. Only words wholly inside a span
    are clipped; the result stays sorted, non-overlapping and inside the original spans.
    ``word_spans`` are ``words(body).spans`` when the caller already has them.
    """
    ws = words(body).spans if word_spans is None else word_spans
    out: list[Span] = []
    i = 0
    for s, e in sorted(spans):
        while i < len(ws) and ws[i][0] < s:
            i += 1
        start: int | None = s
        while i < len(ws) and ws[i][1] <= e:
            a, b = ws[i]
            i += 1
            if start is None:
                start = a
            cut = clip_length(body[a:b])
            if cut:
                out.append((start, a + cut))
                start = None
        if start is not None and start < e:
            out.append((start, e))
    return out
