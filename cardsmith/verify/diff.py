"""Opcodes of two word-id sequences, near-linear however long they are.

difflib's matcher is exact, but its work grows with the product of the two lengths: a 2 MB card
against a 2 MB source took minutes, and a debater may verify a file a stranger sent. Pairs up to
:data:`DIRECT_MAX` go to difflib whole, so every ordinary card (some thousands of words against its
region) aligns exactly as difflib aligns it. Longer pairs are first split at anchors, as patience
diff does: word n-grams that occur exactly once in each sequence, kept in order by a longest
increasing subsequence over their positions. difflib then runs only on the gaps between anchors, a
gap still too long is anchored again on its own words, and one that has no anchors left is a
single replacement (after its common head and tail), which bounds the work on crafted input.
"""

from __future__ import annotations

import bisect
from difflib import SequenceMatcher

import numpy as np

#: difflib opcode: tag (equal, replace, delete, insert) and ``a[i1:i2]`` against ``b[j1:j2]``.
Opcode = tuple[str, int, int, int, int]

#: Length products difflib gets whole (a 3,400-word card against its region is about 16M).
DIRECT_MAX = 16_000_000
#: Words per anchor n-gram: long enough that a shared one is rarely chance.
NGRAM = 4
#: Times a gap too long for difflib is anchored again on its own words.
MAX_DEPTH = 4
#: Odd multiplier of the n-gram key (a polynomial hash mod 2**64; collisions are checked).
_MULT = np.uint64(0x9E3779B97F4A7C15)


def opcodes(a: list[int], b: list[int]) -> list[Opcode]:
    """difflib's opcodes turning ``a`` into ``b``, computed in near-linear time for long inputs."""
    out: list[Opcode] = []
    _gap(out, a, b, (0, len(a), 0, len(b)), 0)
    merged: list[Opcode] = []
    for op in out:
        if merged and op[0] == merged[-1][0] == "equal":
            op = ("equal", merged[-1][1], op[2], merged[-1][3], op[4])
            merged.pop()
        merged.append(op)
    return merged


def _gap(out: list[Opcode], a: list[int], b: list[int], box: tuple[int, int, int, int], depth: int) -> None:
    """Append the opcodes of ``a[a0:a1]`` against ``b[b0:b1]`` to ``out``."""
    a0, a1, b0, b1 = box
    if a0 == a1 or b0 == b1:
        if a0 < a1 or b0 < b1:
            out.append(("delete" if a0 < a1 else "insert", a0, a1, b0, b1))
        return
    if (a1 - a0) * (b1 - b0) <= DIRECT_MAX:
        matcher = SequenceMatcher(None, a[a0:a1], b[b0:b1], autojunk=False)
        out.extend((tag, i1 + a0, i2 + a0, j1 + b0, j2 + b0) for tag, i1, i2, j1, j2 in matcher.get_opcodes())
        return
    runs = _anchors(a, b, a0, a1, b0, b1) if depth < MAX_DEPTH else []
    if not runs:
        _replacement(out, a, b, box)
        return
    ends = [(ra, rb) for ra, rb, _ in runs[1:]] + [(a1, b1)]
    for (ra, rb, n), (next_a, next_b) in zip(runs, ends, strict=True):
        # Grown to the whole block, as difflib's blocks are: a gap must not start or end with words
        # the run could have taken (difflib would match them elsewhere in the gap).
        back = _common(a, b, ra - 1, rb - 1, min(ra - a0, rb - b0), -1)
        ra, rb, n = ra - back, rb - back, n + back
        n += _common(a, b, ra + n, rb + n, min(next_a - ra - n, next_b - rb - n), 1)
        _gap(out, a, b, (a0, ra, b0, rb), depth + 1)
        out.append(("equal", ra, ra + n, rb, rb + n))
        a0, b0 = ra + n, rb + n
    _gap(out, a, b, (a0, a1, b0, b1), depth + 1)


def _replacement(out: list[Opcode], a: list[int], b: list[int], box: tuple[int, int, int, int]) -> None:
    """A long gap with no anchors (repetitive or unrelated text): its common head and tail are
    equal, the rest one replacement."""
    a0, a1, b0, b1 = box
    head = _common(a, b, a0, b0, min(a1 - a0, b1 - b0), 1)
    tail = _common(a, b, a1 - 1, b1 - 1, min(a1 - a0, b1 - b0) - head, -1)
    if head:
        out.append(("equal", a0, a0 + head, b0, b0 + head))
    a0, b0, a1, b1 = a0 + head, b0 + head, a1 - tail, b1 - tail
    if a0 < a1 or b0 < b1:
        tag = "replace" if a0 < a1 and b0 < b1 else "delete" if a0 < a1 else "insert"
        out.append((tag, a0, a1, b0, b1))
    if tail:
        out.append(("equal", a1, a1 + tail, b1, b1 + tail))


def _common(a: list[int], b: list[int], i: int, j: int, most: int, step: int) -> int:
    """How many items agree walking from ``a[i]``, ``b[j]`` by ``step``, at most ``most``."""
    n = 0
    while n < most and a[i + n * step] == b[j + n * step]:
        n += 1
    return n


def _keys(ids: np.ndarray) -> np.ndarray:
    """A 64-bit key per n-gram start of ``ids``."""
    count = len(ids) - NGRAM + 1
    keys = np.zeros(max(count, 0), dtype=np.uint64)
    for k in range(NGRAM):
        keys = keys * _MULT + ids[k : k + count]
    return keys


def _once(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Keys that occur exactly once, and where."""
    unique, first, counts = np.unique(keys, return_index=True, return_counts=True)
    return unique[counts == 1], first[counts == 1]


def _anchors(a: list[int], b: list[int], a0: int, a1: int, b0: int, b1: int) -> list[tuple[int, int, int]]:
    """Runs ``(i, j, length)`` with ``a[i:i+length] == b[j:j+length]``, in order on both sides,
    built from the n-grams found once in each range and on their longest increasing chain."""
    ids_a = np.asarray(a[a0:a1], dtype=np.uint64)
    ids_b = np.asarray(b[b0:b1], dtype=np.uint64)
    keys_a, at_a = _once(_keys(ids_a))
    keys_b, at_b = _once(_keys(ids_b))
    _, in_a, in_b = np.intersect1d(keys_a, keys_b, assume_unique=True, return_indices=True)
    pa, pb = at_a[in_a], at_b[in_b]
    same = np.ones(len(pa), dtype=bool)
    for k in range(NGRAM):
        same &= ids_a[pa + k] == ids_b[pb + k]
    order = np.argsort(pa[same], kind="stable")
    pa, pb = pa[same][order], pb[same][order]
    runs: list[tuple[int, int, int]] = []
    for i in _increasing(pb.tolist()):
        ra, rb = int(pa[i]) + a0, int(pb[i]) + b0
        if runs and ra - runs[-1][0] == rb - runs[-1][1] and ra <= runs[-1][0] + runs[-1][2]:
            runs[-1] = (runs[-1][0], runs[-1][1], ra + NGRAM - runs[-1][0])
            continue
        skip = max(runs[-1][0] + runs[-1][2] - ra, runs[-1][1] + runs[-1][2] - rb, 0) if runs else 0
        if skip < NGRAM:
            runs.append((ra + skip, rb + skip, NGRAM - skip))
    return runs


def _increasing(values: list[int]) -> list[int]:
    """Indices of a longest strictly increasing subsequence of ``values`` (patience sorting)."""
    tops: list[int] = []
    top_index: list[int] = []
    back = [-1] * len(values)
    for i, value in enumerate(values):
        k = bisect.bisect_left(tops, value)
        back[i] = top_index[k - 1] if k else -1
        if k == len(tops):
            tops.append(value)
            top_index.append(i)
        else:
            tops[k], top_index[k] = value, i
    chain = []
    i = top_index[-1] if top_index else -1
    while i >= 0:
        chain.append(i)
        i = back[i]
    return chain[::-1]
