"""Cards as plain text for a terminal: tag, cite, body; marks as brackets, ANSI, or not at all.

Brackets are the default because they survive pipes and copy-paste: ``[read aloud]`` is
highlighted and ``_underlined_`` is underlined but not read.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from itertools import groupby

from cardsmith.errors import CardsmithError
from cardsmith.formats.outline import Item
from cardsmith.formats.spans import EMPHASIS, HIGHLIGHT, UNDERLINE, segments_from_marks
from cardsmith.model import Card, Heading

MARK_STYLES = ("brackets", "ansi", "none")
_ANSI = {UNDERLINE: "\x1b[4m", EMPHASIS: "\x1b[1;4m", HIGHLIGHT: "\x1b[30;43m"}
_RESET = "\x1b[0m"


def _bracketed(card: Card) -> str:
    """Highlighted runs in [brackets], underlined-only runs in _underscores_, grouped so that a
    highlight spanning an underline change stays one bracket group."""
    out = []
    for kind, group in groupby(segments_from_marks(card.body, card.marks), key=_kind):
        text = "".join(piece for piece, _ in group)
        out.append(text if not kind or not text.strip() else f"[{text}]" if kind == "h" else f"_{text}_")
    return "".join(out)


def _kind(segment: tuple[str, int]) -> str:
    flags = segment[1]
    return "h" if flags & HIGHLIGHT else "u" if flags & (UNDERLINE | EMPHASIS) else ""


def _ansi(card: Card) -> str:
    out = []
    for text, flags in segments_from_marks(card.body, card.marks):
        codes = "".join(code for bit, code in _ANSI.items() if flags & bit)
        lines = text.split("\n")
        out.append("\n".join(f"{codes}{line}{_RESET}" if codes and line else line for line in lines))
    return "".join(out)


_BODY = {"brackets": _bracketed, "ansi": _ansi, "none": lambda card: card.body}


def card_text(card: Card, *, marks: str = "brackets", width: int = 0) -> str:
    """One card: tag, cite, body; ``width`` > 0 wraps body paragraphs (brackets/none only)."""
    if marks not in MARK_STYLES:
        raise CardsmithError(f"unknown marks style {marks!r}; use one of: {', '.join(MARK_STYLES)}")
    lines = [card.tag]
    if card.cite.text:
        lines.append(card.cite.text)
    if card.body:
        for para in _BODY[marks](card).split("\n"):
            lines.append(textwrap.fill(para, width) if width > 0 and marks != "ansi" else para)
    return "\n".join(lines) + "\n"


def render_text(items: Iterable[Item], *, marks: str = "brackets", width: int = 0) -> str:
    chunks = []
    for item in items:
        if isinstance(item, Heading):
            rule = "=" if item.level == 1 else "-"
            chunks.append(f"{item.text}\n{rule * min(len(item.text), 78)}\n")
        else:
            chunks.append(card_text(item, marks=marks, width=width))
    return "\n".join(chunks)
