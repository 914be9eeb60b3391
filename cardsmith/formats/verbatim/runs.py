"""Word's run formatting between paragraphs and the text a card keeps.

The reader tidies text (a tag's spaces collapsed, a paragraph's ends stripped, cite lines joined),
so formats are carried over character by character: every non-space character of the tidy text
takes the format of the same non-space character in the paragraphs, and a space takes the format
of the whitespace it stands for, so underlining between words survives too.
"""

from __future__ import annotations

from cardsmith.formats.verbatim.ooxml import Paragraph
from cardsmith.model import FormatSpan, RunFormat


def project(paras: list[Paragraph], text: str) -> list[FormatSpan]:
    """Runs over ``text`` (tidied from the paragraphs' text, same characters in the same order)."""
    raw = "".join(para.text for para in paras)
    formats: list[RunFormat] = []
    for para in paras:
        for length, fmt in para.formats:
            formats.extend([fmt] * length)
    cuts: list[tuple[int, RunFormat]] = []  # where the format changes, compared by identity here
    j, size, last, current = 0, len(raw), RunFormat(), None
    for i, ch in enumerate(text):
        if ch.isspace():
            if j < size and raw[j].isspace():
                last = formats[j]
                j += 1
        else:
            while j < size and raw[j].isspace():
                j += 1
            if j < size:
                last = formats[j]
                j += 1
        if last is not current:
            cuts.append((i, last))
            current = last
    spans: list[FormatSpan] = []
    ends = [i for i, _ in cuts[1:]] + [len(text)] * bool(cuts)
    for (start, fmt), end in zip(cuts, ends, strict=True):
        if spans and spans[-1][2] == fmt:
            spans[-1] = (spans[-1][0], end, fmt)
        else:
            spans.append((start, end, fmt))
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
