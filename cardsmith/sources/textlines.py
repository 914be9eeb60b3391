"""The cleaned document as metadata extraction reads it: lines, markup stripped, each knowing its paragraph.

Bylines, dates and titles are line-level facts (a copy may run title, deck and byline together in
one paragraph), while bios are paragraph-level; both views come from here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from cardsmith.model import Span

_WORDS = re.compile(r"\S+")


@dataclass(frozen=True)
class Line:
    """One line of the cleaned text, markup stripped, with the index of the paragraph it sits in."""

    text: str
    para: int


def plain(text: str) -> str:
    """Text without the markdown/HTML dressing that readers may leave around headings and bylines.

    No scan may run past the next opening bracket: a line of ``[[[[…`` would otherwise be scanned
    to its end from every bracket, which takes minutes on a crafted file.
    """
    text = re.sub(r"<[^<>]+>", "", text)
    text = re.sub(r"\[([^\[\]]*)\]\([^()]*\)", r"\1", text)
    text = re.sub(r"^\s*(?:#{1,6}|>)\s*", "", text)
    text = re.sub(r"(\*\*|__|\*|(?<!\w)_(?=\S)|(?<=\S)_(?!\w))", "", text)
    return " ".join(text.split())


def word_count(text: str) -> int:
    return len(_WORDS.findall(text))


def is_prose(text: str) -> bool:
    """A sentence of body text rather than a heading, byline or label."""
    n = word_count(text)
    return n >= 30 or (n >= 12 and text.rstrip().endswith((".", "!", "?", '."', ".”")))


def lines_of(text: str, paragraphs: list[Span]) -> list[Line]:
    """The lines of every paragraph that hold at least two letters (share-bar debris does not)."""
    lines = []
    for i, (s, e) in enumerate(paragraphs):
        for raw in text[s:e].splitlines():
            line = plain(raw)
            if len(line) > 8 or sum(c.isalpha() for c in line) >= 2:
                lines.append(Line(line, i))
    return lines


def paragraphs_of(lines: Iterable[Line]) -> list[tuple[int, str]]:
    """(paragraph index, paragraph text) for the paragraphs these lines come from, in order."""
    grouped: dict[int, list[str]] = {}
    for line in lines:
        grouped.setdefault(line.para, []).append(line.text)
    return [(i, " ".join(texts)) for i, texts in grouped.items()]
