"""Verification benchmark: seed card, edit detection, cosmetic false alarms, speed.

    python benchmarks/verify.py [--cards 200] [--seed 7]

1. Seed: ``../shared/seeds/000`` against articles 001-004: which source, the verdict and the kinds.
2. Edits: DebateSum dev cards (Full-Document) serve as card AND source; the source is embedded between
   two other cards' text and listed with two decoys. Each card gets one random edit per kind
   (words deleted/swapped are alphabetic: a source's footnote marker is not a word); an edit
   is *detected* when the verdict is ``altered``, *located* when an altering difference touches the
   edited words (in the card, or in the source for deletions), *kind ok* when its kind is the expected
   one.
3. Cosmetic variants (quotes, dashes, line breaks, ligatures, soft hyphens, pilcrows): false-alarm rate
   = share judged ``altered`` or ``not_found``.
4. Time of one 1,000-word card against a 10,000-word source (median of 5), and of a card checked
   through ``--library`` search in the synthetic 6,000-card library that ``serve_load.py`` builds
   and caches under /tmp/cardsmith-bench (skipped when it is absent: building it embeds 6,000
   cards, minutes of CPU).
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import SHARED, debatesum, need_shared  # noqa: E402

from cardsmith.model import Card, Cite, Document, Metadata  # noqa: E402
from cardsmith.sources import read_document  # noqa: E402
from cardsmith.verify import ALTERING, Verification, verify  # noqa: E402
from cardsmith.verify.cards import load_card  # noqa: E402

_WORD = re.compile(r"[A-Za-z]+|\d[\d.,]*\d|\d")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
#: What an edit of each kind may legitimately be reported as.
EXPECTED = {
    "word_inserted": {"added", "changed"},
    "word_deleted": {"deleted", "changed"},
    "number_changed": {"number_changed"},
    "sentence_dropped": {"deleted"},
    "words_swapped": {"reordered", "changed"},
}

Edit = tuple[str, tuple[int, int], tuple[int, int]]  # new card text, edited card span, source span


def _words(text: str) -> list[re.Match[str]]:
    return [m for m in _WORD.finditer(text)]


def word_inserted(text: str, rng: random.Random) -> Edit | None:
    words = [m for m in _words(text) if m.group().isalpha() and text[m.start() - 1].isspace()]
    if len(words) < 20:
        return None
    at = rng.choice(words[5:-5]).start()
    new = rng.choice(["notably", "allegedly", "rarely", "purple", "never", "tomorrow"])
    return text[:at] + new + " " + text[at:], (at, at + len(new)), (at, at)


def word_deleted(text: str, rng: random.Random) -> Edit | None:
    words = [m for m in _words(text) if m.group().isalpha()]
    if len(words) < 20:
        return None
    m = rng.choice(words[5:-5])
    end = m.end() + (1 if text[m.end() : m.end() + 1] == " " else 0)
    return text[: m.start()] + text[end:], (m.start(), m.start()), (m.start(), m.end())


def number_changed(text: str, rng: random.Random) -> Edit | None:
    # Figures, not footnote markers ("growth.12", "[12]"): a changed marker is copy debris.
    numbers = [m for m in _words(text)[3:-3] if m.group()[0].isdigit() and text[m.start() - 1] in " \n$("]
    if not numbers:
        return None
    m = rng.choice(numbers)
    old = m.group()
    new = old
    while new == old:
        new = "".join(rng.choice("123456789") if c.isdigit() else c for c in old)
    return text[: m.start()] + new + text[m.end() :], (m.start(), m.start() + len(new)), m.span()


def sentence_dropped(text: str, rng: random.Random) -> Edit | None:
    cuts = [0] + [m.end() for m in _SENTENCE.finditer(text)] + [len(text)]
    inner = [(a, b) for a, b in zip(cuts[1:-2], cuts[2:-1], strict=False) if len(text[a:b].split()) >= 4]
    if not inner:
        return None
    a, b = rng.choice(inner)
    return text[:a] + text[b:], (a, a), (a, b)


def words_swapped(text: str, rng: random.Random) -> Edit | None:
    words = _words(text)
    pairs = [
        (x, y)
        for x, y in zip(words[5:-6], words[6:-5], strict=False)
        if x.group().isalpha()
        and y.group().isalpha()
        and x.group().lower() != y.group().lower()
        and text[x.end() : y.start()] == " "
    ]
    if not pairs:
        return None
    x, y = rng.choice(pairs)
    swapped = text[: x.start()] + y.group() + " " + x.group() + text[y.end() :]
    return swapped, (x.start(), y.end()), (x.start(), y.end())


EDITS: dict[str, Callable[[str, random.Random], Edit | None]] = {
    "word_inserted": word_inserted,
    "word_deleted": word_deleted,
    "number_changed": number_changed,
    "sentence_dropped": sentence_dropped,
    "words_swapped": words_swapped,
}


def cosmetic(text: str, rng: random.Random) -> str:
    """The same words as a PDF, Word or web copy might render them."""
    text = re.sub(r'"([^"]*)"', "“\\1”", text).replace("'", "’")
    text = text.replace(" - ", " — ").replace("--", "–")
    text = text.replace("fi", "\ufb01").replace("fl", "\ufb02")
    text = re.sub(r"\b([a-z]{5})([a-z]{4,})\b", lambda m: m[1] + "\u00ad" + m[2] if rng.random() < 0.2 else m[0], text)
    text = re.sub(r" ", lambda m: "\n" if rng.random() < 0.1 else " ", text)
    text = re.sub(r"\n", lambda m: " ¶ " if rng.random() < 0.3 else " ", text)
    return text


def _touches(span: tuple[int, int], start: int, end: int, slack: int) -> bool:
    return start - slack <= span[1] and span[0] <= end + slack


def _located(result: Verification, card_span: tuple[int, int], source_span: tuple[int, int], base: int) -> bool:
    source_span = (source_span[0] + base, source_span[1] + base)
    return any(
        _touches(card_span, d.card_start, d.card_end, 1) or _touches(source_span, d.source_start, d.source_end, 0)
        for d in result.differences
        if d.kind in ALTERING
    )


def seed() -> None:
    seeds = sorted((SHARED / "seeds").glob("00[1-4]_*.txt"))
    card = load_card(next((SHARED / "seeds").glob("000_*.txt")))
    result = verify(card, [read_document(p) for p in seeds])
    kinds = [d.kind for d in result.differences]
    name = Path(result.source.path or "-").name[:3]
    flags = [f["cue"] for f in result.context.flags]
    print(f"seed: source {name} span {result.source.start}-{result.source.end} verdict {result.verdict}")
    print(f"      differences {kinds} context flags {flags} cite lacks {result.cite_missing}")


Outcome = tuple[str, bool, bool, bool]  # edit kind, detected, located, kind ok


def edit_outcomes(bodies: list[str], count: int, rng: random.Random) -> tuple[list[Outcome], list[bool]]:
    """One outcome per scripted edit and one false-alarm flag per cosmetic variant (the gate reuses this)."""
    outcomes: list[Outcome] = []
    alarms: list[bool] = []
    usable = [b for b in bodies if len(b.split()) >= 60][:count]
    for i, body in enumerate(usable):
        before, after = usable[(i + 1) % len(usable)], usable[(i + 2) % len(usable)]
        source = Document(before + "\n\n" + body + "\n\n" + after, [], Metadata(), path="source")
        decoys = [Document(usable[(i + k) % len(usable)], [], Metadata(), path=f"decoy{k}") for k in (3, 4)]
        sources = [decoys[0], source, decoys[1]]
        base = len(before) + 2
        for kind, make in EDITS.items():
            edit = make(body, rng)
            if edit is None:
                continue
            text, card_span, source_span = edit
            result = verify(Card("tag", Cite(), text), sources)
            detected = result.verdict == "altered"
            outcomes.append((
                kind,
                detected,
                detected and _located(result, card_span, source_span, base),
                detected and any(d.kind in EXPECTED[kind] for d in result.differences),
            ))
        result = verify(Card("tag", Cite(), cosmetic(body, rng)), sources)
        alarms.append(result.verdict in ("altered", "not_found"))
    return outcomes, alarms


def edits(bodies: list[str], count: int, rng: random.Random) -> None:
    outcomes, alarms = edit_outcomes(bodies, count, rng)
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # tried, detected, located, kind ok
    for kind, *flags in outcomes:
        row = stats[kind]
        row[0] += 1
        for j, flag in enumerate(flags, 1):
            row[j] += flag
    print(f"edits on {len(alarms)} DebateSum dev cards (source embedded in 3 neighbours' text, 2 decoys):")
    print(f"  {'edit':<18}{'n':>5}{'detected':>10}{'located':>10}{'kind ok':>10}")
    for kind, (n, detected, located, kind_ok) in stats.items():
        print(f"  {kind:<18}{n:>5}{detected / n:>10.1%}{located / n:>10.1%}{kind_ok / n:>10.1%}")
    print(f"  cosmetic variants: {len(alarms)}, false alarms {sum(alarms) / max(len(alarms), 1):.1%}")


def timing(bodies: list[str], rng: random.Random) -> None:
    words = " ".join(bodies).split()
    source_words = words[:10_000]
    card_words = list(source_words[4_000:5_000])
    del card_words[500:510]
    card_words[200] = "purple"
    source = Document(" ".join(source_words), [], Metadata(), path="source")
    card = Card("tag", Cite(), " ".join(card_words))
    times = []
    for _ in range(5):
        start = time.perf_counter()
        verify(card, [source])
        times.append(time.perf_counter() - start)
    print(f"time: 1,000-word card vs 10,000-word source: median {statistics.median(times) * 1000:.0f} ms")


def _distinct(texts: Iterable[str]) -> list[str]:
    """DebateSum repeats cards across files; a decoy identical to the card would be a fair match."""
    seen: set[str] = set()
    out = []
    for text in texts:
        words = text.split()
        keys = {" ".join(words[i : i + 8]).lower() for i in range(0, max(len(words) - 8, 1), 8)}
        if not keys & seen:
            seen |= keys
            out.append(text)
    return out


def dev_bodies() -> list[str]:
    """DebateSum dev card bodies, each once: the cards this benchmark (and the quality gate) edits."""
    return _distinct(r["source_sample"]["Full-Document"] for r in debatesum("dev"))


def library_timing(size: int) -> None:
    """A card (one word dropped, so it is not the stored copy) verified through a library search."""
    from serve_load import CACHE, synthetic_cards

    from cardsmith.library import Library
    from cardsmith.verify.library import library_sources

    path = CACHE / f"serve-synthetic-{size}.sqlite"
    if not path.is_file():
        print(f"time: library search skipped: build {path} first (python benchmarks/serve_load.py)")
        return
    stored = synthetic_cards(size)[size // 2]
    words = stored.body.split()
    card = Card(stored.tag, stored.cite, " ".join(words[:40] + words[41:]))
    with Library.open(path) as library:
        library_sources(library, card)  # loads the embedding model once
        times = []
        for _ in range(5):
            start = time.perf_counter()
            result = verify(card, library_sources(library, card))
            times.append(time.perf_counter() - start)
    kinds = [d.kind for d in result.differences]
    print(
        f"time: card vs library of {size:,} cards (search + verify, model loaded): "
        f"median {statistics.median(times) * 1000:.0f} ms; verdict {result.verdict} {kinds}"
    )


def main() -> None:
    need_shared()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=200, help="DebateSum cards to edit")
    parser.add_argument("--seed", type=int, default=7, help="random seed")
    parser.add_argument("--library-cards", type=int, default=6000, help="library size for the search timing (0: skip)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    seed()
    bodies = dev_bodies()
    edits(bodies, args.cards, rng)
    timing(bodies, rng)
    if args.library_cards:
        library_timing(args.library_cards)


if __name__ == "__main__":
    main()
