"""Load on the web app's search: N concurrent clients on loopback for a bounded time.

    .venv/bin/python benchmarks/serve_load.py [--library PATH] [--clients 20] [--seconds 20]

Without ``--library`` a synthetic 6,000-card library (invented words, deterministic) is built once
under /tmp/cardsmith-bench and reused. The server runs in its own process on 127.0.0.1 (never any
other address); clients are asyncio tasks in this process, each sending its next search as soon as
the last one answered. Prints requests/s, latency percentiles and errors.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import random
import socket
import statistics
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cardsmith.model import Card, Cite, Marks  # noqa: E402

CACHE = Path("/tmp/cardsmith-bench")


def _vocab(words: str) -> list[str]:
    return words.split()


HOST = "127.0.0.1"
_TOPICS = _vocab(
    "sanctions trade tariffs inflation growth recession unemployment wages housing energy oil gas solar wind "
    "nuclear deterrence alliance treaty missile arms control cyber attack election democracy protest court "
    "ruling regulation privacy surveillance data platform speech censorship climate warming emissions carbon "
    "drought flood migration refugees border asylum health pandemic vaccine hospital insurance drug price "
    "school teacher student debt tuition police prison crime reform tax budget deficit spending bond market "
    "bank currency dollar china russia india europe africa taiwan ukraine korea iran israel water food farm "
    "crop fishery ocean shipping port supply chain semiconductor chip labor union strike automation robot "
    "artificial intelligence model research innovation patent space satellite launch army navy troops base"
)
_GLUE = _vocab(
    "the a of to and in that for is on with as by from this will would could may more less because "
    "however which while than after before during against between without within under over"
)
_VERBS = _vocab("increases reduces causes prevents undermines strengthens threatens expands limits shifts")
_NAMES = _vocab(
    "Sun Kramer Fonseca Sutter Okafor Lindqvist Haddad Moreau Tanaka Ibarra Novak Osei Brandt Qureshi"
)


def synthetic_cards(n: int, seed: int = 7) -> list[Card]:
    """``n`` cards of invented but topical text: tag, cite, ~120-word body, some underline."""
    rng = random.Random(seed)
    cards = []
    for i in range(n):
        topic = rng.sample(_TOPICS, 6)
        verbs = rng.choices(_VERBS, k=2)
        tag = f"{topic[0].capitalize()} {verbs[0]} {topic[1]} and {topic[2]} {verbs[1]} {topic[3]}"
        words = []
        for _ in range(rng.randint(90, 150)):
            words.append(rng.choice(topic) if rng.random() < 0.35 else rng.choice(_GLUE + _TOPICS + _VERBS))
        body = " ".join(words).capitalize() + "."
        year = rng.randint(2000, 2024)
        name = rng.choice(_NAMES)
        cite = Cite(
            short=f"{name} {year % 100:02d}",
            full=f"({name}, analyst, {year}, card {i})",
            authors=[name],
            year=year,
            date=str(year),
        )
        cut = body.index(" ", len(body) // 3)
        cards.append(Card(tag=tag, cite=cite, body=body, marks=Marks(underline=[(0, cut)])))
    return cards


def build_library(n: int) -> Path:
    """The cached synthetic library of ``n`` cards, built on first use (embedding takes minutes on 2 cores).

    Resumable: chunks already stored are recognised as duplicates and not embedded again.
    """
    from cardsmith.library import Library

    path = CACHE / f"serve-synthetic-{n}.sqlite"
    CACHE.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    cards = synthetic_cards(n)
    with Library.open(path) as lib:
        if lib.stats()["cards"] >= n:
            return path
        for i in range(0, n, 500):
            lib.add_cards(cards[i : i + 500], origin=f"synthetic-{i // 500}")
    print(f"built {path} ({n} cards) in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


def queries(n: int, seed: int = 11) -> list[str]:
    """Claim-like queries: tags of random synthetic cards with a word or two dropped."""
    rng = random.Random(seed)
    out = []
    for card in rng.sample(synthetic_cards(6000), n):
        words = card.tag.split()
        for _ in range(rng.randint(0, 2)):
            words.pop(rng.randrange(len(words)))
        out.append(" ".join(words))
    return out


def _serve(library: str, port: int) -> None:
    import uvicorn

    from cardsmith.web import create_app

    uvicorn.run(create_app(library), host=HOST, port=port, log_level="warning")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


async def _client(base: str, qs: list[str], deadline: float, out: list[tuple[float, bool]]) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        i = 0
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                ok = (
                    await client.get("/api/search", params={"q": qs[i % len(qs)], "limit": 10})
                ).status_code == 200
            except httpx.HTTPError:
                ok = False
            out.append((time.perf_counter() - started, ok))
            i += 1


async def _load(
    base: str, clients: int, seconds: float, qs: list[str]
) -> tuple[list[tuple[float, bool]], float]:
    out: list[tuple[float, bool]] = []
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(*(_client(base, qs[k::clients], deadline, out) for k in range(clients)))
    return out, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--library", type=Path, help="an existing library (default: synthetic)")
    parser.add_argument("--cards", type=int, default=6000, help="synthetic library size")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20.0, help="load duration (bounded: at most 300)")
    args = parser.parse_args()
    seconds = min(args.seconds, 300.0)
    library = args.library or build_library(args.cards)
    port = _free_port()
    server = multiprocessing.get_context("spawn").Process(
        target=_serve, args=(str(library), port), daemon=True
    )
    server.start()
    base = f"http://{HOST}:{port}"
    try:
        ready = time.perf_counter() + 60
        while True:
            try:
                stats = httpx.get(f"{base}/api/stats", timeout=2).json()
                break
            except httpx.HTTPError:
                if time.perf_counter() > ready or not server.is_alive():
                    sys.exit("the server did not start")
                time.sleep(0.2)
        qs = queries(2000)
        asyncio.run(_load(base, args.clients, 3.0, qs[::-1]))  # warm-up: model load, page cache
        results, elapsed = asyncio.run(_load(base, args.clients, seconds, qs))
    finally:
        server.terminate()
        server.join(10)
    latencies = sorted(t for t, _ in results)
    errors = sum(1 for _, ok in results if not ok)

    def pct(p: float) -> float:
        return 1000 * latencies[min(len(latencies) - 1, int(p * len(latencies)))]

    print(f"library: {library} ({stats['cards']} cards, {stats['passages']} passages)")
    print(f"clients: {args.clients}, duration: {elapsed:.1f} s, requests: {len(results)}, errors: {errors}")
    print(f"search throughput: {len(results) / elapsed:.1f} requests/s")
    print(
        f"latency ms: p50 {pct(0.5):.0f}  p95 {pct(0.95):.0f}  p99 {pct(0.99):.0f}  "
        f"max {1000 * latencies[-1]:.0f}  mean {1000 * statistics.fmean(latencies):.0f}"
    )
    print(
        f"p95 under 300 ms: {'yes' if pct(0.95) < 300 else 'NO'}; no errors: {'yes' if not errors else 'NO'}"
    )


if __name__ == "__main__":
    main()
