"""``Spans`` answers exactly what a scan over the spans answers (it replaces such scans)."""

from __future__ import annotations

import random

from cardsmith.verify.spans import Spans


def test_spans_agree_with_a_scan() -> None:
    rng = random.Random(2)
    for _ in range(200):
        raw = [(s, s + rng.randrange(0, 12)) for s in (rng.randrange(60) for _ in range(rng.randrange(6)))]
        spans = Spans(raw)
        for pos in range(-1, 75):
            assert (pos in spans) == any(a <= pos < b for a, b in raw)
            end = pos + rng.randrange(0, 8)
            assert spans.covers(pos, end) == any(a <= pos and end <= b for a, b in raw)
