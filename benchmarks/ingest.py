"""Import throughput: in one process and on a local Ray (``--workers 1`` and ``2``), per stage, and a
projection of a community-scale import (3.5 M cards) on clusters of 16-core machines.

    .venv/bin/python benchmarks/ingest.py [--limit N] [--modes in-process,1,2]

Reads the .docx files of ../shared/data/{caselist-pf,caselist-pf-other,hs-2026} (215 + 61 + 55),
taken in turn from each folder so a ``--limit`` subset mixes them. Each mode imports into a fresh
SQLite library. Stage times: parse and embed are CPU seconds summed over workers, write is the
driver's. The projection uses the in-process per-card costs (the truest per-core figure: no
worker shares a core with another), the measured speed-up of a second worker, the single writer's
measured cards/s and a usearch HNSW build rate measured here; its assumptions are printed with it.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import SHARED, need_shared  # noqa: E402
from cardsmith.errors import CardsmithError  # noqa: E402
from cardsmith.formats import import_file  # noqa: E402
from cardsmith.ingest import import_paths  # noqa: E402
from cardsmith.library import Library, card_records, dedupe_key  # noqa: E402
from cardsmith.library.layout import split_file  # noqa: E402

SETS = ("caselist-pf", "caselist-pf-other", "hs-2026")
#: The community corpus the projection is for (OpenDebateEvidence, 2013-2024).
TARGET_CARDS = 3_500_000
CORES_PER_MACHINE = 16
MACHINES = (1, 8, 64)


def files(limit: int | None) -> list[Path]:
    """The .docx files, one from each set in turn (so any prefix mixes the three)."""
    lists = [sorted((SHARED / "data" / name).rglob("*.docx")) for name in SETS]
    mixed = [f for group in itertools.zip_longest(*lists) for f in group if f is not None]
    return mixed[:limit] if limit else mixed


def in_process(paths: list[Path], library: Path) -> dict:
    """The in-process import (``Library.add_file``'s steps, each timed)."""
    stages = {"parse": 0.0, "embed": 0.0, "write": 0.0, "cpu": 0.0}
    cards = failed = 0
    start = time.perf_counter()
    with Library.open(library) as lib:
        lib.claim_model(lib.encoder.model_id)
        for path in paths:
            t0, c0 = time.perf_counter(), time.process_time()
            try:
                items = import_file(path)
            except CardsmithError:
                failed += 1
                continue
            found, layout = split_file(items, dedupe_key)
            t1 = time.perf_counter()
            records = card_records(found, lib.encoder, lib.store.known_keys([dedupe_key(c) for c in found]))
            t2, c2 = time.perf_counter(), time.process_time()
            lib.write_cards(records, str(path.resolve()), layout)
            t3 = time.perf_counter()
            stages["parse"] += t1 - t0
            stages["embed"] += t2 - t1
            stages["write"] += t3 - t2
            stages["cpu"] += c2 - c0  # CPU seconds of parse + embed, every thread's (load-independent)
            cards += len(found)
        vectors = lib.stats()["vectors"]
    return {"cards": cards, "failed": failed, "wall": time.perf_counter() - start, "vectors": vectors, **stages}


def on_ray(paths: list[Path], library: Path, workers: int) -> dict:
    """``cardsmith import --workers N``'s pipeline, Ray start-up included in ``wall`` (and given apart)."""
    import ray

    start = time.perf_counter()
    ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    started = time.perf_counter() - start
    try:
        with Library.open(library) as lib:
            totals = import_paths(lib, paths, workers=workers, address=None, report=lambda line: None)
            vectors = lib.stats()["vectors"]
    finally:
        ray.shutdown()
    return {"cards": totals.cards, "failed": totals.failed, "wall": time.perf_counter() - start, "startup": started,
            "vectors": vectors, "parse": totals.parse_s, "embed": totals.embed_s, "write": totals.write_s,
            "pipeline": totals.wall_s}


class RandomEncoder:
    """Random unit vectors at no cost: the writer benchmark needs vectors of the right number, not meaning."""

    model_id = "benchmark-random"
    dim = 384

    def encode(self, texts: list[str], *, progress: bool = False) -> np.ndarray:
        vectors = np.random.default_rng(len(texts)).standard_normal((len(texts), self.dim)).astype(np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def writers(paths: list[Path]) -> None:
    """Cards/s one writer stores in SQLite and in PostgreSQL (a durable embedded server), and two
    PostgreSQL writers at once (as embedding actors writing themselves would)."""
    import threading

    import psycopg

    from cardsmith.library import pg_server

    parsed = []
    for path in paths:
        try:
            cards, layout = split_file(import_file(path), dedupe_key)
        except CardsmithError:
            continue
        parsed.append((card_records(cards, RandomEncoder()), str(path.resolve()), layout))
    total = sum(len(records) for records, _, _ in parsed)

    def store(target: str | Path, files: list) -> None:
        with Library.open(target, encoder=RandomEncoder()) as lib:
            lib.claim_model(RandomEncoder.model_id)
            for records, origin, layout in files:
                lib.write_cards(records, origin, layout)

    print(f"\n## Writers: {total} cards of {len(parsed)} files, vectors precomputed\n")
    print("| writer | s | cards/s |\n|---|---:|---:|")
    with tempfile.TemporaryDirectory() as folder, tempfile.TemporaryDirectory(prefix="cardsmith-pg-") as pg:
        server = pg_server.start(Path(pg))  # its own folder: the server's account must reach it
        try:
            targets = {"SQLite, one writer": Path(folder) / "lib.sqlite",
                       "PostgreSQL, one writer": pg_server.create_database(server, "one"),
                       "PostgreSQL, two writers": pg_server.create_database(server, "two"),
                       "PostgreSQL without its HNSW index, one writer": pg_server.create_database(server, "bare")}
            for label, target in targets.items():
                if "HNSW" in label:  # what loading before building the vector index would cost
                    Library.open(target).close()  # the tables, by the migrations
                    with psycopg.connect(str(target), autocommit=True) as conn:
                        conn.execute("DROP INDEX vectors_hnsw")
                halves = [parsed[0::2], parsed[1::2]] if "two" in label else [parsed]
                start = time.perf_counter()
                threads = [threading.Thread(target=store, args=(target, half)) for half in halves]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
                seconds = time.perf_counter() - start
                print(f"| {label} | {seconds:.1f} | {total / seconds:,.0f} |", flush=True)
        finally:
            pg_server.stop(Path(pg))


def hnsw_rate(count: int = 20_000, dim: int = 384) -> float:
    """Vectors per CPU second the SQLite library's usearch HNSW index (its settings) takes in, one thread."""
    import onnxruntime  # noqa: F401  (before usearch, as the library does: the other order segfaults)
    from usearch.index import Index

    vectors = np.random.default_rng(0).standard_normal((count, dim)).astype(np.float16)
    index = Index(ndim=dim, metric="cos", dtype="i8", connectivity=16, expansion_add=48, expansion_search=96)
    start = time.process_time()
    index.add(np.arange(count, dtype=np.uint64), vectors, threads=1)
    return count / (time.process_time() - start)


def hours(seconds: float) -> str:
    return f"{seconds / 3600:,.1f} h" if seconds >= 3600 else f"{seconds / 60:,.1f} min"


def project(results: dict[str, dict], hnsw: float, efficiency: float) -> None:
    base = results["in-process"]
    per_card = base["cpu"] / base["cards"]  # CPU seconds (of one core) per card, parse + embed
    writer = base["cards"] / base["write"]  # cards/s one writer stores
    vectors_per_card = base["vectors"] / base["cards"]
    measured = "not measured"
    if "1" in results and "2" in results:
        one, two = (results[k]["cards"] / results[k]["pipeline"] for k in ("1", "2"))
        measured = f"{two / one - 1:+.0%}"  # what a second worker added, as a share of the first
    print("\n## Projection: 3.5 M cards on machines of 16 cores (an estimate)\n")
    print(f"- parse + embed: {per_card * 1000:.0f} ms of CPU per card (in-process process time, this machine)")
    print(f"- each added core adds {efficiency:.0%} of one core's throughput (assumed: embedding actors share"
          f" nothing; a second worker here added {measured}, on 2 cores shared with other jobs)")
    print(f"- one writer (driver, SQLite) stores {writer:,.0f} cards/s; {vectors_per_card:.1f} vectors per card")
    print(f"- usearch HNSW build (the library's settings): {hnsw:,.0f} vectors per CPU second; assumed to scale"
          " to 16 threads at 75%")
    print("- files are read from shared storage at no cost; the driver is one of the machines\n")
    print("| machines | cores | parse+embed | single writer | HNSW build (16 threads) | wall (est.) | bottleneck |")
    print("|---:|---:|---:|---:|---:|---:|---|")
    build = TARGET_CARDS * vectors_per_card / (hnsw * CORES_PER_MACHINE * 0.75)
    write = TARGET_CARDS / writer
    for machines in MACHINES:
        cores = machines * CORES_PER_MACHINE
        compute = TARGET_CARDS * per_card / (1 + (cores - 1) * efficiency)
        # The writer runs alongside the workers; the index is built once all vectors are stored.
        wall = max(compute, write) + build
        neck = "parse+embed (CPU)" if compute >= write else "single writer"
        if build > max(compute, write):
            neck = "vector index build"
        print(f"| {machines} | {cores} | {hours(compute)} | {hours(write)} | {hours(build)} | {hours(wall)} | {neck} |")


def main() -> None:
    need_shared()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N files (taken in turn from each set)")
    parser.add_argument("--modes", default="in-process,1,2", help="in-process and/or worker counts")
    parser.add_argument("--writers", action="store_true", help="only the writer comparison (SQLite, PostgreSQL)")
    parser.add_argument("--efficiency", type=float, default=0.9, help="projection: what each added core adds")
    args = parser.parse_args()
    os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "fatal")
    paths = files(args.limit)
    if args.writers:
        writers(paths)
        return
    results: dict[str, dict] = {}
    print(f"{len(paths)} files from {', '.join(SETS)}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()}"
          " cores\n")
    print("| mode | cards | failed | wall s | cards/s | parse s | embed s | write s | Ray start s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for mode in args.modes.split(","):
        with tempfile.TemporaryDirectory() as folder:
            library = Path(folder) / "lib.sqlite"
            r = in_process(paths, library) if mode == "in-process" else on_ray(paths, library, int(mode))
        results[mode] = r
        label = mode if mode == "in-process" else f"--workers {mode}"
        rate = r["cards"] / r.get("pipeline", r["wall"])
        print(f"| {label} | {r['cards']} | {r['failed']} | {r['wall']:.1f} | {rate:.2f} | {r['parse']:.1f} |"
              f" {r['embed']:.1f} | {r['write']:.2f} | {r.get('startup', 0):.1f} |", flush=True)
    print("\ncards/s: over the pipeline's run (Ray start-up apart); parse/embed: CPU s summed over workers")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    if "in-process" in results:
        project(results, hnsw_rate(), args.efficiency)


if __name__ == "__main__":
    main()
