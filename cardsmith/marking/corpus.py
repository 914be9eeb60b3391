"""Real marked cards for training and benchmarks: DebateSum records and Verbatim .docx files.

Splits are by year (DebateSum: 2013–16 train, 2017 dev) and by team (PF: a stable hash of the
school and debaters in the file name), so no card of a dev or held-out file is ever trained on.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cardsmith.model import Span


@dataclass
class Example:
    """One marked card: what the marker sees (tag, body) and what the debater marked."""

    tag: str
    body: str
    underline: list[Span]
    highlight: list[Span] | None
    group: str


def debatesum(path: Path) -> Iterator[Example]:
    """DebateSum cards: tag = Abstract, body = Full-Document, underline = the selection spans."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            src = rec["source_sample"]
            spans = [(s["start_pos"], s["end_pos"]) for s in rec["selections"][0]["selections"]]
            yield Example(src["Abstract"], src["Full-Document"], spans, None, str(src.get("Year", "")))


def pf_team(path: Path) -> str:
    """The school and debaters of a caselist file ("001_School-AbCd-Pro-..." -> "School-AbCd").

    A team reuses its cards in every round, so splitting by file would leak cards into dev/test.
    """
    return "-".join(path.stem.split("_", 1)[-1].split("-")[:2])


def pf_split(path: Path) -> str:
    """``train`` (70%), ``dev`` (15%) or ``test`` (15%, held out for the benchmark), by team."""
    h = int(hashlib.sha256(pf_team(path).encode()).hexdigest()[:8], 16) % 100
    return "train" if h < 70 else "dev" if h < 85 else "test"


def verbatim_cards(path: Path) -> Iterator[Example]:
    """Cards with a body and some underline from a Verbatim file (unreadable files yield nothing)."""
    from cardsmith.errors import CardsmithError
    from cardsmith.formats.verbatim import read_verbatim
    from cardsmith.model import Card

    try:
        items = read_verbatim(path)
    except CardsmithError:
        return
    for item in items:
        if isinstance(item, Card) and item.body.strip() and item.marks.underline:
            yield Example(item.tag, item.body, list(item.marks.underline), list(item.marks.highlight), path.name)


def pf_examples(folder: Path) -> dict[str, list[Example]]:
    """PF cards by split, each card once: a body found in several splits goes to the most held-out.

    Teams share cards, so the same body can appear in train and test files; keeping it only in
    ``test`` (else ``dev``) keeps the held-out figures honest.
    """
    rank = {"test": 0, "dev": 1, "train": 2}
    seen: dict[str, tuple[str, Example]] = {}
    for path in sorted(folder.glob("*.docx")):
        split = pf_split(path)
        for ex in verbatim_cards(path):
            key = " ".join(ex.body.split())[:300]
            if key not in seen or rank[split] < rank[seen[key][0]]:
                seen[key] = (split, ex)
    out: dict[str, list[Example]] = {"train": [], "dev": [], "test": []}
    for split, ex in seen.values():
        out[split].append(ex)
    return out
