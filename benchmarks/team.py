"""A team library under load: members adding, editing, deleting and searching at once on PostgreSQL.

    .venv/bin/python benchmarks/team.py [--seconds 60] [--members 30] [--queries 200]

One run, on its own embedded PostgreSQL (durable, in a temporary folder, on 127.0.0.1):

1. The benchmark cards (../shared: DebateSum + openCaselist PF, tags put back; else 6,000 invented
   ones) go into a SQLite library, which ``library copy`` moves to PostgreSQL and back again: the
   copy times, and whether the sampled searches find the same hits.
2. Search latency on both backends over the same cards, the same queries (card tags).
3. ``--members`` threads, each its own member with its own connections, for ``--seconds``: adds,
   edits of the same 20 cards (read the version, think a moment, save), deletes of their own
   cards, searches (some for cards just deleted). Then the checks: every acknowledged write is in
   the final state or the history, every edit from a stale version got a conflict error (no two
   saves from one version), no id handed out twice, no search returned a card deleted before it
   began, and none does afterwards.

Vectors come from a hashed bag of words (tests' stand-in encoder, 384 dimensions): the store does
the same work as with MiniLM's, and 30 members embedding on two cores would measure the model.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import SHARED  # noqa: E402
from cardsmith.library import EditConflict, Library, members, pg_server  # noqa: E402
from cardsmith.library.copy import copy_library  # noqa: E402
from cardsmith.library.postgres import PostgresStore  # noqa: E402
from cardsmith.model import Card, Cite, Marks  # noqa: E402
from tests.library.conftest import HashEncoder  # noqa: E402

#: The cards every member edits.
SHARED_CARDS = 20
#: Share of each operation in a member's mix.
MIX = {"search": 0.4, "edit": 0.3, "add": 0.18, "delete": 0.12}
#: Cards per imported file when filling the SQLite library.
FILE_CARDS = 500
WORDS = ("sanctions trade tariffs inflation growth energy nuclear deterrence alliance treaty cyber election"
         " democracy court privacy climate warming emissions migration health vaccine school tax budget bank"
         " china russia india europe water food supply chain labor automation research space army").split()


def benchmark_cards() -> tuple[list[Card], str]:
    """The search benchmark's cards with their tags back, or invented ones without ../shared."""
    if (SHARED / "data").is_dir():
        from benchmarks.search_data import load_samples

        samples, note = load_samples()
        return [replace(s.card, tag=s.query) for s in samples], f"{note}, tags kept"
    rng = random.Random(7)
    cards = []
    for i in range(6000):
        body = " ".join(rng.choice(WORDS) for _ in range(60)) + f" card{i}."
        cards.append(Card(tag=" ".join(rng.sample(WORDS, 6)), cite=Cite(short=f"Author {i % 90:02d}"), body=body,
                          marks=Marks(underline=[(0, 40)])))
    return cards, "6,000 invented cards (../shared is absent)"


def percentiles(values: list[float]) -> str:
    if not values:
        return "-"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"p50 {statistics.median(ordered) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"


def search_latency(lib: Library, queries: list[str]) -> list[float]:
    for query in queries[:20]:  # warm: connections, caches
        lib.search(query)
    times = []
    for query in queries:
        start = time.perf_counter()
        lib.search(query)
        times.append(time.perf_counter() - start)
    return times


@dataclass
class MemberLog:
    """What one member did and was told."""

    name: str
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    added: dict[int, str] = field(default_factory=dict)  # id -> tag
    saved: list[tuple[int, int, str]] = field(default_factory=list)  # card, version reached, tag
    conflicts: list[tuple[int, int]] = field(default_factory=list)  # card, version edited from
    deleted: list[int] = field(default_factory=list)
    saw_deleted: list[tuple[str, int]] = field(default_factory=list)  # query, deleted card it returned
    errors: list[str] = field(default_factory=list)


class Team:
    """The shared knowledge of the run: which deletes were acknowledged, and when to stop."""

    def __init__(self, url: str, shared: list[int], seconds: float) -> None:
        self.url, self.shared, self.deadline = url, shared, time.monotonic() + seconds
        self.lock = threading.Lock()
        self.deleted: dict[int, str] = {}  # id -> tag, once the delete was acknowledged

    def member(self, log: MemberLog, seed: int) -> None:
        rng = random.Random(seed)
        lib = Library(PostgresStore(self.url, pool_size=2), HashEncoder())
        kinds, weights = list(MIX), list(MIX.values())
        with lib, members.acting(log.name):
            count = 0
            while time.monotonic() < self.deadline:
                kind = rng.choices(kinds, weights)[0]
                if kind == "delete" and len(log.added) == len(log.deleted):
                    kind = "add"  # nothing of one's own left to delete
                start = time.perf_counter()
                try:
                    getattr(self, kind)(lib, log, rng, count)
                except Exception as err:  # counted and shown: the run goes on
                    log.errors.append(f"{kind}: {type(err).__name__}: {err}")
                log.times[kind].append(time.perf_counter() - start)
                count += 1

    def add(self, lib: Library, log: MemberLog, rng: random.Random, count: int) -> None:
        tag = f"{log.name} card {count} " + " ".join(rng.sample(WORDS, 4))
        body = f"{log.name} wrote this card, number {count}, about " + " ".join(rng.sample(WORDS, 30)) + "."
        (card_id,) = lib.add_cards([Card(tag=tag, cite=Cite(short=log.name), body=body)], f"{log.name}.docx").ids
        log.added[card_id] = tag

    def edit(self, lib: Library, log: MemberLog, rng: random.Random, count: int) -> None:
        card_id = rng.choice(self.shared)
        version = lib.card_version(card_id)
        time.sleep(rng.uniform(0, 0.005))  # reading the card before saving: others may save meanwhile
        tag = f"edited by {log.name} #{count}"
        try:
            log.saved.append((card_id, lib.update_card(card_id, version=version, tag=tag), tag))
        except EditConflict:
            log.conflicts.append((card_id, version))

    def delete(self, lib: Library, log: MemberLog, rng: random.Random, count: int) -> None:
        card_id = rng.choice([i for i in log.added if i not in log.deleted])
        assert lib.delete(card_id), f"c{card_id} was not there to delete"
        log.deleted.append(card_id)
        with self.lock:
            self.deleted[card_id] = log.added[card_id]

    def search(self, lib: Library, log: MemberLog, rng: random.Random, count: int) -> None:
        with self.lock:
            gone = dict(self.deleted)
        query = rng.choice(list(gone.values())) if gone and rng.random() < 0.5 else " ".join(rng.sample(WORDS, 3))
        for hit in lib.search(query, limit=10):
            if hit.kind == "card" and int(hit.id[1:]) in gone:
                log.saw_deleted.append((query, int(hit.id[1:])))


def check(team: Team, logs: list[MemberLog], lib: Library) -> list[str]:
    """Every broken promise, as a line (none: all held)."""
    problems = []
    store = lib.store
    adds = [card_id for log in logs for card_id in log.added]
    if len(adds) != len(set(adds)):
        problems.append(f"{len(adds) - len(set(adds))} ids handed out twice")
    deleted = {card_id for log in logs for card_id in log.deleted}
    with store.transaction() as conn:  # type: ignore[attr-defined]
        rows = {r[0]: r[1:] for r in conn.execute("SELECT id, tag, deleted IS NOT NULL FROM cards WHERE id = ANY(%s)",
                                                  (adds,))}
    for log in logs:
        for card_id, tag in log.added.items():
            if rows.get(card_id) != (tag, card_id in deleted):
                problems.append(f"{log.name}'s c{card_id} is {rows.get(card_id)}, not ({tag!r}, {card_id in deleted})")
    for card_id in team.shared:
        saves = sorted((version, tag, log.name) for log in logs for c, version, tag in log.saved if c == card_id)
        final = store.card_version(card_id)  # type: ignore[union-attr]
        if [v for v, _, _ in saves] != list(range(2, (final or 1) + 1)):
            problems.append(f"c{card_id}: saves reached versions {[v for v, _, _ in saves]}, the card is at {final}")
        history = [(e["version"], e["after"]["tag"], e["member"]) for e in store.card_history(card_id)]
        if history != saves:
            problems.append(f"c{card_id}: history differs from the acknowledged saves")
        if saves and lib.get_card(card_id).tag != saves[-1][1]:  # type: ignore[union-attr]
            problems.append(f"c{card_id}: final tag is not the last save's")
        stale = [v for log in logs for c, v in log.conflicts if c == card_id and v >= (final or 1)]
        if stale:
            problems.append(f"c{card_id}: conflict errors for versions {stale} that were current")
    seen = [pair for log in logs for pair in log.saw_deleted]
    if seen:
        problems.append(f"{len(seen)} searches returned a card deleted before they began, e.g. {seen[:3]}")
    for card_id in sorted(deleted)[:200]:
        if any(h.id == f"c{card_id}" for h in lib.search(team.deleted[card_id], limit=10)):
            problems.append(f"a search after the run returns deleted c{card_id}")
    problems += [f"{log.name}: {error}" for log in logs for error in log.errors[:3]]
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--members", type=int, default=30)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cardsmith-team-bench-"))
    server = pg_server.start(folder)
    try:
        run(server, folder, args)
    finally:
        pg_server.stop(folder)
        shutil.rmtree(folder, ignore_errors=True)


def run(server: str, folder: Path, args: argparse.Namespace) -> None:
    cards, note = benchmark_cards()
    print(f"cards: {len(cards)} ({note}); PostgreSQL 18 (embedded, durable) and SQLite on this machine")
    encoder = HashEncoder()
    with Library.open(folder / "bench.sqlite", encoder=encoder) as sqlite_lib:
        start = time.perf_counter()
        for i in range(0, len(cards), FILE_CARDS):
            sqlite_lib.add_cards(cards[i : i + FILE_CARDS], f"file{i // FILE_CARDS}.docx")
        print(f"SQLite import: {time.perf_counter() - start:.1f} s, {sqlite_lib.stats()['cards']} unique cards")
        url = pg_server.create_database(server, "team")
        with Library.open(url, encoder=encoder) as team_lib:
            report = copy_library(sqlite_lib, team_lib, sample=args.queries)
            print("library copy SQLite -> PostgreSQL:", "; ".join(report.lines()))
            with Library.open(folder / "back.sqlite", encoder=encoder) as back:
                again = copy_library(team_lib, back, sample=args.queries)
                print("library copy PostgreSQL -> SQLite:", "; ".join(again.lines()))
                queries = [c.tag for c in sqlite_lib.list_cards(0, args.queries * 3)][:: 3]
                same = sum(
                    [(h.kind, h.text) for h in back.search(q)] == [(h.kind, h.text) for h in sqlite_lib.search(q)]
                    for q in queries
                )
                print(f"round trip: {same}/{len(queries)} searches identical to the original SQLite library's")
            for name, lib in (("SQLite", sqlite_lib), ("PostgreSQL", team_lib)):
                times = search_latency(lib, queries)
                print(f"search latency, {name}, {len(queries)} queries, warm: {percentiles(times)}")
            shared = [int(c.id[1:]) for c in team_lib.list_cards(0, SHARED_CARDS)]  # type: ignore[index]
            team = Team(url, shared, args.seconds)
            logs = [MemberLog(f"member{i:02d}") for i in range(args.members)]
            threads = [threading.Thread(target=team.member, args=(log, i)) for i, log in enumerate(logs)]
            start = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - start
            report_load(logs, elapsed, args.members)
            problems = check(team, logs, team_lib)
    print("checks:", "all held" if not problems else f"{len(problems)} FAILED")
    for line in problems[:20]:
        print("  " + line)


def report_load(logs: list[MemberLog], elapsed: float, count: int) -> None:
    total = sum(len(t) for log in logs for t in log.times.values())
    print(f"{count} members for {elapsed:.1f} s: {total} operations, {total / elapsed:.0f} ops/s")
    for kind in MIX:
        times = [t for log in logs for t in log.times[kind]]
        print(f"  {kind:6} {len(times) / elapsed:7.1f} ops/s  {percentiles(times)}")
    saves = sum(len(log.saved) for log in logs)
    conflicts = sum(len(log.conflicts) for log in logs)
    print(f"  edits of the {SHARED_CARDS} shared cards: {saves} saved, {conflicts} conflict errors;"
          f" {sum(len(log.added) for log in logs)} adds, {sum(len(log.deleted) for log in logs)} deletes")


if __name__ == "__main__":
    main()
