"""Turn an alignment into the differences a debater must answer for, each with its kind and place.

Kinds: ``added``, ``deleted``, ``changed``, ``number_changed``, ``reordered`` (words or a sentence
moved), ``ellipsis`` (an omission the card marks with "…"), ``bracket`` (a bracketed insertion or
substitution) and ``junk`` (copy debris in the card: footnotes, download stamps, page numbers).
Debris in the source that the card leaves out is not a difference at all.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict, deque
from dataclasses import dataclass

from cardsmith.verify.align import Op
from cardsmith.verify.junk import is_debris, is_marker, stamp_spans
from cardsmith.verify.normalize import Token
from cardsmith.verify.spans import Spans

#: Kinds that alter the evidence (everything but ``junk``).
ALTERING = ("added", "deleted", "changed", "number_changed", "reordered", "ellipsis", "bracket")
_ELLIPSIS = re.compile(r"…|\.\s?\.\s?\.")
_BRACKET = re.compile(r"\[[^\[\]]*\]")
#: Shortest moved stretch (in words) matched by content similarity rather than identity.
_MOVE_MIN_WORDS = 4
_MOVE_MIN_SIMILARITY = 0.8
#: Added x deleted stretches compared for moves (far beyond any real card's edits).
_MOVE_PAIRS_MAX = 1_000_000


@dataclass
class Difference:
    """One real difference. ``card_*`` are char offsets into the card body, ``source_*`` into the
    source document's text; an empty side has start == end at the place it would be."""

    kind: str
    card_text: str
    source_text: str
    card_start: int
    card_end: int
    source_start: int
    source_end: int
    #: Words on each side, used to pair moved stretches; not part of the report.
    words: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())


@dataclass(frozen=True)
class Side:
    """One text of the comparison and its words."""

    text: str
    tokens: list[Token]

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Char span of tokens ``[a, b)``; an empty range is the point just after token ``a - 1``."""
        if a < b:
            return self.tokens[a].start, self.tokens[b - 1].end
        point = self.tokens[a - 1].end if a > 0 else (self.tokens[0].start if self.tokens else 0)
        return point, point

    def gap(self, a: int) -> str:
        """The text between token ``a - 1`` and token ``a``."""
        start = self.tokens[a - 1].end if a > 0 else 0
        end = self.tokens[a].start if a < len(self.tokens) else len(self.text)
        return self.text[start:end]


def _difference(kind: str, card: Side, source: Side, op: Op) -> Difference:
    cs, ce = card.span(op.c0, op.c1)
    ss, se = source.span(op.s0, op.s1)
    return Difference(
        kind,
        card.text[cs:ce],
        source.text[ss:se],
        cs,
        ce,
        ss,
        se,
        (
            tuple(t.norm for t in card.tokens[op.c0 : op.c1]),
            tuple(t.norm for t in source.tokens[op.s0 : op.s1]),
        ),
    )


def _last_before(positions: list[int], pos: int) -> int:
    """The last of the sorted ``positions`` before ``pos`` (-1 when none is): ``str.rfind`` by bisection."""
    i = bisect.bisect_left(positions, pos)
    return positions[i - 1] if i else -1


class _Classifier:
    """Classifies the ops of one alignment; holds the per-text lookups the rules share."""

    def __init__(self, card: Side, source: Side, source_debris: list[tuple[int, int]]) -> None:
        self.card = card
        self.source = source
        self.debris = Spans(source_debris)
        # Brackets never nest (the pattern excludes them), so both ends are sorted: bisect, not scan.
        self.brackets = [m.span() for m in _BRACKET.finditer(card.text)]
        self.bracket_ends = [e for _, e in self.brackets]
        self.bracket_starts = [s for s, _ in self.brackets]
        self.source_opens = [m.start() for m in re.finditer(r"\[", source.text)] if self.brackets else []
        self.source_closes = [m.start() for m in re.finditer(r"\]", source.text)] if self.brackets else []

    def in_source_debris(self, index: int) -> bool:
        return self.source.tokens[index].start in self.debris

    def bracket_around(self, op: Op) -> tuple[int, int] | None:
        """The card's bracket span(s) around the op's card words, if they are all bracketed and the
        source has no bracket there (the author's own brackets are not the cutter's insertion)."""
        start, end = self.card.span(op.c0, op.c1)
        first = bisect.bisect_right(self.bracket_ends, start)
        inside = self.brackets[first : bisect.bisect_left(self.bracket_starts, end, lo=first)]
        if not inside or inside[0][0] > start or inside[-1][1] < end:
            return None
        text = self.source.text
        ss, se = self.source.span(op.s0, op.s1)
        opened = _last_before(self.source_opens, ss) > _last_before(self.source_closes, ss)
        if "[" in text[ss:se] or "]" in text[ss:se] or opened:
            return None
        return inside[0][0], inside[-1][1]

    def op(self, op: Op) -> list[Difference]:
        if op.tag == "equal":
            return self._equal(op)
        if op.tag == "source_only":
            return self._delete(op)
        return self._insert_or_replace(op)

    def _equal(self, op: Op) -> list[Difference]:
        """Matched words that are footnotes in the source are debris the card copied along."""
        out: list[Difference] = []
        run: int | None = None
        for k in range(op.c1 - op.c0 + 1):
            junk = k < op.c1 - op.c0 and self.in_source_debris(op.s0 + k)
            if junk and run is None:
                run = k
            elif not junk and run is not None:
                sub = Op("equal", op.c0 + run, op.c0 + k, op.s0 + run, op.s0 + k)
                out.append(_difference("junk", self.card, self.source, sub))
                run = None
        return out

    def _source_is_debris(self, op: Op) -> bool:
        ss, se = self.source.span(op.s0, op.s1)
        text = self.source.text
        if all(self.in_source_debris(i) for i in range(op.s0, op.s1)):
            return True
        return is_debris(text[ss:se]) or is_marker(text, ss, se)

    def _delete(self, op: Op) -> list[Difference]:
        if self._source_is_debris(op):
            return []
        kind = "ellipsis" if _ELLIPSIS.search(self.card.gap(op.c0)) else "deleted"
        return [_difference(kind, self.card, self.source, op)]

    def _insert_or_replace(self, op: Op) -> list[Difference]:
        cs, ce = self.card.span(op.c0, op.c1)
        text = self.card.text[cs:ce]
        bracket = self.bracket_around(op)
        if bracket:
            diff = _difference("bracket", self.card, self.source, op)
            diff.card_start, diff.card_end = bracket
            diff.card_text = self.card.text[bracket[0] : bracket[1]]
            return [diff]
        if op.tag == "replace" and all(self.in_source_debris(i) for i in range(op.s0, op.s1)):
            return [_difference("junk", self.card, self.source, op)]
        if op.tag == "replace" and self._source_is_debris(op):
            return self._insert_or_replace(Op("card_only", op.c0, op.c1, op.s0, op.s0))
        if is_debris(text):
            out = [_difference("junk", self.card, self.source, Op("card_only", op.c0, op.c1, op.s0, op.s0))]
            if op.tag == "replace":
                lost = Op("source_only", op.c1, op.c1, op.s0, op.s1)
                out.append(_difference("deleted", self.card, self.source, lost))
            return out
        stamps = stamp_spans(text)
        if stamps and op.tag == "card_only":
            return self._split_stamps(op, [(cs + s, cs + e) for s, e in stamps])
        if op.tag == "card_only":
            return [_difference("added", self.card, self.source, op)]
        return [_difference(self._replace_kind(op, text), self.card, self.source, op)]

    def _replace_kind(self, op: Op, text: str) -> str:
        card_words = [t.norm for t in self.card.tokens[op.c0 : op.c1]]
        source_words = [t.norm for t in self.source.tokens[op.s0 : op.s1]]
        if _ELLIPSIS.search(text):
            return "ellipsis"
        card_numbers = [w for w in card_words if any(c.isdigit() for c in w)]
        source_numbers = [w for w in source_words if any(c.isdigit() for c in w)]
        if (card_numbers or source_numbers) and card_numbers != source_numbers:
            return "number_changed"
        if len(card_words) > 1 and sorted(card_words) == sorted(source_words):
            return "reordered"
        return "changed"

    def _split_stamps(self, op: Op, stamps: list[tuple[int, int]]) -> list[Difference]:
        """An inserted stretch holding a stamp and real words: report each part on its own."""
        out: list[Difference] = []
        run_start: int | None = None
        run_junk = False
        stamped = Spans(stamps)
        for k in range(op.c0, op.c1 + 1):
            junk = k < op.c1 and self.card.tokens[k].start in stamped
            if run_start is not None and (k == op.c1 or junk != run_junk):
                kind = "junk" if run_junk else "added"
                part = Op("card_only", run_start, k, op.s0, op.s0)
                out.append(_difference(kind, self.card, self.source, part))
                run_start = None
            if run_start is None and k < op.c1:
                run_start, run_junk = k, junk
        return out


def _similar(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if a == b:
        return bool(a)
    if min(len(a), len(b)) < _MOVE_MIN_WORDS:
        return False
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) >= _MOVE_MIN_SIMILARITY


def _pair_moves(diffs: list[Difference]) -> list[Difference]:
    """An added stretch that matches a deleted one elsewhere is one moved stretch: ``reordered``.

    Each added stretch takes the first unused deleted one like it. Beyond :data:`_MOVE_PAIRS_MAX`
    comparisons (a crafted card, thousands of edits) only identical stretches pair, by lookup.
    """
    added = [d for d in diffs if d.kind == "added"]
    deleted = [j for j, d in enumerate(diffs) if d.kind == "deleted"]
    identical: dict[tuple[str, ...], deque[int]] | None = None
    if len(added) * len(deleted) > _MOVE_PAIRS_MAX:
        identical = defaultdict(deque)
        for j in deleted:
            identical[diffs[j].words[1]].append(j)
    used: set[int] = set()
    for stretch in added:
        if identical is None:
            like = (j for j in deleted if j not in used and _similar(stretch.words[0], diffs[j].words[1]))
            match = next(like, None)
        else:
            same = identical[stretch.words[0]]
            match = same.popleft() if stretch.words[0] and same else None
        if match is not None:
            used.add(match)
            stretch.kind = "reordered"
            stretch.source_text = diffs[match].source_text
            stretch.source_start, stretch.source_end = diffs[match].source_start, diffs[match].source_end
    return [d for j, d in enumerate(diffs) if j not in used]


def _lone_numbers_to_junk(diffs: list[Difference]) -> None:
    """A number alone in the card that matches nothing is a page number or footnote marker.

    Decided after moves are paired, so a number that merely moved ("minutes 10") stays a move.
    """
    for d in diffs:
        if d.kind == "added" and len(d.words[0]) == 1 and d.words[0][0].isdigit() and len(d.words[0][0]) <= 4:
            d.kind = "junk"


def _merge_junk(diffs: list[Difference], card_text: str) -> list[Difference]:
    """Junk pieces separated only by punctuation/space are one stretch of debris."""
    out: list[Difference] = []
    for d in diffs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and d.kind == prev.kind == "junk"
            and not any(c.isalnum() for c in card_text[prev.card_end : d.card_start])
        ):
            prev.card_end = d.card_end
            prev.card_text = card_text[prev.card_start : prev.card_end]
            if d.source_end > d.source_start:
                if prev.source_end == prev.source_start:
                    prev.source_start = d.source_start
                prev.source_end = d.source_end
            continue
        out.append(d)
    return out


def classify(ops: list[Op], card: Side, source: Side, source_debris: list[tuple[int, int]]) -> list[Difference]:
    """Every real difference of an alignment, in card order."""
    rules = _Classifier(card, source, source_debris)
    diffs = [d for op in ops for d in rules.op(op)]
    diffs = _pair_moves(diffs)
    _lone_numbers_to_junk(diffs)
    merged = _merge_junk(diffs, card.text)
    for d in merged:
        if d.kind == "junk" and d.source_end > d.source_start:
            d.source_text = source.text[d.source_start : d.source_end]
    return merged
