"""Whether a position or a range lies inside any of a set of spans, in logarithmic time.

Debris spans, junk differences and brackets are each checked against every word of a card or source;
scanning the spans for each word is quadratic, and a crafted 2 MB file holds tens of thousands of
both. Sorting by start and keeping the furthest end reached so far answers each question by bisection.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from itertools import accumulate


class Spans:
    """Half-open ``(start, end)`` spans, which may overlap."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._reach = list(accumulate((end for _, end in ordered), max))

    def _furthest(self, start: int) -> int | None:
        """The furthest end among the spans that start at or before ``start`` (None when none do)."""
        i = bisect.bisect_right(self._starts, start) - 1
        return self._reach[i] if i >= 0 else None

    def __contains__(self, pos: int) -> bool:
        """Whether some span has ``start <= pos < end``."""
        reach = self._furthest(pos)
        return reach is not None and reach > pos

    def covers(self, start: int, end: int) -> bool:
        """Whether some single span holds all of ``[start, end)``."""
        reach = self._furthest(start)
        return reach is not None and reach >= end
