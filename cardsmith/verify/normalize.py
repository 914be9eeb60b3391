"""Cosmetic equivalence: reduce text to comparable words while remembering where each word came from.

Cards are pasted from PDFs, web pages and Word files, so the same words arrive with curly or straight
quotes, ligatures, soft hyphens, superscript footnote digits, markdown escapes and Verbatim pilcrows.
None of that changes what the author said, so comparison happens on folded *words*; punctuation and
whitespace never count as a difference.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

import numpy as np

#: Characters that vanish entirely (soft hyphen, zero-width marks, BOM).
_DROP = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
#: A number with its decimal point and thousands separators is one word ("22.4", "1,000"), so a
#: changed figure is one changed word; otherwise a run of letters and digits.
_WORD = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+")
#: Every ASCII character folds to exactly one character.
_ASCII_ONE = {i: "\x01" for i in range(128)}


class Token(NamedTuple):
    """A folded word and its half-open span in the original text (a tuple: sources have 10,000s)."""

    norm: str
    start: int
    end: int


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """Compatibility-decompose (ligatures, superscripts, full-width), drop accents, lowercase."""
    if ch in _DROP:
        return ""
    if ch == "\u00b6":  # Verbatim pilcrow marks a condensed paragraph break
        return " "
    out = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return out.lower()


def fold(text: str) -> tuple[str, np.ndarray | None]:
    """``text`` folded for comparison and, for each folded character, its index in ``text``
    (``None`` when folding kept every character in place, the common case)."""
    table = {ord(c): _fold_char(c) for c in set(text) if not c.isascii()}
    folded = text.translate(table).lower() if table else text.lower()
    if all(len(v) == 1 for v in table.values()):
        return folded, None
    # Each character's folded length, computed in C: translate to chr(length), read as bytes.
    lengths = text.translate({k: chr(len(v)) for k, v in table.items()} | _ASCII_ONE)
    counts = np.frombuffer(lengths.encode("latin-1"), dtype=np.uint8)
    return folded, np.repeat(np.arange(len(text)), counts)


def tokenize(text: str) -> list[Token]:
    """Words of ``text`` (runs of letters/digits after folding; numbers keep their decimal point and
    drop thousands commas) with spans into ``text``."""
    folded, index = fold(text)
    found = _WORD.finditer(folded)
    if index is None:
        return [Token(m.group().replace(",", ""), m.start(), m.end()) for m in found]
    return [Token(m.group().replace(",", ""), int(index[m.start()]), int(index[m.end() - 1]) + 1) for m in found]


def squash(text: str) -> str:
    """Whitespace-collapsed text: two strings equal under this are verbatim copies."""
    return " ".join(text.split())
