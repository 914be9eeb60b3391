"""Shipped weights: hash-checked before use; a tampered file is refused; real cards mark cleanly."""

from __future__ import annotations

import hashlib
from importlib import resources

import pytest

from cardsmith.errors import CardsmithError
from cardsmith.marking import mark
from cardsmith.marking.corpus import debatesum
from cardsmith.marking.learned import WEIGHTS, load_learned
from tests.conftest import SHARED, needs_shared

MODELS = resources.files("cardsmith") / "models"


@pytest.mark.skipif(not (MODELS / WEIGHTS).is_file(), reason="no trained marker shipped")
def test_shipped_weights_match_their_hash() -> None:
    expected = (MODELS / f"{WEIGHTS}.sha256").read_text().split()[0]
    assert hashlib.sha256((MODELS / WEIGHTS).read_bytes()).hexdigest() == expected


@needs_shared
def test_real_cards_mark_cleanly() -> None:
    for i, ex in enumerate(debatesum(SHARED / "data" / "debatesum" / "dev-DebateSum.jsonl.gz")):
        if i == 5:
            break
        marks = mark(ex.tag, ex.body)
        assert all(0 <= s < e <= len(ex.body) for s, e in marks.underline + marks.highlight)
        assert all(any(s <= hs and he <= e for s, e in marks.underline) for hs, he in marks.highlight)


def test_tampered_weights_are_refused(tmp_path) -> None:
    (tmp_path / WEIGHTS).write_bytes(b"not the trained weights")
    (tmp_path / f"{WEIGHTS}.sha256").write_text("0" * 64 + f"  {WEIGHTS}\n")
    with pytest.raises(CardsmithError, match="sha256"):
        load_learned(tmp_path)


def test_missing_weights_mean_no_learned_model(tmp_path) -> None:
    assert load_learned(tmp_path) is None
