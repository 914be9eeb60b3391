"""The seed card (cut from a JSTOR PDF) against the four seed articles: only its PDF debris differs."""

from __future__ import annotations

from cardsmith.sources import read_document
from cardsmith.verify import verify
from cardsmith.verify.cards import load_card
from tests.conftest import SHARED, needs_shared


@needs_shared
def test_seed_card_found_with_only_junk_differences() -> None:
    seeds = SHARED / "seeds"
    card = load_card(next(seeds.glob("000_*.txt")))
    sources = [read_document(p) for p in sorted(seeds.glob("00[1-4]_*.txt"))]
    result = verify(card, sources)
    assert result.source.path is not None and "001_" in result.source.path
    doc = next(d for d in sources if d.path == result.source.path)
    span = doc.text[result.source.start : result.source.end]
    # The span starts and ends where the hand-cut card does.
    assert span.split()[:6] == card.body.split()[:6]
    assert span.split()[-3:] == card.body.split()[-3:]
    assert result.verdict == "cosmetic"
    assert {d.kind for d in result.differences} == {"junk"}
    junk = " ".join(d.card_text for d in result.differences)
    assert "downloaded from" in junk and "jstor.org" in junk  # the database stamp
    assert "http" in junk.replace("jstor.org", "")  # the footnotes' URLs
    assert result.fidelity == 1.0
    assert result.cite_missing == ["accessed"]
