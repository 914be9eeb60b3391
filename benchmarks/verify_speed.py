"""Verification speed on large inputs: a whole edited article checked against the article.

    python benchmarks/verify_speed.py [--sizes 200000,2000000] [--every 3] [--seed 7]

The source is DebateSum dev documents joined until it holds SIZE characters; the card is the same
text with one scripted edit (the kinds of ``benchmarks/verify.py``) in every EVERY-th document. A
crafted or pasted file can be this large, so verify must stay near-linear: this prints the time of
one ``verify`` call per size and how many of the edits were located, which must be all of them.

Then hostile cards of the largest size: an edit every 20 words of a kind that once made a step after
the alignment quadratic (moved words, bracketed insertions, stray page numbers; footnotes in the
source).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import debatesum, need_shared  # noqa: E402
from verify import EDITS, _distinct, _located  # noqa: E402

from cardsmith.model import Card, Cite, Document, Metadata  # noqa: E402
from cardsmith.verify import verify  # noqa: E402

Placed = tuple[tuple[int, int], tuple[int, int], int]  # card span, source span (body-relative), body's source offset


def edited_pair(bodies: list[str], size: int, every: int, rng: random.Random) -> tuple[str, str, list[Placed]]:
    """(card, source, edits): the source holds ``size`` characters; every ``every``-th body is edited."""
    card_parts: list[str] = []
    source_parts: list[str] = []
    placed: list[Placed] = []
    card_len = source_len = 0
    kinds = list(EDITS.values())
    for i, body in enumerate(bodies):
        if source_len >= size:
            break
        text = body
        edit = kinds[(i // every) % len(kinds)](body, rng) if i % every == every // 2 else None
        if edit is not None:
            text, (c0, c1), source_span = edit
            placed.append(((c0 + card_len, c1 + card_len), source_span, source_len))
        card_parts.append(text)
        source_parts.append(body)
        card_len += len(text) + 2
        source_len += len(body) + 2
    return "\n\n".join(card_parts), "\n\n".join(source_parts), placed


def hostile(words: list[str], kind: str) -> tuple[str, str]:
    """(card, source) with one ``kind`` edit every 20 words."""
    card: list[str] = []
    for i, word in enumerate(words):
        if i % 20 != 5 or kind == "footnotes":
            card.append(word)
        elif kind == "moves":
            card += [] if i % 40 == 5 else [f"moved{i}", word]
        else:
            card += ["[sic]" if kind == "brackets" else str(i % 97), word]
    source = " ".join(words)
    if kind == "footnotes":
        chunks = (" ".join(words[i : i + 80]) for i in range(0, len(words), 80))
        source = "\n\n1. See https://example.org/report (2019)\n\n".join(chunks)
    return " ".join(card), source


def main() -> None:
    need_shared()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200000,2000000", help="source sizes in characters, comma-separated")
    parser.add_argument("--every", type=int, default=3, help="edit one document in this many")
    parser.add_argument("--seed", type=int, default=7, help="random seed")
    args = parser.parse_args()
    documents = _distinct(r["source_sample"]["Full-Document"] for r in debatesum("dev"))
    bodies = [b for b in documents if len(b.split()) >= 60]
    for size in (int(s) for s in args.sizes.split(",")):
        card_text, source_text, placed = edited_pair(bodies, size, args.every, random.Random(args.seed))
        source = Document(source_text, [], Metadata(), path="source")
        start = time.perf_counter()
        result = verify(Card("tag", Cite(), card_text), [source])
        seconds = time.perf_counter() - start
        found = sum(_located(result, card_span, source_span, base) for card_span, source_span, base in placed)
        print(
            f"{len(card_text) / 1000:,.0f} KB card vs {len(source_text) / 1000:,.0f} KB source: {seconds:.2f} s; "
            f"verdict {result.verdict}, {len(result.differences)} differences, edits located {found}/{len(placed)}"
        )
    words = source_text.split()
    for kind in ("moves", "brackets", "numbers", "footnotes"):
        card_text, hostile_source = hostile(words, kind)
        start = time.perf_counter()
        result = verify(Card("tag", Cite(), card_text), [Document(hostile_source, [], Metadata(), path="source")])
        seconds = time.perf_counter() - start
        print(f"hostile {kind:<9} {len(words):,} words: {seconds:.2f} s; {len(result.differences)} differences")


if __name__ == "__main__":
    main()
