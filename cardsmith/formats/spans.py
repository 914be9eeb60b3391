"""Between formatted segments and the span lists of :class:`~cardsmith.model.Marks`.

Readers produce (text, flags) segments; renderers and the writer need them back. Keeping both
directions here means every format agrees on what a mark covers.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from cardsmith.model import Marks, Span

UNDERLINE = 1
EMPHASIS = 2
HIGHLIGHT = 4
MARK_BITS = UNDERLINE | EMPHASIS | HIGHLIGHT


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Sorted, non-empty spans with overlapping or touching ones joined."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def normalize_marks(marks: Marks) -> Marks:
    """Canonical marks: merged spans, emphasis counted as underline too."""
    return Marks(
        underline=merge_spans([*marks.underline, *marks.emphasis]),
        emphasis=merge_spans(marks.emphasis),
        highlight=merge_spans(marks.highlight),
    )


def marks_from_segments(segments: Iterable[tuple[str, int]]) -> tuple[str, Marks]:
    """Join segments into text and the spans each mark flag covers."""
    parts: list[str] = []
    spans: dict[int, list[Span]] = {UNDERLINE: [], EMPHASIS: [], HIGHLIGHT: []}
    pos = 0
    for text, flags in segments:
        end = pos + len(text)
        for bit, found in spans.items():
            if flags & bit and text:
                found.append((pos, end))
        parts.append(text)
        pos = end
    marks = Marks(underline=spans[UNDERLINE], emphasis=spans[EMPHASIS], highlight=spans[HIGHLIGHT])
    return "".join(parts), normalize_marks(marks)


def segments_from_marks(text: str, marks: Marks) -> list[tuple[str, int]]:
    """Split text at every mark boundary into (text, flags) pieces, in order."""
    marks = normalize_marks(marks)
    layers = ((UNDERLINE, marks.underline), (EMPHASIS, marks.emphasis), (HIGHLIGHT, marks.highlight))
    cuts = {0, len(text)}
    for _, spans in layers:
        for start, end in spans:
            cuts.update((max(0, min(start, len(text))), max(0, min(end, len(text)))))
    points = sorted(cuts)
    segments: list[tuple[str, int]] = []
    starts = [[s for s, _ in spans] for _, spans in layers]
    for start, end in zip(points, points[1:], strict=False):
        flags = 0
        for (bit, spans), begins in zip(layers, starts, strict=True):
            i = bisect_right(begins, start) - 1
            if i >= 0 and end <= spans[i][1]:
                flags |= bit
        if start < end:
            segments.append((text[start:end], flags))
    return segments


def marked_words(text: str, spans: Iterable[Span]) -> list[str]:
    """The words a list of spans covers, for comparing marks across formats."""
    return " ".join(text[s:e] for s, e in merge_spans(spans)).split()
