"""Cutting benchmark: the seed card, passage choice on real cards, and read+cut time.

    python benchmarks/cut.py

1. Seed: cut ``../shared/seeds/001`` with the hand-cut card's tag as claim; word F1 against the
   card body with its PDF junk removed; the short cite.
2. Passage choice on DebateSum dev: an "article" is made of 2 to 8 consecutive cards from one
   debate file (each card a paragraph); the claim is one card's tag; F1 of the cut body against
   that card's body.
3. Passage choice on real files: a document is 4 to 6 consecutive cards of one debate file (each
   card's body paragraphs kept), the claim one card's tag, the gold span that card's body. Sets:
   PF caselist files of held-out teams, hs-2026 held-out files (by file-name hash), DebateSum dev
   (2017); their train halves (and the caselist-pf-other files of train teams) are what
   ``training/train_passage.py`` learns from. Character span F1, exact-match share, the share of
   cuts mostly outside the target card ("wrong": the wrong card chosen, not a boundary slip) and the
   "single best BM25 paragraph" reference, in the same run.
4. Time to read and cut each seed article and a synthetic 5,000-word article.

Each part needs its data in ../shared and is skipped (with a reason) when the data is absent.
"""

from __future__ import annotations

import hashlib
import itertools
import pickle
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, SHARED, debatesum, word_f1  # noqa: E402

from cardsmith.cut import cut_cards  # noqa: E402
from cardsmith.cut.relevance import bm25_scores  # noqa: E402
from cardsmith.errors import CardsmithError  # noqa: E402
from cardsmith.marking.corpus import pf_split  # noqa: E402
from cardsmith.model import Card, Document, Metadata, Span  # noqa: E402
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
    """Read + cut time of the seed articles (the repo's samples without ../shared) and a synthetic one."""
    print("read + cut time")
    paths = sorted((SHARED / "seeds").glob("00[1-4]_*")) or sorted((ROOT / "samples").glob("*.txt"))
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


CACHE = Path("/tmp/cardsmith-cut")
#: Real-file sets: name -> (folder under ../shared/data, how a file is assigned to a split).
REAL_SETS = ("PF caselist", "hs-2026", "DebateSum")


@dataclass
class Case:
    """One passage-choice problem: a document of consecutive cards, one card's tag, that card's span."""

    doc: Document
    claim: str
    gold: Span
    origin: str


def _hs_split(path: Path) -> str:
    """hs-2026 has no teams in its file names: a stable hash of the name puts ~35% of files in test."""
    return "test" if int(hashlib.sha256(path.name.encode()).hexdigest()[:8], 16) % 100 < 35 else "train"


def _file_cards(folder: str, split_of) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """``(file name, split, [(tag, body)])`` for each readable .docx (parsed once, cached in /tmp)."""
    cached = CACHE / f"cards-{folder}.pickle"
    if cached.exists():
        return pickle.loads(cached.read_bytes())
    from cardsmith.formats.verbatim import read_verbatim

    out = []
    for path in sorted((SHARED / "data" / folder).glob("*.docx")):
        try:
            items = read_verbatim(path)
        except Exception as err:  # noqa: BLE001 - one unreadable file must not stop the benchmark
            print(f"  skip {path.name}: {err}")
            continue
        cards = [(" ".join(c.tag.split()), c.body) for c in items if isinstance(c, Card) and not c.is_analytic]
        out.append((path.name, split_of(path), [(t, b) for t, b in cards if t and b.strip()]))
    CACHE.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(pickle.dumps(out))
    return out


def _debatesum_files(split: str) -> list[tuple[str, str, list[tuple[str, str]]]]:
    records = sorted((r["source_sample"] for r in debatesum(split)), key=lambda r: r["OriginalDebateFileName"])
    return [
        (name, "train" if split == "train" else "test", [(" ".join(r["Abstract"].split()), r["Full-Document"])
                                                          for r in group if r["Abstract"].strip()])
        for name, group in itertools.groupby(records, key=lambda r: r["OriginalDebateFileName"])
    ]


def _key(body: str) -> str:
    return " ".join(body.split())[:300]


def cases(name: str, split: str, limit: int = 0, seed: int = 7, *, flat: bool = False) -> list[Case]:
    """Documents of 4-6 consecutive cards from ``split`` ("train" or "test") files of one real set.

    A card body seen in a test file never appears in a train document (teams reuse cards), and a
    card is the target of at most one document. ``flat`` makes each card one paragraph.
    """
    if name == "PF caselist":
        # caselist-pf-other adds train files only: its few files of test teams are left out altogether.
        files = _file_cards("caselist-pf", lambda p: "test" if pf_split(p) == "test" else "train") + (
            _file_cards("caselist-pf-other", lambda p: "unused" if pf_split(p) == "test" else "train")
            if split == "train" else [])
    elif name == "hs-2026":
        files = _file_cards("hs-2026", _hs_split)
    else:
        files = _debatesum_files("train") + _debatesum_files("dev")
    held_out = {_key(b) for _, s, cards in files if s == "test" for _, b in cards}
    rng = random.Random(seed)
    out: list[Case] = []
    targets: set[str] = set()
    for file, file_split, cards in files:
        if file_split != split:
            continue
        cards = [(t, b) for t, b in cards if len(b.split()) >= 25 and (split == "test" or _key(b) not in held_out)]
        for window in _windows(cards, rng):
            options = [i for i, (_, b) in enumerate(window) if _key(b) not in targets]
            if not options:
                continue
            target = rng.choice(options)
            targets.add(_key(window[target][1]))
            doc, gold = _document([" ".join(b.split()) if flat else b for _, b in window], target)
            out.append(Case(doc, window[target][0], gold, file))
            if len(out) == limit:
                return out
    return out


def _windows(cards: list, rng: random.Random) -> Iterator[list]:
    """Consecutive, non-overlapping runs of 4 to 6 cards (a shorter tail of at least 4 too)."""
    i = 0
    while len(cards) - i >= 4:
        size = rng.randint(4, 6)
        yield cards[i : i + size]
        i += size


def _document(bodies: list[str], target: int) -> tuple[Document, Span]:
    """The bodies one after another, each body line a paragraph; the target body's span."""
    text, spans, gold = "", [], (0, 0)
    for index, body in enumerate(bodies):
        first = len(spans)
        for line in body.split("\n"):
            line = " ".join(line.split())
            if not line:
                continue
            if text:
                text += "\n\n"
            spans.append((len(text), len(text) + len(line)))
            text += line
        if index == target:
            gold = (spans[first][0], spans[-1][1])
    return Document(text=text, paragraphs=spans, metadata=Metadata()), gold


def span_f1(got: Span, gold: Span) -> float:
    """Character F1 of two spans of one text."""
    shared = min(got[1], gold[1]) - max(got[0], gold[0])
    if shared <= 0:
        return 0.0
    precision, recall = shared / (got[1] - got[0]), shared / (gold[1] - gold[0])
    return 2 * precision * recall / (precision + recall)


def bm25_paragraph(case: Case) -> Span:
    """The reference: the single paragraph with the highest BM25 for the claim."""
    scores = bm25_scores(case.claim, case.doc.paragraph_texts())
    return case.doc.paragraphs[int(scores.argmax())]


def cut_span(case: Case, encoder=None) -> Span:
    """The span of the best card (empty when the cutter finds none)."""
    try:
        card = cut_cards(case.doc, case.claim, encoder=encoder)[0]
    except CardsmithError:
        return 0, 0
    return card.source.start, card.source.end


def real_files(limit: int = 300, encoder=None) -> None:
    """Span F1 of ``cut`` and of the BM25-paragraph reference on each real set's held-out documents,
    with each card's paragraphs kept ("lines") and with each card made one paragraph ("flat")."""
    print("passage choice on real files (held-out documents of 4-6 consecutive cards)")
    print(f"  {'set':18} {'docs':>5} {'cut F1':>7} {'exact':>6} {'wrong':>6} {'BM25 par F1':>11} {'exact':>6} "
          f"{'s/cut':>7}")
    for name, flat in itertools.product(REAL_SETS, (False, True)):
        if name == "DebateSum" and not flat:
            continue  # its bodies break at every printed line, not at paragraphs
        folder = {"PF caselist": "caselist-pf", "hs-2026": "hs-2026", "DebateSum": "debatesum"}[name]
        if not (SHARED / "data" / folder).is_dir():
            print(f"  {name:18} skipped: {SHARED / 'data' / folder} is absent")
            continue
        test = cases(name, "test", limit, flat=flat)
        ours, ref, wrong, seconds = [], [], 0, 0.0
        for case in test:
            start = time.perf_counter()
            got = cut_span(case, encoder)
            seconds += time.perf_counter() - start
            ours.append(span_f1(got, case.gold))
            wrong += _mostly_elsewhere(got, case.gold)
            ref.append(span_f1(bm25_paragraph(case), case.gold))
        label = f"{name} {'flat' if flat else 'lines'}"
        print(f"  {label:18} {len(test):5} {statistics.mean(ours):7.3f} {_exact(ours):6.1%} {wrong / len(test):6.1%} "
              f"{statistics.mean(ref):11.3f} {_exact(ref):6.1%} {seconds / len(test):7.3f}")


def _mostly_elsewhere(got: Span, gold: Span) -> bool:
    """The wrong card was chosen: most of the cut lies outside the target card (not a boundary slip)."""
    shared = max(0, min(got[1], gold[1]) - max(got[0], gold[0]))
    return shared <= (got[1] - got[0]) / 2


def _exact(scores: list[float]) -> float:
    return sum(f > 0.99 for f in scores) / len(scores)


if __name__ == "__main__":
    if (SHARED / "seeds").is_dir():
        seed()
    else:
        print(f"seed card: skipped ({SHARED / 'seeds'} is absent)")
    if (SHARED / "data" / "debatesum").is_dir():
        passage_choice()
    else:
        print(f"passage choice, DebateSum dev: skipped ({SHARED / 'data' / 'debatesum'} is absent)")
    real_files()
    timing()
