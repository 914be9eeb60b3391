"""Where a highlighted run may start and end so that it still reads aloud: lexical phrase boundaries.

What is read aloud is the run itself, so what matters is how it begins and ends, not what it skips
(debaters drop articles: "the [economy collapses]" reads well). A run must not end on a word that
announces more ("the", "of", "not", "will") or just before a word that finishes the phrase ("drive
them | apart", "40 | percent"), and must not start on such a finishing word ("apart", "them").
Without a parser (spaCy's English weights are not on PyPI from its makers, and loading one costs
more than the whole marking budget), closed word classes decide. The cuts that break the sense
(after a negation, before a particle, object pronoun or a number's unit) are :func:`never` made.
"""

from __future__ import annotations

import numpy as np

from cardsmith.marking.text import Words, is_number

DETERMINERS = frozenset("a an the this that these those its their our his her my your some any each every".split())
PREPOSITIONS = frozenset(
    """of in on to for with by from at into onto about between through against over under without within
    among amid toward towards across after before during since until via than as per like upon""".split()
)
CONJUNCTIONS = frozenset("and or but nor yet so because while although though if unless whether".split())
AUXILIARIES = frozenset(
    """will would can could should may might must shall is are was were be been being am has have had do
    does did""".split()
)
NEGATIONS = frozenset("not no never nor without cannot can't won't don't doesn't isn't aren't wasn't".split())
INTENSIFIERS = frozenset("more most less least very too quite rather much far".split())
#: Words that finish the verb or number before them.
PARTICLES = frozenset("up out off apart down away back together aside forward".split())
OBJECTS = frozenset("them it us him me themselves itself himself herself ourselves".split())
UNITS = frozenset("percent % million billion trillion thousand hundred times years degrees".split())

#: Words a run cannot end on (the phrase goes on).
NO_END = DETERMINERS | PREPOSITIONS | CONJUNCTIONS | AUXILIARIES | NEGATIONS | INTENSIFIERS | {"who", "which"}


def _finishes(ws: Words, i: int) -> bool:
    """Word i finishes the phrase of the word before it (a particle, an object, a number's unit)."""
    w = ws.lower[i]
    return i > 0 and not ws.breaks_after[i - 1] and (
        w in PARTICLES or w in OBJECTS or (w in UNITS and is_number(ws.lower[i - 1]))
    )  # fmt: skip


def edges(ws: Words) -> tuple[np.ndarray, np.ndarray]:
    """(may_start, may_end): whether a run may start at word i, and end at word i, and still read."""
    n = len(ws)
    finishes = np.array([_finishes(ws, i) for i in range(n)], dtype=bool)
    may_start = ~finishes
    may_end = np.array([w not in NO_END for w in ws.lower], dtype=bool)
    may_end[:-1] &= ~finishes[1:]
    return may_start, may_end


def never(ws: Words) -> tuple[np.ndarray, np.ndarray]:
    """(never_start, never_end): cuts that break the sense ("not | translate", "them | apart")."""
    n = len(ws)
    finishes = np.array([_finishes(ws, i) for i in range(n)], dtype=bool)
    never_end = np.array([w in NEGATIONS for w in ws.lower], dtype=bool)
    never_end[:-1] |= finishes[1:]
    return finishes, never_end


def run_ends_on_boundary(ws: Words, mask: np.ndarray) -> tuple[int, int]:
    """(runs that start and end where they may, runs) of the marked words in ``mask``."""
    may_start, may_end = edges(ws)
    m = np.asarray(mask, dtype=bool)
    starts = np.flatnonzero(m & ~np.r_[False, m[:-1]])
    ends = np.flatnonzero(m & ~np.r_[m[1:], False])
    return int((may_start[starts] & may_end[ends]).sum()), len(starts)
