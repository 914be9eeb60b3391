"""Turn per-word scores into whole phrases: a two-state Viterbi pass with a cost per on/off switch.

Thresholding each word alone gives scattered words; charging for every switch between marked and
unmarked (less at punctuation, where phrases naturally start and end) makes the marker keep or drop
whole phrases. A density target is met by shifting all scores by one bias found by bisection.
"""

from __future__ import annotations

import numpy as np

from cardsmith.marking.phrases import edges, never
from cardsmith.marking.text import Words


def viterbi(scores: np.ndarray, switch: np.ndarray) -> np.ndarray:
    """Best on/off labelling: maximise the sum of scores of marked words minus switch costs.

    ``switch[i]`` is the cost of changing state between word i and word i+1 (length n-1 or n); a
    2-column ``switch`` gives the cost of starting a run at word i+1 and of ending one after word i
    apart. A word with score ``-inf`` is never marked; an infinite cost is never paid.
    """
    n = len(scores)
    if n == 0:
        return np.zeros(0, dtype=bool)
    costs = np.asarray(switch, dtype=np.float64)
    start, end = (costs, costs) if costs.ndim == 1 else (costs[:, 0], costs[:, 1])
    # Plain Python floats: this loop runs dozens of times per card when a share is sought.
    z, up, down = scores.tolist(), start.tolist(), end.tolist()
    back_off = [False] * n
    back_on = [True] * n
    off, on = 0.0, z[0]
    for i in range(1, n):
        off_stay, on_stop = off, on - down[i - 1]
        on_go, on_stay = off - up[i - 1], on
        back_off[i] = from_on = on_stop > off_stay
        back_on[i] = stay = on_stay >= on_go
        off, on = (on_stop if from_on else off_stay), (on_stay if stay else on_go) + z[i]
    state = on > off
    out = np.zeros(n, dtype=bool)
    for i in range(n - 1, -1, -1):
        out[i] = state
        if i:
            state = back_on[i] if state else back_off[i]
    return out


def switch_costs(
    ws: Words, inside: float, at_break: float, at_phrase: float | None = None, *, strict: bool = False
) -> np.ndarray:
    """Costs of starting a run at word i+1 and ending one after word i (columns), per joint i: cheap
    at punctuation, ``at_phrase`` where the run still reads (:func:`cardsmith.marking.phrases.edges`;
    default ``inside``), ``inside`` where it would not; with ``strict``, a cut that breaks the sense
    ("not | translate", "them | apart") is never made."""
    phrase = inside if at_phrase is None else at_phrase
    may_start, may_end = edges(ws)
    brk = ws.breaks_after
    start = np.where(brk, at_break, np.where(np.r_[may_start[1:], True], phrase, inside))
    end = np.where(brk, at_break, np.where(may_end, phrase, inside))
    if strict:
        never_start, never_end = never(ws)
        start = np.where(np.r_[never_start[1:], False] & ~brk, np.inf, start)
        end = np.where(never_end & ~brk, np.inf, end)
    return np.stack([start, end], axis=1)


def decode(
    scores: np.ndarray, switch: np.ndarray, share: float | None, allowed: np.ndarray | None = None
) -> np.ndarray:
    """Phrases from ``scores``; with ``share`` set, the bias is tuned so that share of words is marked.

    ``allowed`` (a mask) restricts marking to those words, e.g. highlighting inside the underline.
    ``share`` is a fraction of all words (of allowed words when ``allowed`` is given).
    """
    scores = np.asarray(scores, dtype=np.float64)
    if allowed is not None:
        scores = np.where(allowed, scores, -np.inf)
    pool = len(scores) if allowed is None else int(allowed.sum())
    if share is None or pool == 0:
        return viterbi(scores, switch)
    if share <= 0:
        return np.zeros(len(scores), dtype=bool)
    if share >= 1:
        return np.isfinite(scores)
    target = share * pool
    # Break ties (e.g. chunks scored alike) in favour of earlier text, so every share is reachable.
    scores = scores - 1e-3 * np.arange(len(scores)) / len(scores)
    finite = scores[np.isfinite(scores)]
    # Beyond these shifts every allowed word is marked / none is, whatever the (finite) switch costs.
    costs = np.asarray(switch, dtype=np.float64)
    reach = 2 * float(costs[np.isfinite(costs)].max(initial=0.0)) + 1.0
    lo, hi = -float(finite.max()) - reach, -float(finite.min()) + reach
    best = viterbi(scores + hi, switch)
    for _ in range(30):
        if best.sum() - target < 1:
            break
        mid = (lo + hi) / 2
        mask = viterbi(scores + mid, switch)
        if mask.sum() < target:
            lo = mid
        else:
            hi, best = mid, mask
    return best
