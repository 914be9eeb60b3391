"""Word-by-word alignment of a card against a region of its source.

difflib's matcher on interned word ids is exact and fast once :mod:`locate` has narrowed the source to
the card's neighbourhood (a few ms for 1,000 words); :mod:`diff` anchors longer inputs first, so a
2 MB card still aligns in seconds. Two fix-ups make its output honest for evidence: stretches whose
letters agree once word breaks are ignored ("partners-for" vs "partnersfor", "eco- nomic" vs
"economic") are cosmetic, and the card's edges are re-aligned on their own (chance one-word matches
out in the region's margin would otherwise stretch the span), so source words beyond the card's ends
are not reported as omissions.
"""

from __future__ import annotations

from dataclasses import dataclass

from cardsmith.verify.diff import opcodes
from cardsmith.verify.normalize import Token


@dataclass(frozen=True)
class Op:
    """One alignment step over token ranges: card ``[c0, c1)`` against source ``[s0, s1)``.

    ``tag`` is ``equal``, ``card_only`` (words the card adds), ``source_only`` (words the card
    lacks) or ``replace``.
    """

    tag: str
    c0: int
    c1: int
    s0: int
    s1: int


#: difflib names steps from the card's side: its "delete" drops card words, so the card added them.
_TAGS = {"equal": "equal", "replace": "replace", "delete": "card_only", "insert": "source_only"}


def _joined(tokens: list[Token], a: int, b: int) -> str:
    return "".join(t.norm for t in tokens[a:b])


#: Equal runs at least this long anchor the alignment; shorter runs at the card's edges are chance.
ANCHOR = 3
#: Source words an edge of the card may skip (deleted words) and still be matched.
EDGE_SLACK = 5


def _diff(card: list[Token], source: list[Token], c0: int, c1: int, s0: int, s1: int) -> list[Op]:
    ids: dict[str, int] = {}
    a = [ids.setdefault(t.norm, len(ids)) for t in card[c0:c1]]
    b = [ids.setdefault(t.norm, len(ids)) for t in source[s0:s1]]
    return [Op(_TAGS[tag], i1 + c0, i2 + c0, j1 + s0, j2 + s0) for tag, i1, i2, j1, j2 in opcodes(a, b)]


def align(card: list[Token], source: list[Token], lo: int = 0, hi: int | None = None) -> list[Op]:
    """Align ``card`` with ``source[lo:hi]``; source indices in the result are absolute."""
    hi = len(source) if hi is None else hi
    ops = _diff(card, source, 0, len(card), lo, hi)
    anchors = [o for o in ops if o.tag == "equal" and o.c1 - o.c0 >= min(ANCHOR, len(card))]
    if not anchors:
        return ops
    first, last = ops.index(anchors[0]), ops.index(anchors[-1])
    head = _edge(card, source, 0, anchors[0].c0, max(lo, anchors[0].s0 - anchors[0].c0 - EDGE_SLACK), anchors[0].s0)
    tail = _edge(
        card,
        source,
        anchors[-1].c1,
        len(card),
        anchors[-1].s1,
        min(hi, anchors[-1].s1 + len(card) - anchors[-1].c1 + EDGE_SLACK),
    )
    ops = head + ops[first : last + 1] + tail
    return _merge_equal(
        [
            Op("equal", o.c0, o.c1, o.s0, o.s1)
            if o.tag == "replace" and _joined(card, o.c0, o.c1) == _joined(source, o.s0, o.s1)
            else o
            for o in ops
        ]
    )


def _edge(card: list[Token], source: list[Token], c0: int, c1: int, s0: int, s1: int) -> list[Op]:
    """Align a card edge (before the first anchor or after the last) with the source next to it.

    Source words beyond the card's ends are not omissions, so outer ``source_only`` steps go. An
    edge that mostly fails to match was not cut from here (debris, or a sentence moved from
    elsewhere) and is all ``card_only``, except one or two changed words at the very end.
    """
    if c0 == c1:
        return []
    ops = _diff(card, source, c0, c1, s0, s1)
    at_start = c0 == 0
    while ops and ops[0 if at_start else -1].tag == "source_only":
        ops.pop(0 if at_start else -1)
    if 2 * sum(o.c1 - o.c0 for o in ops if o.tag == "equal") >= c1 - c0:
        return ops
    width = min(c1 - c0, s1 - s0)
    if c1 - c0 <= 2 and width:
        return [Op("replace", c0, c1, s1 - width, s1) if at_start else Op("replace", c0, c1, s0, s0 + width)]
    point = s1 if at_start else s0
    return [Op("card_only", c0, c1, point, point)]


def _merge_equal(ops: list[Op]) -> list[Op]:
    out: list[Op] = []
    for o in ops:
        if out and o.tag == "equal" and out[-1].tag == "equal":
            prev = out.pop()
            o = Op("equal", prev.c0, o.c1, prev.s0, o.s1)
        out.append(o)
    return out
