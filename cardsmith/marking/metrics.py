"""How close marks are to a debater's: word-level F1 and MCC, and ROUGE-1/2/L of the marked text.

ROUGE is computed here (lower-cased word tokens, no stemming, F1) so that the figures do not depend
on a package's tokenizer; marking everything already scores high ROUGE, hence F1/MCC beside it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from cardsmith.marking.phrases import NEGATIONS, run_ends_on_boundary
from cardsmith.marking.text import Words, is_number


@dataclass
class Confusion:
    """Word counts summed over cards (micro-averaged F1 and MCC)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    rouge: list[tuple[float, float, float]] = field(default_factory=list)

    def add(self, pred: np.ndarray, gold: np.ndarray, tokens: list[str] | None = None) -> None:
        """Count one card's words; with its ``tokens``, also its ROUGE (slower: skipped when tuning)."""
        self.tp += int((pred & gold).sum())
        self.fp += int((pred & ~gold).sum())
        self.fn += int((~pred & gold).sum())
        self.tn += int((~pred & ~gold).sum())
        if tokens is None:
            return
        self.rouge.append(
            rouge_123l(
                [t for t, p in zip(tokens, pred, strict=True) if p], [t for t, g in zip(tokens, gold, strict=True) if g]
            )
        )

    @property
    def f1(self) -> float:
        return 2 * self.tp / max(1, 2 * self.tp + self.fp + self.fn)

    @property
    def mcc(self) -> float:
        tp, fp, fn, tn = (float(x) for x in (self.tp, self.fp, self.fn, self.tn))
        den = np.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
        return float((tp * tn - fp * fn) / den) if den else 0.0

    @property
    def share(self) -> float:
        """Share of words marked by the prediction."""
        return (self.tp + self.fp) / max(1, self.tp + self.fp + self.fn + self.tn)

    @property
    def gold_share(self) -> float:
        return (self.tp + self.fn) / max(1, self.tp + self.fp + self.fn + self.tn)

    def rouge_means(self) -> tuple[float, float, float]:
        """Mean ROUGE-1/2/L F1 over cards, in percent."""
        if not self.rouge:
            return (0.0, 0.0, 0.0)
        r = np.array(self.rouge).mean(axis=0) * 100
        return (float(r[0]), float(r[1]), float(r[2]))


def _f1(overlap: float, n_pred: int, n_gold: int) -> float:
    if not n_pred or not n_gold or not overlap:
        return 0.0
    p, r = overlap / n_pred, overlap / n_gold
    return 2 * p * r / (p + r)


def _ngram_f1(pred: list[str], gold: list[str], n: int) -> float:
    a = Counter(tuple(pred[i : i + n]) for i in range(len(pred) - n + 1))
    b = Counter(tuple(gold[i : i + n]) for i in range(len(gold) - n + 1))
    return _f1(sum((a & b).values()), sum(a.values()), sum(b.values()))


def _lcs(a: list[str], b: list[str]) -> int:
    """Longest common subsequence length (row-by-row dynamic programme)."""
    if not a or not b:
        return 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def rouge_123l(pred: list[str], gold: list[str]) -> tuple[float, float, float]:
    """ROUGE-1, ROUGE-2 and ROUGE-L F1 (fractions) of ``pred`` tokens against ``gold`` tokens."""
    return (_ngram_f1(pred, gold, 1), _ngram_f1(pred, gold, 2), _f1(_lcs(pred, gold), len(pred), len(gold)))


@dataclass
class Readability:
    """Whether highlighted runs read aloud: runs ending on phrase boundaries (predicted and gold), and
    how many of the gold-highlighted negations and numbers the prediction keeps."""

    runs_ok: int = 0
    runs: int = 0
    gold_runs_ok: int = 0
    gold_runs: int = 0
    kept: int = 0
    key_words: int = 0

    def add(self, ws: Words, pred: np.ndarray, gold: np.ndarray) -> None:
        ok, n = run_ends_on_boundary(ws, pred)
        gok, gn = run_ends_on_boundary(ws, gold)
        key = np.array([w in NEGATIONS or is_number(w) for w in ws.lower], dtype=bool) & gold
        self.runs_ok, self.runs = self.runs_ok + ok, self.runs + n
        self.gold_runs_ok, self.gold_runs = self.gold_runs_ok + gok, self.gold_runs + gn
        self.kept, self.key_words = self.kept + int((key & pred).sum()), self.key_words + int(key.sum())

    @property
    def on_boundary(self) -> float:
        return self.runs_ok / max(1, self.runs)

    @property
    def gold_on_boundary(self) -> float:
        return self.gold_runs_ok / max(1, self.gold_runs)

    @property
    def kept_share(self) -> float:
        return self.kept / max(1, self.key_words)
