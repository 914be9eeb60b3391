"""Helpers the benchmark scripts share: where the real data is, and word-level overlap."""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
_WORD = re.compile(r"\w+")


def need_shared() -> None:
    """Benchmarks on real data exit cleanly (with a reason) in a clone without ../shared."""
    if not SHARED.is_dir():
        sys.exit(f"skipped: {SHARED} is absent (real data is needed for this benchmark)")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def word_f1(predicted: str, gold: str) -> float:
    """Bag-of-words F1 between two texts (order-free, as in extractive summarisation)."""
    p, g = Counter(words(predicted)), Counter(words(gold))
    overlap = sum((p & g).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def debatesum(split: str) -> Iterator[dict]:
    """Records of ``{train,dev}-DebateSum.jsonl.gz``."""
    with gzip.open(SHARED / "data" / "debatesum" / f"{split}-DebateSum.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)
