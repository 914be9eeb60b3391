"""Word F1 / MCC and the in-house ROUGE agree with hand-computed values."""

from __future__ import annotations

import numpy as np
import pytest

from cardsmith.marking.metrics import Confusion, rouge_123l


def test_rouge_hand_values() -> None:
    r1, r2, rl = rouge_123l("the cat sat".split(), "the cat sat down".split())
    assert r1 == pytest.approx(2 * 1 * 0.75 / 1.75)
    assert r2 == pytest.approx(2 * 1 * (2 / 3) / (1 + 2 / 3))
    assert rl == pytest.approx(r1)
    assert rouge_123l([], ["a"]) == (0.0, 0.0, 0.0)


def test_confusion_perfect_and_inverse() -> None:
    gold = np.array([True, False, True, False])
    c = Confusion()
    c.add(gold, gold, list("abcd"))
    assert (c.f1, c.mcc, c.share, c.gold_share) == (1.0, 1.0, 0.5, 0.5)
    inv = Confusion()
    inv.add(~gold, gold, list("abcd"))
    assert inv.mcc == pytest.approx(-1.0)
