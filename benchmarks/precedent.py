"""Marks from precedent on real cards: one team's marks mapped onto another team's card of the same passage.

    python benchmarks/precedent.py [--shared ../shared] [--limit 300] [--cache cards.pickle]

Data: every highlighted card of the Verbatim files in ``../shared/data`` (``caselist-pf``,
``caselist-pf-other``, ``hs-2026``). Pairs are cards from *different files* whose bodies share text
but differ (copies that differ only in whitespace are left out; a body found in several files counts
once), found by hashed word 8-grams; at most ``--limit`` pairs, each pair once, spread over the data.
Card A's marks are mapped onto card B (:func:`cardsmith.verify.precedent.map_marks`) with the
thresholds switched off, so the table can show where they should sit.

Prints, on the words the precedent covers, word F1 and MCC of the mapped highlight and underline
against B's gold, next to the shipped marker's (``cardsmith.marking.mark`` told B's style) on the
same words; then the whole card with precedent marks on the covered words and the marker's elsewhere
(what ``cut``/``mark --library`` give) against the marker alone; per coverage bucket, so the
thresholds can be tuned; and the milliseconds per mapping (alignment included, library search not).
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cardsmith.marking import mark  # noqa: E402
from cardsmith.marking.corpus import VERBATIM_SETS, Example, body_key, verbatim_cards  # noqa: E402
from cardsmith.marking.metrics import Confusion  # noqa: E402
from cardsmith.marking.text import Words, spans_to_mask, words  # noqa: E402
from cardsmith.model import Card, Cite, Marks  # noqa: E402
from cardsmith.verify import precedent  # noqa: E402

#: Words per shingle, and the share of shingles kept (by hash) for finding pairs.
SHINGLE = 8
SAMPLE = 4
#: Sampled shingles two bodies must share to be a candidate pair.
MIN_SHARED = 3
#: Coverage buckets (share of B's words the precedent covers).
BUCKETS = ((0.0, 0.1), (0.1, 0.2), (0.2, 0.4), (0.4, 0.7), (0.7, 1.01))


def load(shared: Path, cache: Path | None) -> list[Example]:
    """Highlighted cards of the Verbatim folders, one per (file, body)."""
    if cache is not None and cache.exists():
        return pickle.loads(cache.read_bytes())
    cards: list[Example] = []
    for folder in VERBATIM_SETS:
        for path in sorted((shared / "data" / folder).glob("*.docx")):
            seen: set[str] = set()
            for ex in verbatim_cards(path):
                if ex.highlight and body_key(ex.body) not in seen:
                    seen.add(body_key(ex.body))
                    cards.append(ex)
    if cache is not None:
        cache.write_bytes(pickle.dumps(cards))
    return cards


def shingles(body: str) -> set[int]:
    """Hashes of the body's word 8-grams, one in :data:`SAMPLE` kept (the same ones in every body)."""
    norms = [w.lower() for w in words(body).lower]
    out = set()
    for i in range(len(norms) - SHINGLE + 1):
        h = int.from_bytes(hashlib.blake2b(" ".join(norms[i : i + SHINGLE]).encode(), digest_size=8).digest())
        if h % SAMPLE == 0:
            out.add(h)
    return out


def pairs(cards: list[Example], limit: int) -> tuple[list[tuple[Example, Example]], list[Example]]:
    """Up to ``limit`` (A, B) pairs from different files sharing text, each distinct body pair once;
    and every distinct body's card."""
    distinct: dict[str, Example] = {}
    files: dict[str, set[str]] = defaultdict(set)
    for ex in cards:
        squashed = " ".join(ex.body.split())
        distinct.setdefault(squashed, ex)
        files[squashed].add(ex.group)
    bodies = list(distinct)
    index: dict[int, list[int]] = defaultdict(list)
    for n, body in enumerate(bodies):
        for h in shingles(body):
            index[h].append(n)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for posting in index.values():
        if len(posting) > 50:  # boilerplate every file carries
            continue
        for i, a in enumerate(posting):
            for b in posting[i + 1 :]:
                shared[a, b] += 1
    found = [
        (distinct[bodies[a]], distinct[bodies[b]])
        for (a, b), count in sorted(shared.items())
        if count >= MIN_SHARED and len(files[bodies[a]] | files[bodies[b]]) > 1
    ]
    print(f"{len(cards)} highlighted cards, {len(bodies)} distinct bodies, {len(found)} overlapping pairs")
    random.Random(0).shuffle(found)
    return found[:limit], list(distinct.values())


def as_card(ex: Example) -> Card:
    marks = Marks(underline=ex.underline, highlight=ex.highlight or [], emphasis=ex.emphasis or [])
    return Card(tag=ex.tag, cite=Cite(short=ex.group), body=ex.body, marks=marks)


class NoVectors:
    """An encoder that embeds nothing: precedent needs only the library's lexical index."""

    model_id, dim = "none", 8

    def encode(self, texts: list[str], *, progress: bool = False) -> np.ndarray:
        return np.full((len(texts), self.dim), 8**-0.5, dtype=np.float32)


def through_library(cards: list[Example], targets: list[Example], model: dict[str, Marks]) -> None:
    """Each target's precedent found in a library of every other distinct card (the shipped
    thresholds): how often one is found, the milliseconds per card, and the whole card's figures."""
    from cardsmith.library import Library

    keep = {id(t) for t in targets}
    with tempfile.TemporaryDirectory() as tmp, Library.open(Path(tmp) / "lib.sqlite", encoder=NoVectors()) as lib:
        lib.add_cards([as_card(ex) for ex in cards if id(ex) not in keep], origin="benchmark")
        with_, alone = Tally(), Tally()
        seconds, found_count = 0.0, 0
        for b in targets:
            t = time.perf_counter()
            marks, found = precedent.with_precedent(lib, b.tag, b.body, model[b.body])
            seconds += time.perf_counter() - t
            found_count += found is not None
            ws = words(b.body)
            every = np.ones(len(ws), dtype=bool)
            with_.add(ws, marks, b, every)
            alone.add(ws, model[b.body], b, every)
    print(f"\nThrough a library of the other {len(cards) - len(targets)} distinct cards: a precedent found for"
          f" {found_count} of {len(targets)} cards that share text with one;"
          f" {1000 * seconds / max(len(targets), 1):.0f} ms per card (search + alignment)\n")  # fmt: skip
    print("| marks, whole card | highlight F1 | highlight MCC | underline F1 | underline MCC |\n|---|---|---|---|---|")
    for name, tally in (("precedent + marker", with_), ("marker alone", alone)):
        h, u = tally.parts["highlight"], tally.parts["underline"]
        print(f"| {name} | {h.f1:.3f} | {h.mcc:.3f} | {u.f1:.3f} | {u.mcc:.3f} |")


class Tally:
    """Confusions of one marker on one part, plus a count of cards."""

    def __init__(self) -> None:
        self.parts = {"highlight": Confusion(), "underline": Confusion()}
        self.cards = 0

    def add(self, ws: Words, marks: Marks, gold: Example, on: np.ndarray) -> None:
        self.cards += 1
        for part, conf in self.parts.items():
            gold_spans = gold.highlight if part == "highlight" else gold.underline
            conf.add(spans_to_mask(ws, getattr(marks, part))[on], spans_to_mask(ws, gold_spans or [])[on])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--limit", type=int, default=300, help="at most this many card pairs")
    ap.add_argument("--cache", type=Path, help="keep the parsed cards here between runs")
    args = ap.parse_args()
    if not args.shared.is_dir():
        sys.exit(f"skipped: {args.shared} is absent (real data is needed for this benchmark)")
    shipped = precedent.MIN_WORDS, precedent.MIN_SHARE
    precedent.MIN_WORDS, precedent.MIN_SHARE = 1, 0.0  # measure every overlap; buckets show the cut-off
    tallies: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    seconds, mapped, shares, short = 0.0, 0, [], 0
    found_pairs, distinct = pairs(load(args.shared, args.cache), args.limit)
    models: dict[str, Marks] = {}
    for a, b in found_pairs:
        t = time.perf_counter()
        found = precedent.map_marks(b.body, as_card(a))
        seconds += time.perf_counter() - t
        mapped += 1
        if found is None:
            continue
        shares.append(found.share)
        short += found.words < 30
        ws = words(b.body)
        on = spans_to_mask(ws, found.covered)
        model = models.setdefault(b.body, mark(b.tag, b.body, style=b.style))
        both = precedent.apply(model, found, len(b.body))
        everywhere = np.ones(len(ws), dtype=bool)
        bucket = next(f"{lo:.0%}–{min(hi, 1):.0%}" for lo, hi in BUCKETS if lo <= found.share < hi)
        for name in ("all", bucket):
            tallies[name]["precedent, covered words"].add(ws, found.marks, b, on)
            tallies[name]["marker, covered words"].add(ws, model, b, on)
            tallies[name]["precedent + marker, whole card"].add(ws, both, b, everywhere)
            tallies[name]["marker, whole card"].add(ws, model, b, everywhere)
    print(f"{len(shares)} pairs with a mapping; mean coverage {np.mean(shares):.2f}, median {np.median(shares):.2f};"
          f" {short} cover under 30 words; {1000 * seconds / max(mapped, 1):.1f} ms per mapping")  # fmt: skip
    print("\n| pairs by coverage | marks | cards | highlight F1 | highlight MCC | underline F1 | underline MCC |")
    print("|---|---|---|---|---|---|---|")
    for name in ["all", *(f"{lo:.0%}–{min(hi, 1):.0%}" for lo, hi in BUCKETS)]:
        for marker, tally in tallies.get(name, {}).items():
            h, u = tally.parts["highlight"], tally.parts["underline"]
            print(f"| {name} | {marker} | {tally.cards} | {h.f1:.3f} | {h.mcc:.3f} | {u.f1:.3f} | {u.mcc:.3f} |")
    precedent.MIN_WORDS, precedent.MIN_SHARE = shipped
    targets = list({id(b): b for _a, b in found_pairs if b.body in models}.values())
    through_library(distinct, targets, models)


if __name__ == "__main__":
    main()
