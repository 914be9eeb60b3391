"""Load on the web app's search: N concurrent clients on loopback for a bounded time.

    .venv/bin/python benchmarks/serve_load.py [--library PATH] [--clients 20] [--seconds 20]

Without ``--library`` a synthetic 6,000-card library (invented words, deterministic) is built once
under /tmp/cardsmith-bench and reused. ``cardsmith serve`` runs in its own process on 127.0.0.1
(never any other address); clients are asyncio tasks in this process, each on one keep-alive
connection, sending its next search as soon as the last one answered. The client speaks minimal
HTTP/1.1 itself: it shares the machine's cores with the server, so it must cost far less than the
requests it measures. Every measured query is distinct and unseen in the warm-up, so no cache the
server keeps can answer it. Prints requests/s, latency percentiles and errors.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

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


#: Distinct queries for the warm-up and for the measured run (disjoint: each is sent once).
WARMUP, MEASURED = 400, 5000


def queries(n: int, seed: int = 11) -> list[str]:
    """``n`` distinct claim-like queries: tags of random synthetic cards with a word or two dropped."""
    rng = random.Random(seed)
    out = []
    for card in rng.sample(synthetic_cards(6000), n):
        words = card.tag.split()
        for _ in range(rng.randint(0, 2)):
            words.pop(rng.randrange(len(words)))
        out.append(" ".join(words))
    return list(dict.fromkeys(out))


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class _Connection:
    """One keep-alive HTTP/1.1 connection doing GETs (just enough protocol for uvicorn's answers)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, target: str) -> tuple[int, bytes]:
        """Status and body of ``GET target``; reconnects once when the server closed the connection."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {target} HTTP/1.1\r\nHost: {HOST}:{self.port}\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = dict(line.lower().split(": ", 1) for line in lines[1:] if ": " in line)
        body = await self.reader.readexactly(int(headers.get("content-length", 0)))
        if headers.get("connection") == "close":
            self.close()
        return status, body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def _client(port: int, qs: list[str], deadline: float, out: list[tuple[float, bool]]) -> None:
    conn = _Connection(port)
    try:
        for q in qs:
            if time.perf_counter() >= deadline:
                return
            started = time.perf_counter()
            try:
                status, body = await conn.get("/api/search?" + urlencode({"q": q, "limit": 10}))
                ok = status == 200 and body.startswith(b'{"query"')
            except (OSError, asyncio.IncompleteReadError, ValueError):
                conn.close()
                ok = False
            out.append((time.perf_counter() - started, ok))
    finally:
        conn.close()


async def _load(port: int, clients: int, seconds: float, qs: list[str]) -> tuple[list[tuple[float, bool]], float]:
    out: list[tuple[float, bool]] = []
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(*(_client(port, qs[k::clients], deadline, out) for k in range(clients)))
    return out, time.perf_counter() - started


async def _ready(port: int, server: subprocess.Popen, wait: float = 60) -> dict:
    """The server's /api/stats once it answers (exits if it never does)."""
    import json

    give_up = time.perf_counter() + wait
    while True:
        conn = _Connection(port)
        try:
            status, body = await conn.get("/api/stats")
            if status == 200:
                return json.loads(body)
        except OSError:
            pass
        finally:
            conn.close()
        if time.perf_counter() > give_up or server.poll() is not None:
            sys.exit("the server did not start")
        await asyncio.sleep(0.2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--library", type=Path, help="an existing library (default: synthetic)")
    parser.add_argument("--cards", type=int, default=6000, help="synthetic library size")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20.0, help="load duration (bounded: at most 300)")
    args = parser.parse_args()
    seconds = min(args.seconds, 300.0)
    library = args.library or build_library(args.cards)
    qs = queries(WARMUP + MEASURED)
    warmup, measured = qs[:WARMUP], qs[WARMUP:]
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", "from cardsmith.cli import main; main()", "serve", "--library", str(library),
         "--host", HOST, "--port", str(port)],
        stderr=subprocess.DEVNULL,
    )
    try:
        stats = asyncio.run(_ready(port, server))
        asyncio.run(_load(port, args.clients, 3.0, warmup))  # model load, page cache, thread pool
        cpu_server, cpu_client = _cpu_seconds(server.pid), time.process_time()
        results, elapsed = asyncio.run(_load(port, args.clients, seconds, measured))
        cpu_server, cpu_client = _cpu_seconds(server.pid) - cpu_server, time.process_time() - cpu_client
    finally:
        server.terminate()
        server.wait(10)
    latencies = sorted(t for t, _ in results)
    errors = sum(1 for _, ok in results if not ok)

    def pct(p: float) -> float:
        return 1000 * latencies[min(len(latencies) - 1, int(p * len(latencies)))]

    n = len(results)
    print(f"library: {library} ({stats['cards']} cards, {stats['passages']} passages)")
    print(f"clients: {args.clients}, duration: {elapsed:.1f} s, requests: {n} (distinct queries, none seen in "
          f"warm-up), errors: {errors}")
    if n >= len(measured):
        print(f"warning: all {len(measured)} queries were used before the time ran out", file=sys.stderr)
    print(f"search throughput: {n / elapsed:.1f} requests/s")
    print(
        f"latency ms: p50 {pct(0.5):.0f}  p95 {pct(0.95):.0f}  p99 {pct(0.99):.0f}  "
        f"max {1000 * latencies[-1]:.0f}  mean {1000 * statistics.fmean(latencies):.0f}"
    )
    print(f"cpu ms per request: server {1000 * cpu_server / n:.1f}, load generator {1000 * cpu_client / n:.1f}; "
          f"load average {os.getloadavg()[0]:.2f}")
    print(
        f"p95 under 300 ms: {'yes' if pct(0.95) < 300 else 'NO'}; no errors: {'yes' if not errors else 'NO'}"
    )


if __name__ == "__main__":
    main()
