"""Benchmark inputs for ``benchmarks/search.py``: real cards from ../shared and an embedding cache.

Kept apart from the benchmark itself so the reranker trainer and the benchmark read the very same
cards and split.
"""

from __future__ import annotations

import ast
import gzip
import hashlib
import json
import pickle
import re
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from cardsmith.model import Card, Cite, Marks

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
CACHE = Path("/tmp/cardsmith-bench")

_SHORT = re.compile(r"^\s*([A-Z][\w'’.\-]+(?: (?:and|&) [A-Z][\w'’.\-]+| et al\.?)? ?'?\d{2,4})\b")


@dataclass
class Sample:
    """One benchmark card: the card as indexed (tag stripped), its tag (the query) and its split."""

    card: Card
    query: str
    split: str  # "train" | "dev" | "held" (a train tag whose card the cut benchmark holds out: never trained on)
    origin: str


def _literal(value: str) -> object:
    try:
        return ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return value


def _cite(text: str, year: int | None) -> Cite:
    text = " ".join(text.split())
    match = _SHORT.match(text)
    short = match.group(1) if match else ""
    return Cite(short=short, full=text[len(short) :].strip() if short else text, year=year)


def debatesum(split: str) -> Iterator[Sample]:
    """DebateSum cards: body = Full-Document, underline = the selection spans, tag = the abstract."""
    path = DATA / "debatesum" / f"{split}-DebateSum.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            meta = row["source_sample"]
            body = row["docs"][0]["text"]
            spans = [(s["start_pos"], s["end_pos"]) for group in row["selections"] for s in group["selections"]]
            year = int(meta["Year"]) if str(meta.get("Year", "")).isdigit() else None
            card = Card(tag="", cite=_cite(str(_literal(meta["Citation"])), year), body=body,
                        marks=Marks(underline=spans))
            tag = row["instruction_context"]["argument"]
            yield Sample(card, " ".join(tag.split()), split, f"debatesum/{split}/{row['id']}")


def caselist() -> Iterator[Sample]:
    """Verbatim cards from the caselist-pf files, split train/dev by file (no file in both)."""
    from cardsmith.formats.verbatim import read_verbatim

    for path in sorted((DATA / "caselist-pf").glob("*.docx")):
        split = "dev" if int(hashlib.sha1(path.name.encode()).hexdigest(), 16) % 2 else "train"
        try:
            items = read_verbatim(path)
        except Exception as err:  # noqa: BLE001 - one unreadable file must not stop the benchmark
            print(f"skip {path.name}: {err}")
            continue
        for item in items:
            if not isinstance(item, Card) or item.is_analytic or not item.tag.strip() or len(item.body) < 80:
                continue
            tag = " ".join(item.tag.split())
            item.tag = ""
            yield Sample(item, tag, split, f"caselist/{path.name}")


def tuning_half(query: str) -> bool:
    """Which half of the train-split tags tunes the static embedding (the other half trains the
    re-ranker, which must see dense scores as they behave on tags the embedding never met)."""
    return int(hashlib.sha1(query.encode()).hexdigest(), 16) % 2 == 0


def cut_test_card(sample: Sample) -> bool:
    """Whether the card comes from a caselist file of a team that ``benchmarks/cut.py`` and
    ``benchmarks/marking.py`` hold out (the cut's dense features use the table tuned here)."""
    from cardsmith.marking.corpus import pf_split

    return sample.origin.startswith("caselist/") and pf_split(Path(sample.origin.split("/", 1)[1])) == "test"


def hold_out_cut_test_cards(samples: list[Sample]) -> list[Sample]:
    """Train tags whose card a held-out team's file holds become "held" (never trained on): teams
    cut and tag the same card again in other rounds, so a table tuned on one of its tags would meet
    that card in the cut benchmark already learnt."""
    from cardsmith.library import dedupe_key

    held = {dedupe_key(s.card) for s in samples if cut_test_card(s)}
    for s in samples:
        if s.split == "train" and dedupe_key(s.card) in held:
            s.split = "held"
    return samples


def load_samples() -> tuple[list[Sample], str]:
    """All benchmark cards and a note on which sources were available (parsed once, cached in /tmp)."""
    cached = CACHE / "samples.pickle"
    if cached.exists():
        samples, note = pickle.loads(cached.read_bytes())
        return hold_out_cut_test_cards(samples), note
    samples = [*debatesum("train"), *debatesum("dev")]
    try:
        samples += list(caselist())
        note = "DebateSum train+dev + caselist-pf (cardsmith.formats.verbatim)"
    except ImportError:
        note = "DebateSum train+dev only (cardsmith.formats.verbatim.read_verbatim not available)"
    CACHE.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(pickle.dumps((samples, note)))
    return hold_out_cut_test_cards(samples), note


class CachingEncoder:
    """Wraps an encoder with an on-disk cache keyed by text hash, so reruns do not re-embed."""

    def __init__(self, inner: object, path: Path = CACHE / "embeddings.sqlite") -> None:
        self.inner = inner
        self.model_id = inner.model_id  # type: ignore[attr-defined]
        self.dim = inner.dim  # type: ignore[attr-defined]
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE TABLE IF NOT EXISTS emb (key TEXT PRIMARY KEY, vec BLOB)")

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        keys = [hashlib.sha1(t.encode()).hexdigest() for t in texts]
        found: dict[str, bytes] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(self.db.execute(f"SELECT key, vec FROM emb WHERE key IN ({marks})", chunk))
        missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in found}.items())
        if missing:
            vecs = self.inner.encode([t for _, t in missing], progress=progress)  # type: ignore[attr-defined]
            rows = [(k, v.astype(np.float32).tobytes()) for (k, _), v in zip(missing, vecs, strict=True)]
            self.db.executemany("INSERT OR REPLACE INTO emb VALUES (?, ?)", rows)
            self.db.commit()
            found.update(rows)
        return np.stack([np.frombuffer(found[k], dtype=np.float32) for k in keys]) if keys else np.zeros(
            (0, self.dim), np.float32
        )
