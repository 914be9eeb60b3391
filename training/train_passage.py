"""Reproduce cardsmith/cut/passage_model.json from the shared data (about 15 minutes on 2 CPUs).

    python training/train_passage.py [--limit N]

Tags are free supervision: a document is 4 to 6 consecutive cards of one real debate file, the
claim one card's tag, and the right answer that card's body (see ``benchmarks/cut.py``). Trained on
the train files only (PF caselist teams outside the test split and caselist-pf-other files of train
teams, hs-2026 files outside its test
hash, DebateSum 2013-16), each document both with its cards' paragraphs kept and with each card as
one paragraph. The model is a linear term plus a few tanh units over
:data:`cardsmith.cut.spans.FEATURES` (a JSON of about a thousand numbers), fitted with a
listwise softmax: each document's candidates compete, the target spread over the candidates that
match the gold body best (character F1 to the 8th power), so near misses (one sentence short) are
pushed down too.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
import time
from pathlib import Path

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from cut import REAL_SETS, Case, cases  # noqa: E402

from cardsmith.cut.passage import MODEL, PassageOptions, _is_boundary_paragraph  # noqa: E402
from cardsmith.cut.spans import FEATURES, candidates, features, sentences  # noqa: E402
from cardsmith.embed import default_encoder  # noqa: E402

CACHE = Path("/tmp/cardsmith-cut")
#: Candidates kept per document among those that overlap the gold a little, and among those that miss it
#: (all that match it with F1 > 0.5 are kept).
NEGATIVES = 300
SHARPNESS = 8.0


def examples(docs: list[Case], rng: np.random.Generator) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per document: the feature rows of its kept candidates and their F1 to the gold span."""
    options = PassageOptions()
    encoder = default_encoder()
    out = []
    for case in docs:
        sents = sentences(case.doc, _is_boundary_paragraph(case.doc))
        first, last = candidates(sents, options.min_words, options.max_words)
        if not len(first):
            continue
        starts = np.array([sents.spans[i][0] for i in first])
        ends = np.array([sents.spans[j][1] for j in last])
        shared = np.clip(np.minimum(ends, case.gold[1]) - np.maximum(starts, case.gold[0]), 0, None)
        f1 = 2 * shared / ((ends - starts) + (case.gold[1] - case.gold[0]))
        if f1.max() < 0.5:
            continue  # the gold body is not a candidate (too long, or across a heading)
        close, near, far = np.flatnonzero(f1 > 0.5), np.flatnonzero((f1 > 0) & (f1 <= 0.5)), np.flatnonzero(f1 == 0)
        keep = np.concatenate([close, *(rng.choice(x, min(NEGATIVES, len(x)), replace=False) for x in (near, far))])
        rows = features(case.claim, sents, first[keep], last[keep], encoder=encoder)
        out.append((rows.astype(np.float32), f1[keep].astype(np.float32)))
    return out


def load(limit: int, layouts: tuple[bool, ...]) -> tuple[list[tuple[np.ndarray, np.ndarray]], list[float]]:
    """The training documents' candidates, and each document's weight in the loss (cached per
    feature set and embedding: a retuned table changes the dense features)."""
    key = f"{len(FEATURES)}-{default_encoder().model_id}-{limit}-{'-'.join(map(str, layouts))}"
    cached = CACHE / f"passage-train-{key}.pickle"
    if cached.exists():
        return pickle.loads(cached.read_bytes())
    rng = np.random.default_rng(7)
    data, weights = [], []
    for name in REAL_SETS:
        for flat in layouts:
            if name == "DebateSum" and not flat:
                continue
            start = time.perf_counter()
            docs = cases(name, "train", limit, flat=flat)
            added = examples(docs, rng)
            data += added
            # A set and layout counts by the square root of its documents: hs-2026 is not drowned by PF's many
            # files, nor do DebateSum's few documents count as much as hundreds.
            weights += [len(added) ** -0.5] * len(added)
            print(f"{name} {'flat' if flat else 'lines'}: {len(docs)} documents, {time.perf_counter() - start:.0f} s")
    CACHE.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(pickle.dumps((data, weights)))
    return data, weights


def fit(
    data: list[tuple[np.ndarray, np.ndarray]], weights: list[float], hidden: int, l2: float = 1e-3, steps: int = 200
) -> dict:
    """A linear term plus ``hidden`` tanh units over standardised features: full-batch Adam on the
    listwise softmax loss, each document weighted by ``weights``."""
    x = np.vstack([rows for rows, _ in data]).astype(np.float32)
    f1 = np.concatenate([y for _, y in data]).astype(np.float64)
    doc = np.repeat(np.arange(len(data)), [len(y) for _, y in data])
    bounds = np.concatenate([[0], np.cumsum([len(y) for _, y in data])])
    mean, scale = x.mean(axis=0, dtype=np.float64), x.std(axis=0, dtype=np.float64) + 1e-6
    x = ((x - mean) / scale).astype(np.float32)
    target = f1**SHARPNESS
    target /= np.add.reduceat(target, bounds[:-1])[doc]
    share = np.array(weights) / sum(weights)
    rng = np.random.default_rng(0)
    params = {"weights": np.zeros(x.shape[1]), "hidden": rng.normal(0, 0.1, (x.shape[1], hidden)),
              "hidden_bias": np.zeros(hidden), "out": rng.normal(0, 0.1, hidden)}
    moments = {k: (np.zeros_like(v), np.zeros_like(v)) for k, v in params.items()}
    for step in range(1, steps + 1):
        h = np.tanh(x @ params["hidden"].astype(np.float32) + params["hidden_bias"].astype(np.float32))
        s = (x @ params["weights"] + h @ params["out"]).astype(np.float64)
        s -= np.maximum.reduceat(s, bounds[:-1])[doc]
        e = np.exp(s)
        p = e / np.add.reduceat(e, bounds[:-1])[doc]
        g = ((p - target) * share[doc]).astype(np.float32)
        back = (g[:, None] * params["out"].astype(np.float32)) * (1 - h**2)
        grads = {"weights": x.T @ g, "hidden": x.T @ back, "hidden_bias": back.sum(axis=0), "out": h.T @ g}
        for k, grad in grads.items():
            grad = grad.astype(np.float64) + l2 * params[k]
            m, v = moments[k]
            m[:] = 0.9 * m + 0.1 * grad
            v[:] = 0.999 * v + 0.001 * grad**2
            params[k] -= 0.03 * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
        if step % 100 == 0:
            loss = -float((target * np.log(p + 1e-12) * share[doc]).sum())
            print(f"step {step}: loss {loss:.3f}, top-1 F1 {top1(s, f1, bounds):.3f}", flush=True)
    return {"features": list(FEATURES), "mean": mean.round(6).tolist(), "scale": scale.round(6).tolist(),
            **{k: v.round(6).tolist() for k, v in params.items()}}


def top1(scores: np.ndarray, f1: np.ndarray, bounds: np.ndarray) -> float:
    """Mean F1 of each document's top candidate (a training-set sanity check)."""
    return float(np.mean([f1[a + int(scores[a:b].argmax())] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0, help="documents per set and layout (0: all)")
    ap.add_argument("--hidden", type=int, default=4, help="tanh units beside the linear term (0: linear)")
    ap.add_argument("--layout", choices=["flat", "lines", "both"], default="both",
                    help="documents with each card one paragraph, with its paragraphs kept, or both")
    ap.add_argument("--out", type=Path, default=MODEL)
    args = ap.parse_args()
    start = time.perf_counter()
    data, weights = load(args.limit, {"flat": (True,), "lines": (False,), "both": (False, True)}[args.layout])
    print(f"{len(data)} training documents, {sum(len(y) for _, y in data)} candidates")
    model = fit(data, weights, args.hidden)
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out} in {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
