"""Marks from precedent: when the library already holds a card cut from the same passage, its
underline, emphasis and highlight mapped onto a new card's text.

Debaters re-cut the same articles all the time, and where two teams' cards share text their
highlights agree far more than any marker does with either (word F1 .56 on the shared words of real
cards). So a card that overlaps a stored card offers that card's marks, word by word where the words
are equal, and says whose card they came from.

Candidates come from the library's lexical index (the body's longest words, a cheap stand-in for the
rarest); the few sharing the most word 3-grams with the new text are aligned to it with verify's
word alignment, and the one covering the most words wins (``benchmarks/precedent.py`` measures it
on real cards that share text). Only equal runs of :data:`MIN_RUN` words count (a lone "the"
matched across unrelated text would otherwise carry a mark), with short runs kept where they sit
between long ones a word or two apart (a changed word in a shared sentence).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from cardsmith.model import Card, Marks, Span
from cardsmith.verify.align import Op, align
from cardsmith.verify.diff import opcodes
from cardsmith.verify.normalize import Token, tokenize

if TYPE_CHECKING:
    from cardsmith.library import Library

#: A precedent must cover at least this many of the new text's words...
MIN_WORDS = 30
#: ...and at least this share of them (a shared quotation is no precedent for a whole card).
MIN_SHARE = 0.1
#: Equal runs shorter than this are chance unless they sit between long runs (see :func:`shared_ops`).
MIN_RUN = 3
#: Non-equal words allowed on each side of a short run kept between long ones.
MAX_GAP = 4
#: New words (added or changed) between two shared words that still count as inside the shared stretch.
MAX_INSERT = 2
#: Words of the body sent to the lexical index, and library cards aligned.
QUERY_TERMS = 24
CANDIDATES = 8
#: Candidates aligned (those sharing the most word 3-grams with the new text).
ALIGNED = 3
_KINDS = ("underline", "emphasis", "highlight")


@dataclass
class Precedent:
    """A stored card's marks mapped onto new text.

    ``marks`` are spans into the new text for the kinds in ``kinds`` (those the stored card marks at
    all); ``covered`` are the stretches of the new text the stored card shares, where its marks
    replace a model's; ``words`` and ``share`` are how many of the new text's words they hold and
    what share. ``cutter`` is the file the stored card was imported from: who cut it, as far as the
    library knows.
    """

    card_id: str | None
    cite: str
    tag: str
    cutter: str | None
    marks: Marks
    covered: list[Span]
    words: int
    share: float
    kinds: tuple[str, ...] = field(default=_KINDS)

    def to_json(self) -> dict[str, object]:
        """The ``"precedent"`` object of ``mark`` and ``cut`` JSON."""
        return {"card": self.card_id, "cite": self.cite, "tag": self.tag, "cutter": self.cutter,
                "covered": round(self.share, 2)}  # fmt: skip

    def note(self) -> str:
        """One line for people: whose marks these are and how much of the text they cover."""
        card = f"card {self.card_id}" + (f", from {self.cutter}" if self.cutter else "")
        return f"marks from precedent: {self.cite or self.tag or 'a library card'} ({card}), {self.share:.0%} of words"


def shared_ops(ops: list[Op]) -> list[Op]:
    """The equal steps that show shared text: runs of :data:`MIN_RUN` words, and shorter ones with a
    long run at most :data:`MAX_GAP` words away on both sides."""
    equal = [o for o in ops if o.tag == "equal"]
    long = [o.c1 - o.c0 >= MIN_RUN for o in equal]
    kept = []
    for i, o in enumerate(equal):
        if long[i]:
            kept.append(o)
            continue
        before = next((p for p in reversed(equal[:i]) if p.c1 - p.c0 >= MIN_RUN), None)
        after = next((p for p in equal[i + 1 :] if p.c1 - p.c0 >= MIN_RUN), None)
        if before and after and o.c0 - before.c1 <= MAX_GAP and after.c0 - o.c1 <= MAX_GAP:
            kept.append(o)
    return kept


def _coverage(length: int, spans: list[Span]) -> np.ndarray:
    """Which characters of a text of ``length`` the spans cover."""
    cover = np.zeros(length + 1, dtype=np.int32)
    for s, e in spans:
        cover[max(0, min(s, length))] += 1
        cover[max(0, min(e, length))] -= 1
    return np.cumsum(cover)[:length] > 0


def _spans(mask: np.ndarray) -> list[Span]:
    """Runs of true characters as spans."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], mask.astype(np.int8), [0]))))
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def _pairs(ops: list[Op], new: list[Token], old: list[Token]) -> list[tuple[int, int]]:
    """(new word, stored word) index pairs of the equal steps, in order. A step that is equal only
    once word breaks are ignored ("partners-for" against "partnersfor") pairs its identical words."""
    out = []
    for o in ops:
        if o.c1 - o.c0 == o.s1 - o.s0:
            out.extend((o.c0 + k, o.s0 + k) for k in range(o.c1 - o.c0))
            continue
        ids: dict[str, int] = {}
        a = [ids.setdefault(t.norm, len(ids)) for t in new[o.c0 : o.c1]]
        b = [ids.setdefault(t.norm, len(ids)) for t in old[o.s0 : o.s1]]
        for tag, i1, i2, j1, _j2 in opcodes(a, b):
            if tag == "equal":
                out.extend((o.c0 + i1 + k, o.s0 + j1 + k) for k in range(i2 - i1))
    return out


@dataclass
class _Pairs:
    """Equal word pairs as arrays of character offsets: the new word ``[ns, ne)``, its stored partner
    ``[os, oe)``; ``bridged`` when the next paired new word follows within :data:`MAX_INSERT` words,
    ``next_ns``/``next_os`` where the next pair's words start."""

    ns: np.ndarray
    ne: np.ndarray
    os: np.ndarray
    oe: np.ndarray
    bridged: np.ndarray
    next_ns: np.ndarray
    next_os: np.ndarray

    @classmethod
    def of(cls, pairs: list[tuple[int, int]], new: list[Token], old: list[Token]) -> _Pairs:
        i = np.fromiter((p[0] for p in pairs), dtype=np.int64, count=len(pairs))
        j = np.fromiter((p[1] for p in pairs), dtype=np.int64, count=len(pairs))
        ns, ne = (np.fromiter((getattr(new[k], f) for k in i), dtype=np.int64, count=len(i)) for f in ("start", "end"))
        os, oe = (np.fromiter((getattr(old[k], f) for k in j), dtype=np.int64, count=len(j)) for f in ("start", "end"))
        bridged = np.append(np.diff(i) <= 1 + MAX_INSERT, False)
        return cls(ns, ne, os, oe, bridged, np.append(ns[1:], 0), np.append(os[1:], 0))

    def covered(self, size: int) -> np.ndarray:
        """The new text's characters inside the shared stretches."""
        out = np.zeros(size, dtype=bool)
        out[_ranges(self.ns, self.ne)] = True
        out[_ranges(self.ne[self.bridged], self.next_ns[self.bridged])] = True
        return out

    def carry(self, mask: np.ndarray, size: int) -> np.ndarray:
        """A character mask over the stored text carried onto the new text: a word keeps its marked
        letters when both spellings have the same length (a clipped "gov" of "government"), else it
        is marked when most of it was; the gap after a word is marked when the pair is bridged and
        the stored text up to the next partner was marked through (a word dropped, added or changed
        inside a marked run leaves the run whole)."""
        out = np.zeros(size, dtype=bool)
        marked = np.concatenate(([0], np.cumsum(mask)))
        same = self.ne - self.ns == self.oe - self.os
        out[_ranges(self.ns[same], self.ne[same])] = mask[_ranges(self.os[same], self.oe[same])]
        most = ~same & (2 * (marked[self.oe] - marked[self.os]) > self.oe - self.os)
        out[_ranges(self.ns[most], self.ne[most])] = True
        through = self.bridged & (marked[self.next_os] - marked[self.oe] == self.next_os - self.oe)
        out[_ranges(self.ne[through], self.next_ns[through])] = True
        return out


def _ranges(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Every index of the ranges ``[starts[k], ends[k])``, concatenated."""
    lengths = np.maximum(ends - starts, 0)
    return np.arange(lengths.sum()) + np.repeat(starts - np.cumsum(lengths) + lengths, lengths)


def _grams(tokens: list[Token]) -> set[tuple[str, str, str]]:
    """The text's word 3-grams."""
    norms = [t.norm for t in tokens]
    return set(zip(norms, norms[1:], norms[2:], strict=False))


def map_marks(text: str, card: Card) -> Precedent | None:
    """``card``'s marks mapped onto ``text`` where their words are equal, or None when they share
    fewer than :data:`MIN_WORDS` words or :data:`MIN_SHARE` of ``text``'s words."""
    new, old = tokenize(text), tokenize(card.body)
    if len(_grams(new) & _grams(old)) < MIN_WORDS // 3:
        return None
    return _mapped(text, new, card, old)


def _mapped(text: str, new: list[Token], card: Card, old: list[Token]) -> Precedent | None:
    """:func:`map_marks` once both texts are tokenized and worth aligning."""
    if not new or not old:
        return None
    pairs = _pairs(shared_ops(align(new, old)), new, old)
    if len(pairs) < MIN_WORDS or len(pairs) < MIN_SHARE * len(new):
        return None
    kinds = tuple(k for k in _KINDS if getattr(card.marks, k))
    paired = _Pairs.of(pairs, new, old)
    mapped = {k: _spans(paired.carry(_coverage(len(card.body), getattr(card.marks, k)), len(text))) for k in kinds}
    return Precedent(
        card.id, card.cite.short, card.tag, None, Marks(**mapped), _spans(paired.covered(len(text))), len(pairs),
        len(pairs) / len(new), kinds,
    )  # fmt: skip


def apply(marks: Marks, precedent: Precedent | None, length: int) -> Marks:
    """``marks`` (a model's, over a text of ``length``) with the precedent's marks on the words it
    covers, for each kind the precedent card marks; the model's everywhere else."""
    if precedent is None:
        return marks
    covered = _coverage(length, precedent.covered)
    out = {}
    for kind in _KINDS:
        own = _coverage(length, getattr(marks, kind))
        if kind in precedent.kinds:
            own = np.where(covered, _coverage(length, getattr(precedent.marks, kind)), own)
        out[kind] = _spans(own)
    return Marks(**out)


def query_terms(text: str, tag: str = "") -> list[str]:
    """The body's longest distinct words (long words are rare words), plus the tag's."""
    words = {t.norm for t in tokenize(text) if t.norm.isalpha() and len(t.norm) > 3}
    ranked = sorted(words, key=lambda w: (-len(w), w))[:QUERY_TERMS]
    return ranked + [t.norm for t in tokenize(tag) if len(t.norm) > 5 and t.norm not in words][:4]


def find_precedent(library: Library, text: str, tag: str = "") -> Precedent | None:
    """The library card whose marks cover most of ``text`` (see :func:`map_marks`), or None."""
    from cardsmith.library.store import Filters

    new = tokenize(text)
    found = library.store.lexical(query_terms(text, tag), Filters(kind="card"), CANDIDATES * 2)
    keys = sorted(found, key=lambda key: -found[key][-1])[:CANDIDATES]
    grams = _grams(new)
    shared = []
    for item in library.store.items(keys).values():
        if item.card is not None:
            old = tokenize(item.card.body)
            shared.append((len(grams & _grams(old)), item.card, old))
    best: Precedent | None = None
    # Aligning is the costly step: only the few candidates sharing the most 3-grams are aligned.
    for count, card, old in sorted(shared, key=lambda s: -s[0])[:ALIGNED]:
        mapped = _mapped(text, new, card, old) if count >= MIN_WORDS // 3 else None
        if mapped is not None and (best is None or mapped.words > best.words):
            best = mapped
    if best is not None and best.card_id:
        origins = library.origins(best.card_id)
        best.cutter = Path(origins[0]).name if origins else None
    return best


def with_precedent(library: Library, tag: str, body: str, marks: Marks) -> tuple[Marks, Precedent | None]:
    """``marks`` (a model's for ``body``) with the best precedent's on the words it covers, and that
    precedent (None: the library has none)."""
    found = find_precedent(library, body, tag)
    return apply(marks, found, len(body)), found
