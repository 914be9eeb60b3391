"""Word's run formatting between paragraphs and the text a card keeps.

The reader tidies text (a tag's spaces collapsed, a paragraph's ends stripped, cite lines joined),
so formats are carried over character by character: every non-space character of the tidy text
takes the format of the same non-space character in the paragraphs, and a space takes the format
of the whitespace it stands for, so underlining between words survives too.
"""

from __future__ import annotations

from collections.abc import Iterator

from cardsmith.formats.verbatim.ooxml import Paragraph
from cardsmith.model import FormatSpan, RunFormat


def _raw(paras: list[Paragraph]) -> Iterator[tuple[str, RunFormat]]:
    for para in paras:
        text, pos = para.text, 0
        for length, fmt in para.formats:
            for ch in text[pos : pos + length]:
                yield ch, fmt
            pos += length


def project(paras: list[Paragraph], text: str) -> list[FormatSpan]:
    """Runs over ``text`` (tidied from the paragraphs' text, same characters in the same order)."""
    raw = list(_raw(paras))
    spans: list[FormatSpan] = []
    j, last = 0, RunFormat()
    for i, ch in enumerate(text):
        if ch.isspace():
            if j < len(raw) and raw[j][0].isspace():
                last = raw[j][1]
                j += 1
        else:
            while j < len(raw) and raw[j][0].isspace():
                j += 1
            if j < len(raw):
                last = raw[j][1]
                j += 1
        if spans and spans[-1][2] == last and spans[-1][1] == i:
            spans[-1] = (spans[-1][0], i + 1, last)
        else:
            spans.append((i, i + 1, last))
    return spans


def covers(spans: list[FormatSpan], text: str) -> bool:
    """The runs describe exactly this text (a card edited since import has stale runs)."""
    pos = 0
    for start, end, _ in spans:
        if start != pos or end < start:
            return False
        pos = end
    return pos == len(text)


def pieces(spans: list[FormatSpan], text: str, start: int, end: int) -> list[tuple[str, RunFormat]]:
    """The (text, format) pieces of ``text[start:end]``."""
    out = []
    for lo, hi, fmt in spans:
        lo, hi = max(lo, start), min(hi, end)
        if lo < hi:
            out.append((text[lo:hi], fmt))
    return out
