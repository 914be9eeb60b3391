"""Quality gate: passage choice, search, verify and marking on small fixed subsets, against floors.

    .venv/bin/python benchmarks/gate.py            # exit 1 when a metric fell below its floor
    .venv/bin/python benchmarks/gate.py --update   # rewrite baseline.json from a fresh run

The benchmark scripts measure the full sets but only when someone runs them; this runs the same
functions on subsets small enough for ``make test`` (about a minute on 2 cores), so a change that
quietly lowers a figure fails the tests. Every subset is fixed (first cards of a file, fixed seeds),
so a run is deterministic: the same code gives the same figures.

Each floor is the measured value less a margin: half the subset's standard error (jackknife over its
items), never less than one item out of n. A drop within the margin passes (a fix elsewhere may trade
an item or two); a larger one fails. ``--update`` raises floors freely but lowers one only when
CHANGELOG.md's "Unreleased" section names that metric, so a lowered floor is always explained.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TQDM_DISABLE", "1")  # the library's embedding progress bar would bury the figures

from benchmarks import cut, marking, search, verify  # noqa: E402
from benchmarks.common import SHARED  # noqa: E402
from benchmarks.search_data import debatesum as search_samples  # noqa: E402
from cardsmith.marking.metrics import Confusion  # noqa: E402

BASELINE = Path(__file__).resolve().parent / "baseline.json"
CHANGELOG = ROOT / "CHANGELOG.md"

#: Subset sizes: each part takes roughly 5-25 s on a busy 2-core machine.
PASSAGE_ARTICLES = 40  # synthetic DebateSum dev articles, as benchmarks/cut.py builds them
SEARCH_CARDS = 100  # DebateSum dev cards of at most SEARCH_MAX_WORDS words: the library and the queries
SEARCH_MAX_WORDS = 120  # short cards: the set stays comparable with the earlier MiniLM figures
VERIFY_CARDS = 40  # DebateSum dev cards, five scripted edits each (seed 7), as benchmarks/verify.py
MARK_CARDS = 40  # first DebateSum dev cards; PF: cards taken in turn from each held-out team's first file

T = TypeVar("T")


@dataclasses.dataclass
class Metric:
    """One gated figure: its value on the subset, the allowed drop, and what it measures."""

    name: str
    value: float
    margin: float
    n: int
    what: str

    @property
    def floor(self) -> float:
        return round(self.value - self.margin, 4)


def measure(name: str, what: str, items: Sequence[T], stat: Callable[[Sequence[T]], float], scale: float) -> Metric:
    """``stat`` over ``items``; margin = max(half the jackknife standard error, one item's worth of ``scale``)."""
    n = len(items)
    value = stat(items)
    leave_one_out = [stat([*items[:i], *items[i + 1 :]]) for i in range(n)]
    mean = statistics.fmean(leave_one_out)
    se = math.sqrt((n - 1) / n * sum((x - mean) ** 2 for x in leave_one_out))
    margin = math.ceil(round(max(se / 2, scale / n) * 1000, 6)) / 1000  # rounded up to 0.001
    return Metric(name, round(value, 4), margin, n, what)


def _mean(xs: Sequence[float]) -> float:
    return statistics.fmean(xs)


def _percent(xs: Sequence[bool]) -> float:
    return 100 * sum(xs) / len(xs)


def _mcc(confusions: Sequence[Confusion]) -> float:
    return marking.pooled(confusions).mcc


def passage() -> list[Metric]:
    scores, _ = cut.passage_scores(PASSAGE_ARTICLES)
    what = f"word F1 of the cut passage, {len(scores)} synthetic DebateSum dev articles (benchmarks/cut.py)"
    return [measure("passage_f1", what, scores, _mean, 1.0)]


def search_recall() -> list[Metric]:
    from cardsmith.embed import default_encoder

    short = [s for s in search_samples("dev") if len(s.card.body.split()) <= SEARCH_MAX_WORDS][:SEARCH_CARDS]
    # One origin: the cards go in as one import, as a user's file would.
    samples = [dataclasses.replace(s, origin="gate") for s in short]
    with tempfile.TemporaryDirectory() as tmp:
        lib, ids, _ = search.build(samples, Path(tmp) / "gate.sqlite", default_encoder())
        qs = search.queries(samples, ids, "dev")
        lib.prepare([q for q, _ in qs])
        ranks = search.ranks(search.library_ranker(lib), qs)
        lib.close()
    what = f"{len(qs)} DebateSum dev tags vs a library of their {len(samples)} cards (<= {SEARCH_MAX_WORDS} words)"
    return [
        measure("search_r10", f"Recall@10 in %, {what}", [r is not None and r <= 10 for r in ranks], _percent, 100.0),
        measure("search_mrr", f"MRR, {what}", [1 / r if r else 0.0 for r in ranks], _mean, 1.0),
    ]


def verify_detection() -> list[Metric]:
    bodies = verify.dev_bodies()
    outcomes, _ = verify.edit_outcomes(bodies, VERIFY_CARDS, random.Random(7))
    what = f"share of {len(outcomes)} scripted edits judged altered, {VERIFY_CARDS} DebateSum dev cards"
    return [measure("verify_detected", what, [o[1] for o in outcomes], _mean, 1.0)]


def marker_mcc() -> list[Metric]:
    sets = marking.datasets(SHARED, MARK_CARDS, one_file_per_team=True)
    ds, _ = marking.card_confusions(sets["DebateSum dev (2017)"], marking.learned, rouge=False)
    pf, _ = marking.card_confusions(sets["PF held-out files"], marking.learned, rouge=False)
    ds_what = f"word MCC, first {len(ds)} DebateSum dev cards (benchmarks/marking.py)"
    pf_what = f"word MCC, {len(pf)} PF held-out cards (in turn from each held-out team's first file)"
    return [
        measure("marker_underline_mcc_debatesum", f"underline {ds_what}", [u for u, _ in ds], _mcc, 1.0),
        measure("marker_underline_mcc_pf", f"underline {pf_what}", [u for u, _ in pf], _mcc, 1.0),
        measure("marker_highlight_mcc_pf", f"highlight {pf_what}", [h for _, h in pf], _mcc, 1.0),
    ]


PARTS: dict[str, Callable[[], list[Metric]]] = {
    "passage": passage,
    "search": search_recall,
    "verify": verify_detection,
    "marking": marker_mcc,
}


def run(parts: Sequence[str] = tuple(PARTS)) -> list[Metric]:
    """Measure the chosen parts, printing each part's time (stderr) so a slow one is easy to spot."""
    metrics = []
    for part in parts:
        start = time.perf_counter()
        metrics += PARTS[part]()
        print(f"gate: {part} measured in {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)
    return metrics


def load(path: Path) -> dict[str, dict]:
    return json.loads(path.read_text(encoding="utf-8"))["metrics"] if path.is_file() else {}


def check(fresh: list[Metric], baseline: dict[str, dict]) -> list[str]:
    """One line per metric (value, floor, pass/fail) and the failures, each saying what dropped from what to what."""
    failures = []
    for m in fresh:
        base = baseline.get(m.name)
        if base is None:
            print(f"{m.name:32} {m.value:8.3f}  floor     -  NEW (no baseline: run --update)")
            continue
        ok = m.value >= base["floor"]
        print(f"{m.name:32} {m.value:8.3f}  floor {base['floor']:7.3f}  {'pass' if ok else 'FAIL'}")
        if not ok:
            failures.append(f"{m.name} dropped from {base['value']:.3f} (baseline) to {m.value:.3f}, "
                             f"below its floor {base['floor']:.3f}")
    missing = sorted(set(baseline) - {m.name for m in fresh})
    failures += [f"{name}: in the baseline but not measured" for name in missing]
    return failures


def unreleased(changelog: Path) -> str:
    """The text of CHANGELOG.md's "## Unreleased" section (empty when there is none)."""
    if not changelog.is_file():
        return ""
    section, inside = [], False
    for line in changelog.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            inside = line[3:].strip().lower() == "unreleased"
            continue
        if inside:
            section.append(line)
    return "\n".join(section)


def update(fresh: list[Metric], baseline_path: Path, changelog: Path) -> list[str]:
    """Write ``fresh`` as the baseline unless it lowers or drops a floor the Unreleased section does not name.

    Returns the refusals (nothing is written when there is one).
    """
    old = load(baseline_path)
    notes = unreleased(changelog).lower()
    new = {m.name: m for m in fresh}
    lowered = {
        name: f"floor would fall from {floor['floor']:.3f} to {new[name].floor:.3f} "
        f"(value {floor['value']:.3f} -> {new[name].value:.3f})" if name in new else "would be dropped from the gate"
        for name, floor in old.items()
        if name not in new or new[name].floor < floor["floor"]
    }
    refusals = [
        f"{name}: {why}; name {name} in the Unreleased section of {changelog} to allow it"
        for name, why in lowered.items()
        if name.lower() not in notes
    ]
    if refusals:
        return refusals
    data = {
        "about": "Floors for benchmarks/gate.py: floor = value - margin; margin = max(SE/2, one item of n).",
        "metrics": {m.name: {"value": m.value, "margin": m.margin, "floor": m.floor, "n": m.n, "what": m.what}
                    for m in fresh},
    }
    baseline_path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return []


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--update", action="store_true", help="rewrite the baseline from this run (see the rule above)")
    ap.add_argument("--baseline", type=Path, default=BASELINE, help="floors file (default: %(default)s)")
    ap.add_argument("--changelog", type=Path, default=CHANGELOG, help="changelog checked by --update")
    ap.add_argument("--only", choices=list(PARTS), action="append", help="measure only this part (repeatable)")
    args = ap.parse_args(argv)
    if not (SHARED / "data").is_dir():
        print(f"skipped: {SHARED / 'data'} is absent (the gate needs the real data)")
        return 0
    start = time.perf_counter()
    fresh = run(args.only or tuple(PARTS))
    baseline = load(args.baseline)
    failures = check(fresh, {k: v for k, v in baseline.items() if not args.only or k in {m.name for m in fresh}})
    print(f"gate: {time.perf_counter() - start:.0f} s")
    if args.update:
        if args.only:
            print("--update needs every part (drop --only)", file=sys.stderr)
            return 2
        refusals = update(fresh, args.baseline, args.changelog)
        for line in refusals:
            print(f"refused: {line}", file=sys.stderr)
        if not refusals:
            print(f"wrote {args.baseline}")
        return 1 if refusals else 0
    for line in failures:
        print(f"FAILED: {line}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
