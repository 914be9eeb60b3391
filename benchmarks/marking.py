"""How well cardsmith underlines and highlights real cards, next to reference markers.

    python benchmarks/marking.py [--shared ../shared] [--limit N]

Data: DebateSum dev (2017 cards, underline only) and the PF Verbatim files held out by team
(``cardsmith.marking.corpus.pf_split`` == "test", underline + highlight); neither is trained on.
Markers: the learned marker (``cardsmith.marking.mark``), the heuristic scorer behind the same
decoder, Verbatim-style auto underline, and marking everything. Prints word F1, MCC, ROUGE-1/2/L,
the share of words marked vs gold, cards/s, model load time and the time for a 700-word card.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cardsmith.marking import mark, mark_words  # noqa: E402
from cardsmith.marking.corpus import Example, debatesum, pf_examples, pf_split, pf_team, verbatim_cards  # noqa: E402
from cardsmith.marking.heuristic import auto_underline  # noqa: E402
from cardsmith.marking.metrics import Confusion  # noqa: E402
from cardsmith.marking.scorer import HeuristicScorer, load_scorer  # noqa: E402
from cardsmith.marking.text import Words, spans_to_mask, words  # noqa: E402

#: DebateSum paper, Longformer-base extractive summariser, test set (ROUGE-1/2/L F1).
LONGFORMER = (60.21, 38.53, 57.21)

Marker = Callable[[Words, str], tuple[np.ndarray, np.ndarray]]


def learned(ws: Words, tag: str) -> tuple[np.ndarray, np.ndarray]:
    m = mark(tag, ws.body)
    return spans_to_mask(ws, m.underline), spans_to_mask(ws, m.highlight)


def heuristic(ws: Words, tag: str) -> tuple[np.ndarray, np.ndarray]:
    return mark_words(HeuristicScorer(), ws, tag)


def verbatim_auto(ws: Words, tag: str) -> tuple[np.ndarray, np.ndarray]:
    """Auto underline; it has no highlight rule, so its underline stands in for the highlight."""
    u = auto_underline(ws, tag)
    return u, u


def everything(ws: Words, tag: str) -> tuple[np.ndarray, np.ndarray]:
    every = np.ones(len(ws), dtype=bool)
    return every, every


MARKERS: dict[str, Marker] = {
    "cardsmith (learned)": learned,
    "heuristic scorer": heuristic,
    "Verbatim auto underline": verbatim_auto,
    "mark everything": everything,
}


def card_confusions(
    cards: list[Example], marker: Marker, *, rouge: bool = True
) -> tuple[list[tuple[Confusion, Confusion]], float]:
    """Each card's underline and highlight confusion, and the seconds the marker took (the gate reuses this)."""
    out = []
    seconds = 0.0
    for ex in cards:
        u_conf, h_conf = Confusion(), Confusion()
        ws = words(ex.body)
        t = time.perf_counter()
        u, h = marker(ws, ex.tag)
        seconds += time.perf_counter() - t
        u_conf.add(u, spans_to_mask(ws, ex.underline), ws.lower if rouge else None)
        if ex.highlight is not None:
            h_conf.add(h, spans_to_mask(ws, ex.highlight), ws.lower if rouge else None)
        out.append((u_conf, h_conf))
    return out, seconds


def pooled(confusions: Iterable[Confusion]) -> Confusion:
    """Word counts summed over cards (micro average), ROUGE kept per card."""
    total = Confusion()
    for c in confusions:
        total.tp, total.fp, total.fn, total.tn = total.tp + c.tp, total.fp + c.fp, total.fn + c.fn, total.tn + c.tn
        total.rouge += c.rouge
    return total


def evaluate(cards: list[Example], marker: Marker) -> tuple[Confusion, Confusion, float]:
    """Underline and highlight confusion over ``cards`` and the marker's cards per second."""
    per_card, seconds = card_confusions(cards, marker)
    return pooled(u for u, _ in per_card), pooled(h for _, h in per_card), len(cards) / max(seconds, 1e-9)


def datasets(shared: Path, limit: int = 0, *, one_file_per_team: bool = False) -> dict[str, list[Example]]:
    """The two evaluation sets, ``limit`` cards each; the gate reads one held-out file per team (fast, all teams).

    Reading only held-out files gives the same cards as ``pf_examples`` (a body shared with a
    training file is kept in ``test``) without parsing the other 190-odd files.
    """
    data = shared / "data"
    if one_file_per_team:
        held_out = [p for p in sorted((data / "caselist-pf").glob("*.docx")) if pf_split(p) == "test"]
        seen: set[str] = set()
        per_team = []
        for path in sorted({pf_team(p): p for p in reversed(held_out)}.values()):
            cards = [ex for ex in verbatim_cards(path) if " ".join(ex.body.split())[:300] not in seen]
            seen |= {" ".join(ex.body.split())[:300] for ex in cards}
            per_team.append(cards)
        # Interleaved, so that the first ``limit`` cards come from every team.
        pf = [ex for group in itertools.zip_longest(*per_team) for ex in group if ex is not None]
    else:
        pf = pf_examples(data / "caselist-pf")["test"]
    ds = debatesum(data / "debatesum" / "dev-DebateSum.jsonl.gz")
    sets = {"DebateSum dev (2017)": list(itertools.islice(ds, limit or None)), "PF held-out files": pf}
    return {k: v[: limit or None] for k, v in sets.items()}


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
            print("| marker | word F1 | MCC | ROUGE-1 | ROUGE-2 | ROUGE-L | % marked | % gold |")
            print("|---|---|---|---|---|---|---|---|")
            for name, (u, h, _cps) in results.items():
                print(row(name, u if part == "underline" else h))
            if part == "underline":
                print("| DebateSum Longformer (published, its test set) | – | – | "
                      + " | ".join(f"{x:.2f}" for x in LONGFORMER) + " | – | – |")  # fmt: skip
        print("\ncards/s: " + ", ".join(f"{name} {cps:.0f}" for name, (_u, _h, cps) in results.items()))


if __name__ == "__main__":
    main()
