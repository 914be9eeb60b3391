"""Cutting benchmark: the seed card, passage choice on real cards, and read+cut time.

    python benchmarks/cut.py

1. Seed: cut ``../shared/seeds/001`` with the hand-cut card's tag as claim; word F1 against the
   card body with its PDF junk removed; the short cite.
2. Passage choice on DebateSum dev: an "article" is made of 2 to 8 consecutive cards from one
   debate file (each card a paragraph); the claim is one card's tag; F1 of the cut body against
   that card's body.
3. Time to read and cut each seed article and a synthetic 5,000-word article.
"""

from __future__ import annotations

import itertools
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import SHARED, debatesum, need_shared, word_f1  # noqa: E402

from cardsmith.cut import cut_cards  # noqa: E402
from cardsmith.model import Document, Metadata  # noqa: E402
from cardsmith.sources import read_document  # noqa: E402

# What the seed card carries from its PDF copy and the article's clean copy does not.
_PDF_JUNK = (
    re.compile(r"This\s+content\s+downloaded\s+from\s.*?All\s+use\s+subject\s+to\s+\S+"),
    re.compile(r"\s\d{1,2} ['‘].*?\.(?:html?|shtml|cn/)?(?=\s\d{1,2} ['‘]|\sThis\s)"),
    re.compile(r"\s\d+ Policy Brief \d+ · \d{4}"),
)


def seed() -> None:
    seeds = SHARED / "seeds"
    card = next(seeds.glob("000_*")).read_text(encoding="utf-8").split("\n")
    tag, body = card[0], " ".join(card[2:])
    for pattern in _PDF_JUNK:
        body = pattern.sub(" ", body)
    doc = read_document(next(seeds.glob("001_*")))
    got = cut_cards(doc, tag)[0]
    print("seed card from 001")
    print(f"  word F1 vs hand-cut body (junk removed): {word_f1(got.body, body):.3f}")
    print(f"  words: cut {len(got.body.split())}, hand-cut {len(body.split())}")
    print(f"  junk in cut body: {'downloaded from' in got.body or 'jstor' in got.body.lower()}")
    print(f"  short cite: {got.cite.short!r}; title: {got.cite.title!r}")
    print(f"  publication: {got.cite.publication!r}; qualifications: {(got.cite.qualifications or '')[:70]!r}")


def _paragraphs(bodies: list[str]) -> Document:
    text, spans = "", []
    for body in bodies:
        body = " ".join(body.split())
        if text:
            text += "\n\n"
        spans.append((len(text), len(text) + len(body)))
        text += body
    return Document(text=text, paragraphs=spans, metadata=Metadata())


def passage_scores(limit: int = 150) -> tuple[list[float], float]:
    """Word F1 of each cut against its card, and the seconds spent cutting (the gate reuses this)."""
    records = [r["source_sample"] for r in debatesum("dev")]
    records.sort(key=lambda r: r["OriginalDebateFileName"])
    by_file = itertools.groupby(records, key=lambda r: r["OriginalDebateFileName"])
    rng = random.Random(7)
    scores, seconds = [], 0.0
    for _, group in by_file:
        cards = [c for c in group if c["Abstract"].strip() and len(c["Full-Document"].split()) > 30][:8]
        if len(cards) < 2:
            continue
        target = rng.randrange(len(cards))
        doc = _paragraphs([c["Full-Document"] for c in cards])
        start = time.perf_counter()
        got = cut_cards(doc, cards[target]["Abstract"])[0]
        seconds += time.perf_counter() - start
        scores.append(word_f1(got.body, cards[target]["Full-Document"]))
        if len(scores) == limit:
            break
    return scores, seconds


def passage_choice(limit: int = 150) -> None:
    scores, seconds = passage_scores(limit)
    exact = sum(f1 > 0.95 for f1 in scores)
    print(f"passage choice, DebateSum dev ({len(scores)} synthetic articles of 2-8 cards)")
    print(f"  mean word F1 {statistics.mean(scores):.3f}, median {statistics.median(scores):.3f}, "
          f"exact (F1>0.95) {exact / len(scores):.1%}, {seconds / len(scores) * 1000:.0f} ms per cut")


def timing() -> None:
    print("read + cut time")
    paths = sorted((SHARED / "seeds").glob("00[1-4]_*"))
    words = [w for p in paths for w in p.read_text(encoding="utf-8").split()]
    with tempfile.TemporaryDirectory() as tmp:
        synthetic = Path(tmp) / "synthetic-5000.txt"
        rng = random.Random(1)
        paragraphs = [" ".join(rng.choice(words) for _ in range(100)) + "." for _ in range(50)]
        synthetic.write_text("\n\n".join(paragraphs), encoding="utf-8")
        for path in [*paths, synthetic]:
            start = time.perf_counter()
            doc = read_document(path)
            read = time.perf_counter() - start
            cut_cards(doc, "Russia and China align against the United States")
            total = time.perf_counter() - start
            print(f"  {path.name[:28]:28} {len(doc.text.split()):6} words  read {read * 1000:6.0f} ms  "
                  f"read+cut {total * 1000:6.0f} ms")


if __name__ == "__main__":
    need_shared()
    seed()
    passage_choice()
    timing()
