"""Long inputs: a card of tens of thousands of words is aligned exactly, without quadratic work.

difflib's matcher works in proportion to the product of the lengths it is given, so the check is on
what it is given: never more than :data:`DIRECT_MAX`, whatever the input (speed figures are in
``benchmarks/verify_speed.py``, not here).
"""

from __future__ import annotations

import random
from difflib import SequenceMatcher

import pytest

from cardsmith.model import Card, Cite
from cardsmith.verify import diff as diff_module
from cardsmith.verify import verify
from cardsmith.verify.diff import DIRECT_MAX, Opcode, opcodes
from tests.verify.helpers import document


@pytest.fixture
def bounded_matcher(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Fails any difflib matcher given more than :data:`DIRECT_MAX`; the products it was given."""
    given: list[int] = []
    set_seqs = SequenceMatcher.set_seqs

    def bounded(self: SequenceMatcher, a: list, b: list) -> None:
        assert len(a) * len(b) <= DIRECT_MAX, f"difflib given {len(a):,} x {len(b):,} words"
        given.append(len(a) * len(b))
        set_seqs(self, a, b)

    monkeypatch.setattr(SequenceMatcher, "set_seqs", bounded)
    return given


def _article(count: int, seed: int = 5) -> list[str]:
    """Invented words, a sentence every 13."""
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ren", "tu", "vos", "pe", "dar", "shi", "nol"]
    vocabulary = ["".join(rng.choices(syllables, k=4)) for _ in range(4000)]
    return [w + "." if i % 13 == 12 else w for i, w in enumerate(rng.choices(vocabulary, k=count))]


def _tiles(ops: list[Opcode], a: list[int], b: list[int]) -> bool:
    """Whether ``ops`` cover both sequences in order and their equal steps really are equal."""
    i = j = 0
    for tag, i1, i2, j1, j2 in ops:
        if (i1, j1) != (i, j) or (tag == "equal" and a[i1:i2] != b[j1:j2]):
            return False
        i, j = i2, j2
    return (i, j) == (len(a), len(b))


def test_edits_in_a_30000_word_card_are_found_word_for_word(bounded_matcher: list[int]) -> None:
    words = _article(30_000)
    words[25_000] = "48"
    card = list(words)
    card[25_000] = "84"
    card.insert(20_000, "allegedly")
    card[12_000] = "purple"
    del card[5_000]
    result = verify(Card("tag", Cite(), " ".join(card)), [document(" ".join(words))])
    assert result.verdict == "altered"
    found = [(d.kind, d.card_text, d.source_text) for d in result.differences]
    assert found == [
        ("deleted", "", words[5_000]),
        ("changed", "purple", words[12_000]),
        ("added", "allegedly", ""),
        ("number_changed", "84", "48"),
    ]
    assert (result.source.start, result.source.end) == (0, len(" ".join(words)))
    assert bounded_matcher


@pytest.mark.parametrize("seed", range(5))
def test_anchored_opcodes_are_difflibs_on_sparse_edits(monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    """Forced onto the anchored path, a lightly edited sequence aligns exactly as difflib aligns it."""
    monkeypatch.setattr(diff_module, "DIRECT_MAX", 400)
    rng = random.Random(seed)
    a = rng.choices(range(500), k=2000)
    b = list(a)
    for _ in range(12):
        at = rng.randrange(len(b))
        choice = rng.randrange(3)
        if choice == 0:
            del b[at]
        elif choice == 1:
            b.insert(at, rng.randrange(500, 600))
        else:
            b[at] = rng.randrange(500, 600)
    assert opcodes(a, b) == SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


def test_text_without_anchors_still_aligns_within_bounds(bounded_matcher: list[int]) -> None:
    """Three words repeated: no n-gram is unique, so long stretches become one replacement."""
    rng = random.Random(1)
    a = rng.choices(range(3), k=40_000)
    b = a[:1000] + rng.choices(range(3), k=38_000) + a[-1000:]
    ops = opcodes(a, b)
    assert _tiles(ops, a, b)
    assert [tag for tag, *_ in ops] == ["equal", "replace", "equal"]
    assert ops[0][2] >= 1000 and ops[2][2] - ops[2][1] >= 1000
