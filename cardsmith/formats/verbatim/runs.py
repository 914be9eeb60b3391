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
    lines = [para.text.strip() for para in paras]
    if all(lines) and text == "\n".join(lines):  # card text: paragraphs stripped, one a line
        return _merge(_cuts_by_line(paras), len(text))
    return _merge(_cuts_by_character(paras, text), len(text))


def _cut(cuts: list[tuple[int, RunFormat]], at: int, fmt: RunFormat) -> None:
    """A new run at ``at`` unless the format is the one running (compared by identity: fast)."""
    if not cuts or cuts[-1][1] is not fmt:
        cuts.append((at, fmt))


def _cuts_by_character(paras: list[Paragraph], text: str) -> list[tuple[int, RunFormat]]:
    """Each character of ``text`` takes the format of the paragraphs' character it stands for."""
    raw = "".join(para.text for para in paras)
    formats: list[RunFormat] = []
    for para in paras:
        for length, fmt in para.formats:
            formats.extend([fmt] * length)
    cuts: list[tuple[int, RunFormat]] = []
    j, size, last = 0, len(raw), RunFormat()
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
        _cut(cuts, i, last)
    return cuts


def _cuts_by_line(paras: list[Paragraph]) -> list[tuple[int, RunFormat]]:
    """What :func:`_cuts_by_character` gives for the paragraphs' stripped texts joined by newlines,
    a run at a time: each newline takes the format of the whitespace after the line, if any."""
    cuts: list[tuple[int, RunFormat]] = []
    at = 0
    for i, para in enumerate(paras):
        text = para.text
        begin = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        pos = 0
        for length, fmt in para.formats:
            if pos + length > begin and pos < end:
                _cut(cuts, at + max(pos, begin) - begin, fmt)
            pos += length
        at += end - begin
        if i + 1 < len(paras):
            after = _format_at(para, end) if end < len(text) else None
            if after is None and paras[i + 1].text[:1].isspace():
                after = _format_at(paras[i + 1], 0)
            if after is not None:
                _cut(cuts, at, after)
            at += 1
    return cuts


def _format_at(para: Paragraph, offset: int) -> RunFormat:
    pos = 0
    for length, fmt in para.formats:
        if offset < pos + length:
            return fmt
        pos += length
    raise IndexError(offset)


def _merge(cuts: list[tuple[int, RunFormat]], length: int) -> list[FormatSpan]:
    """Spans between the cuts, equal neighbours joined."""
    spans: list[FormatSpan] = []
    ends = [i for i, _ in cuts[1:]] + [length] * bool(cuts)
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
