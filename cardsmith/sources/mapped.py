"""Text that remembers where each character came from.

Every cleaning step edits a :class:`Mapped` (a string plus, per character, its index in the
source text) instead of a bare string, so the final Document can point any span back at the
source. Steps only delete characters or re-emit existing ones; whitespace may stand in for any
source whitespace, which is the one liberty the offset map allows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

Span = tuple[int, int]


class Mapped:
    """A string and, for each character, its index in the source text."""

    __slots__ = ("offsets", "text")

    def __init__(self, text: str, offsets: list[int]) -> None:
        if len(text) != len(offsets):
            raise ValueError("text and offsets differ in length")
        self.text = text
        self.offsets = offsets

    @classmethod
    def identity(cls, source: str) -> Mapped:
        """The source itself: character ``i`` comes from index ``i``."""
        return cls(source, list(range(len(source))))

    def __len__(self) -> int:
        return len(self.text)

    def line_spans(self) -> list[Span]:
        """``(start, end)`` of every line, without its newline."""
        spans, start = [], 0
        for match in re.finditer("\n", self.text):
            spans.append((start, match.start()))
            start = match.end()
        spans.append((start, len(self.text)))
        return spans

    def remove(self, spans: Iterable[Span]) -> Mapped:
        """A copy without the characters inside ``spans`` (they may overlap or be unsorted)."""
        builder, pos = Builder(), 0
        for start, end in sorted(spans):
            if end <= pos:
                continue
            builder.add(self, pos, max(start, pos))
            pos = end
        builder.add(self, pos, len(self.text))
        return builder.build()

    def remove_matches(self, pattern: re.Pattern[str], group: int | str = 0) -> Mapped:
        """A copy without what ``pattern`` (or one of its groups) matches."""
        return self.remove(m.span(group) for m in pattern.finditer(self.text) if m.start(group) >= 0)


class Builder:
    """Collects ``(char, source index)`` pairs: the one way new Mapped text is made."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._offsets: list[int] = []

    def add(self, mapped: Mapped, start: int = 0, end: int | None = None) -> None:
        """Append a slice of existing mapped text."""
        end = len(mapped.text) if end is None else end
        if start < end:
            self._parts.append(mapped.text[start:end])
            self._offsets.extend(mapped.offsets[start:end])

    def put(self, char: str, source_index: int) -> None:
        """Append one character that stands for the source character at ``source_index``."""
        self._parts.append(char)
        self._offsets.append(source_index)

    def __len__(self) -> int:
        return len(self._offsets)

    def build(self) -> Mapped:
        return Mapped("".join(self._parts), self._offsets)
