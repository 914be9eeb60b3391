"""Where a highlighted run may start and end so that it still reads aloud: lexical phrase boundaries.

A run read aloud must not end on a word that announces more ("the", "of", "not", "will", "drive"
of "drive them apart" is caught by the next rule) nor start on one that finishes the word before
("apart", "them" after a verb, "percent" after a number). Without a parser (spaCy's weights are not
on PyPI from its makers, and loading one would cost more than the whole marking budget), these
closed word classes decide: a boundary falls at punctuation, or between two words when the first can
end a phrase and the second can start one. :func:`forbidden` marks the joints a run must never
cut: after a negation, before a particle or an object pronoun, between a number and its unit.
"""

from __future__ import annotations

import numpy as np

from cardsmith.marking.text import Words, is_number

DETERMINERS = frozenset("a an the this that these those its their our his her my your some any each every no".split())
PREPOSITIONS = frozenset(
    """of in on to for with by from at into onto about between through against over under without within
    among amid toward towards across after before during since until via than as per like upon""".split()
)
CONJUNCTIONS = frozenset("and or but nor yet so because while although though if unless whether".split())
AUXILIARIES = frozenset(
    """will would can could should may might must shall is are was were be been being am has have had do
    does did won't can't don't doesn't isn't aren't wasn't weren't cannot""".split()
)
NEGATIONS = frozenset("not no never nor without cannot can't won't don't doesn't isn't aren't wasn't".split())
INTENSIFIERS = frozenset("more most less least very too so quite rather much far".split())
#: Words that finish the verb or number before them: a run must not start on one.
PARTICLES = frozenset("up out off apart down away back over together aside forward".split())
OBJECTS = frozenset("them it us him me themselves itself himself herself ourselves".split())
UNITS = frozenset("percent % million billion trillion thousand hundred times years year degrees people".split())

#: Words after which a run cannot end (the phrase goes on).
NO_END = DETERMINERS | PREPOSITIONS | CONJUNCTIONS | AUXILIARIES | NEGATIONS | INTENSIFIERS | {"to", "who", "which"}
#: Words a run cannot start on (they finish the phrase before).
NO_START = PARTICLES | OBJECTS | {"'s", "’s"}


def boundaries(ws: Words) -> np.ndarray:
    """``out[i]``: a run may end after word i and start at word i+1 (length n; the last is True)."""
    n = len(ws)
    out = np.ones(n, dtype=bool)
    for i in range(n - 1):
        if ws.breaks_after[i]:
            continue
        out[i] = ws.lower[i] not in NO_END and ws.lower[i + 1] not in NO_START and not _unit(ws, i)
    return out


def forbidden(ws: Words) -> np.ndarray:
    """``out[i]``: cutting between word i and i+1 breaks the sense ("not | translate", "them | apart")."""
    n = len(ws)
    out = np.zeros(n, dtype=bool)
    for i in range(n - 1):
        if ws.breaks_after[i]:
            continue
        w, nxt = ws.lower[i], ws.lower[i + 1]
        out[i] = w in NEGATIONS or nxt in PARTICLES or nxt in OBJECTS or _unit(ws, i)
    return out


def _unit(ws: Words, i: int) -> bool:
    return is_number(ws.lower[i]) and ws.lower[i + 1] in UNITS


def run_ends_on_boundary(ws: Words, mask: np.ndarray) -> tuple[int, int]:
    """(runs whose start and end both fall on a boundary, runs) of the marked words in ``mask``."""
    ok = boundaries(ws)
    good = total = 0
    n = len(mask)
    i = 0
    while i < n:
        if not mask[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and mask[j + 1]:
            j += 1
        total += 1
        good += bool((i == 0 or ok[i - 1]) and ok[j])
        i = j + 1
    return good, total
