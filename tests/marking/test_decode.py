"""The phrase decoder: switching costs keep phrases whole; a share target is met."""

from __future__ import annotations

import numpy as np

from cardsmith.marking.decode import decode, switch_costs, viterbi
from cardsmith.marking.text import words


def test_switch_cost_fills_small_gaps() -> None:
    scores = np.array([2.0, 2.0, -0.5, 2.0, 2.0, -3.0, -3.0])
    assert viterbi(scores, np.full(6, 0.0)).tolist() == [1, 1, 0, 1, 1, 0, 0]
    assert viterbi(scores, np.full(6, 1.0)).tolist() == [1, 1, 1, 1, 1, 0, 0]


def test_forbidden_words_never_marked() -> None:
    allowed = np.array([True, False, True])
    out = decode(np.array([5.0, 5.0, 5.0]), np.zeros(2), None, allowed=allowed)
    assert out.tolist() == [True, False, True]


def test_share_target() -> None:
    ws = words(" ".join(f"w{i}," for i in range(100)))
    scores = np.linspace(-2, 2, 100)
    out = decode(scores, switch_costs(ws, 1.0, 0.1), 0.3)
    assert abs(out.mean() - 0.3) <= 0.02
    assert out[-1] and not out[0]


def test_words_chunks_and_sentences() -> None:
    ws = words("One two, three. Four\nfive")
    assert [ws.body[s:e] for s, e in ws.spans] == ["One", "two", "three", "Four", "five"]
    assert ws.chunk.tolist() == [0, 0, 1, 2, 2]
    assert ws.sentence.tolist() == [0, 0, 0, 1, 1]
    assert ws.paragraph.tolist() == [0, 0, 0, 0, 1]


def test_strict_runs_never_cut_a_particle_or_negation_off() -> None:
    """"drive them | apart" and "will not | grow" reverse the sense: the decoder never cuts there."""
    ws = words("Trade will drive them apart and prices will not grow")
    scores = np.array([-3.0, -3.0, 4.0, 4.0, -0.5, -3.0, -3.0, -3.0, 4.0, -0.5])
    out = decode(scores, switch_costs(ws, 1.0, 0.1, 0.5, strict=True), None)
    marked = [w for w, m in zip(ws.lower, out, strict=True) if m]
    assert "apart" in marked and ("grow" in marked or "not" not in marked)


def test_run_edges_read_aloud() -> None:
    from cardsmith.marking.phrases import edges, run_ends_on_boundary

    ws = words("the relationship will drive them apart")
    may_start, may_end = edges(ws)
    assert may_start.tolist() == [True, True, True, True, False, False]
    assert may_end.tolist() == [False, True, False, False, False, True]
    assert run_ends_on_boundary(ws, np.array([0, 1, 0, 1, 1, 0], dtype=bool)) == (1, 2)
