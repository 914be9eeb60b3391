"""How well cardsmith underlines and highlights real cards, next to reference markers.

    python benchmarks/marking.py [--shared ../shared] [--limit N]

Data: DebateSum dev (2017 cards, underline only), the PF Verbatim files held out by team
(``caselist-pf`` and ``caselist-pf-other``) and the ``hs-2026`` files held out by file
(``cardsmith.marking.corpus.file_split`` == "test"); none is trained on. Markers: the learned marker
(``cardsmith.marking.mark``) told each card's style (as ``--style`` would) and left to its default,
the heuristic scorer behind the same decoder, Verbatim-style auto underline, and marking everything.
Prints word F1, MCC, ROUGE-1/2/L, the share of words marked vs gold; for the highlight, the share of
runs that start and end on a phrase boundary (ours vs gold) and the share of gold-highlighted
negations and numbers kept; emphasis word F1 on cards whose file uses Emphasis; cards/s, model load
time and the time for a 700-word card.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cardsmith.marking import mark, mark_words  # noqa: E402
from cardsmith.marking.corpus import (  # noqa: E402
    Example,
    debatesum,
    pf_split,
    pf_team,
    verbatim_cards,
    verbatim_examples,
)
from cardsmith.marking.heuristic import auto_underline  # noqa: E402
from cardsmith.marking.metrics import Confusion, Readability  # noqa: E402
from cardsmith.marking.scorer import HeuristicScorer, load_scorer  # noqa: E402
from cardsmith.marking.text import Words, spans_to_mask, words  # noqa: E402

#: DebateSum paper, Longformer-base extractive summariser, test set (ROUGE-1/2/L F1).
LONGFORMER = (60.21, 38.53, 57.21)

#: A marker: underline, highlight and emphasis masks (None: it has no emphasis) for one card.
Marker = Callable[[Words, Example], tuple[np.ndarray, np.ndarray, np.ndarray | None]]


def learned(ws: Words, ex: Example) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """The shipped marker told the card's style, as ``--style`` tells it."""
    m = mark(ex.tag, ws.body, style=ex.style)
    return spans_to_mask(ws, m.underline), spans_to_mask(ws, m.highlight), spans_to_mask(ws, m.emphasis)


def learned_default(ws: Words, ex: Example) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """The shipped marker at its default style (what a caller that names none gets)."""
    m = mark(ex.tag, ws.body)
    return spans_to_mask(ws, m.underline), spans_to_mask(ws, m.highlight), spans_to_mask(ws, m.emphasis)


def heuristic(ws: Words, ex: Example) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    u, h, _e = mark_words(HeuristicScorer(), ws, ex.tag)
    return u, h, None


def verbatim_auto(ws: Words, ex: Example) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Auto underline; it has no highlight rule, so its underline stands in for the highlight."""
    u = auto_underline(ws, ex.tag)
    return u, u, None


def everything(ws: Words, ex: Example) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    every = np.ones(len(ws), dtype=bool)
    return every, every, None


MARKERS: dict[str, Marker] = {
    "cardsmith (learned, card's style)": learned,
    "cardsmith (learned, default style)": learned_default,
    "heuristic scorer": heuristic,
    "Verbatim auto underline": verbatim_auto,
    "mark everything": everything,
}


@dataclass
class Extras:
    """What only highlights and emphasis have: readability of the highlight, emphasis confusion."""

    readability: Readability = field(default_factory=Readability)
    emphasis: Confusion = field(default_factory=Confusion)
    emphasis_cards: int = 0


def card_confusions(
    cards: list[Example], marker: Marker, *, rouge: bool = True, extras: Extras | None = None
) -> tuple[list[tuple[Confusion, Confusion]], float]:
    """Each card's underline and highlight confusion, and the seconds the marker took (the gate reuses this).

    ``extras`` (when given) also collects highlight readability and emphasis figures.
    """
    out = []
    seconds = 0.0
    for ex in cards:
        u_conf, h_conf = Confusion(), Confusion()
        ws = words(ex.body)
        t = time.perf_counter()
        u, h, e = marker(ws, ex)
        seconds += time.perf_counter() - t
        u_conf.add(u, spans_to_mask(ws, ex.underline), ws.lower if rouge else None)
        if ex.highlight is not None:
            gold_h = spans_to_mask(ws, ex.highlight)
            h_conf.add(h, gold_h, ws.lower if rouge else None)
            if extras is not None:
                extras.readability.add(ws, h, gold_h)
        if extras is not None and e is not None and ex.emphasis:
            extras.emphasis.add(e, spans_to_mask(ws, ex.emphasis))
            extras.emphasis_cards += 1
        out.append((u_conf, h_conf))
    return out, seconds


def pooled(confusions: Iterable[Confusion]) -> Confusion:
    """Word counts summed over cards (micro average), ROUGE kept per card."""
    total = Confusion()
    for c in confusions:
        total.tp, total.fp, total.fn, total.tn = total.tp + c.tp, total.fp + c.fp, total.fn + c.fn, total.tn + c.tn
        total.rouge += c.rouge
    return total


def evaluate(cards: list[Example], marker: Marker) -> tuple[Confusion, Confusion, float, Extras]:
    """Underline and highlight confusion over ``cards``, the marker's cards per second, and extras."""
    extras = Extras()
    per_card, seconds = card_confusions(cards, marker, extras=extras)
    u, h = pooled(u for u, _ in per_card), pooled(h for _, h in per_card)
    return u, h, len(cards) / max(seconds, 1e-9), extras


def datasets(shared: Path, limit: int = 0, *, one_file_per_team: bool = False) -> dict[str, list[Example]]:
    """The three evaluation sets, ``limit`` cards each; the gate reads one held-out file per PF team
    (fast, all teams) and no hs-2026 files."""
    data = shared / "data"
    ds = debatesum(data / "debatesum" / "dev-DebateSum.jsonl.gz")
    if one_file_per_team:
        return {"DebateSum dev (2017)": list(itertools.islice(ds, limit)), "PF held-out files": _pf_gate(data, limit)}
    sets = {
        "DebateSum dev (2017)": list(itertools.islice(ds, limit or None)),
        "PF held-out files": verbatim_examples([data / "caselist-pf", data / "caselist-pf-other"])["test"],
        "hs-2026 held-out files": verbatim_examples([data / "hs-2026"])["test"],
    }
    return {k: v[: limit or None] for k, v in sets.items()}


def _pf_gate(data: Path, limit: int) -> list[Example]:
    """Cards taken in turn from each held-out PF team's first file (the same cards ``pf_examples``
    keeps in ``test``, without parsing the other 190-odd files)."""
    held_out = [p for p in sorted((data / "caselist-pf").glob("*.docx")) if pf_split(p) == "test"]
    seen: set[str] = set()
    per_team = []
    for path in sorted({pf_team(p): p for p in reversed(held_out)}.values()):
        cards = [ex for ex in verbatim_cards(path) if " ".join(ex.body.split())[:300] not in seen]
        seen |= {" ".join(ex.body.split())[:300] for ex in cards}
        per_team.append(cards)
    return [ex for group in itertools.zip_longest(*per_team) for ex in group if ex is not None][:limit]


def row(name: str, c: Confusion) -> str:
    r1, r2, rl = c.rouge_means()
    return (f"| {name} | {c.f1:.3f} | {c.mcc:.3f} | {r1:.2f} | {r2:.2f} | {rl:.2f} "
            f"| {100 * c.share:.1f} | {100 * c.gold_share:.1f} |")  # fmt: skip


def speed(cards: list[Example]) -> None:
    """Model load time and the time to mark a 700-word body (median of 5)."""
    load_scorer.cache_clear()
    t = time.perf_counter()
    load_scorer()
    print(f"model load: {time.perf_counter() - t:.3f} s")
    text = " ".join(ex.body for ex in cards[:20])
    ws = words(text)
    body = text[: ws.spans[min(699, len(ws) - 1)][1]]
    tag = cards[0].tag
    times = []
    for _ in range(5):
        t = time.perf_counter()
        mark(tag, body)
        times.append(time.perf_counter() - t)
    print(f"700-word card: {statistics.median(times):.3f} s (median of 5)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--limit", type=int, default=0, help="at most this many cards per data set")
    args = ap.parse_args()
    sets = datasets(args.shared, args.limit)
    speed(sets["DebateSum dev (2017)"])
    for set_name, cards in sets.items():
        results = {name: evaluate(cards, marker) for name, marker in MARKERS.items()}
        for part in ("underline", "highlight"):
            if part == "highlight" and cards[0].highlight is None:
                continue
            print(f"\n### {set_name}: {part} ({len(cards)} cards)\n")
            extra = " runs on phrase boundary | negations+numbers kept |" if part == "highlight" else ""
            print("| marker | word F1 | MCC | ROUGE-1 | ROUGE-2 | ROUGE-L | % marked | % gold |" + extra)
            print("|---|---|---|---|---|---|---|---|" + "---|---|" * bool(extra))
            for name, (u, h, _cps, ex) in results.items():
                r = ex.readability
                tail = f" {100 * r.on_boundary:.1f} | {100 * r.kept_share:.1f} |" if extra else ""
                print(row(name, u if part == "underline" else h) + tail)
            if part == "underline":
                print("| DebateSum Longformer (published, its test set) | – | – | "
                      + " | ".join(f"{x:.2f}" for x in LONGFORMER) + " | – | – |")  # fmt: skip
            else:
                gold = next(iter(results.values()))[3].readability
                print(f"| gold | | | | | | | | {100 * gold.gold_on_boundary:.1f} | 100 |")
        ex = results["cardsmith (learned, card's style)"][3]
        if ex.emphasis_cards:
            e = ex.emphasis
            print(f"\nemphasis ({ex.emphasis_cards} cards with Emphasis): word F1 {e.f1:.3f}, MCC {e.mcc:.3f}, "
                  f"{100 * e.share:.1f}% marked vs {100 * e.gold_share:.1f}% gold")  # fmt: skip
        print("\ncards/s: " + ", ".join(f"{name} {r[2]:.0f}" for name, r in results.items()))


if __name__ == "__main__":
    main()
