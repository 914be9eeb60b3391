"""Okapi BM25 per card field on PostgreSQL, so a team library ranks like a SQLite one.

PostgreSQL's own ``ts_rank_cd`` has no inverse document frequency: "the" in a claim weighs as much as
"deterrence", and the re-ranker above the store was trained on BM25 scores (FTS5's). The term
frequencies, field lengths and document frequencies are all in the stored ``tsvector``s, so BM25 is
computed from them: one query unnests the vectors of the cards that match (found through the GIN
indexes) for the query's lexemes; the collection's size and field lengths come from ``card_stats``, a
row the triggers of migration 5 keep up to date, so no search reads the whole table.
"""

from __future__ import annotations

import math
from collections import defaultdict

import psycopg

#: The tsvector columns of ``cards``, in the order of :data:`cardsmith.library.store.FIELDS`.
FIELDS = ("tag_tsv", "underline_tsv", "cite_tsv", "body_tsv")
#: FTS5's defaults, so both backends give the re-ranker the same kind of number.
K1, B = 1.2, 0.75


def any_term_query(terms: list[str]) -> tuple[str, list[str]]:
    """A tsquery matching any of ``terms`` (each stemmed as the fields are), and its arguments."""
    return " || ".join(["plainto_tsquery('english', %s)"] * len(terms)), terms


def card_bm25(conn: psycopg.Connection, terms: list[str], where: str, args: list[object], live: str,
              weights: tuple[float, ...], limit: int) -> dict[int, list[float]]:
    """The ``limit`` best live cards for any of ``terms`` (``where``/``args``: extra filters on ``c``),
    each with its BM25 per field, best first by the ``weights``-combined score."""
    (lexemes,) = conn.execute(
        "SELECT COALESCE(array_agg(DISTINCT u.lexeme), '{}') FROM unnest(to_tsvector('english', %s)) u",
        (" ".join(terms),),
    ).fetchone()
    if not lexemes:
        return {}
    count, *total = conn.execute(
        "SELECT live, tag_len, underline_len, cite_len, body_len FROM card_stats"
    ).fetchone()
    mean = [t / max(count, 1) for t in total]
    query, query_args = any_term_query(terms)
    match = " OR ".join(f"c.{f} @@ q.q" for f in FIELDS)
    rows = conn.execute(
        "SELECT c.id, f.i, u.lexeme, cardinality(u.positions), length(f.tsv)"
        f" FROM cards c, (SELECT {query} AS q) q"
        " CROSS JOIN LATERAL (VALUES "
        + ", ".join(f"({i}, c.{f})" for i, f in enumerate(FIELDS))
        + ") f(i, tsv) CROSS JOIN LATERAL unnest(f.tsv) u"
        f" WHERE ({match}) AND u.lexeme = ANY(%s) AND c.{live} {where}",
        (*query_args, lexemes, *args),
    ).fetchall()
    frequency: dict[tuple[int, str], set[int]] = defaultdict(set)
    for card_id, field, lexeme, _, _ in rows:
        frequency[field, lexeme].add(card_id)
    scores: dict[int, list[float]] = defaultdict(lambda: [0.0] * len(FIELDS))
    for card_id, field, lexeme, tf, length in rows:
        df = len(frequency[field, lexeme])
        idf = math.log(1 + (count - df + 0.5) / (df + 0.5))
        norm = 1 - B + B * length / max(float(mean[field] or 1.0), 1e-9)
        tf = tf or 1
        scores[card_id][field] += idf * tf * (K1 + 1) / (tf + K1 * norm)
    best = sorted(scores.items(), key=lambda kv: (-sum(w * s for w, s in zip(weights, kv[1], strict=True)), kv[0]))
    return dict(best[:limit])
