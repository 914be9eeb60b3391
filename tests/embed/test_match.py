"""Query-text match features: the words themselves, phrases kept together, the best stretch."""

from __future__ import annotations

import pytest

from cardsmith.embed import match


def uniform(_word: str) -> float:
    return 1.0


def test_coverage_counts_stems_not_spellings() -> None:
    query = match.prepare("Nanotech is advancing at a staggering pace", uniform)
    assert query.terms == ["nanote", "advanc", "stagge", "pace"]
    coverage, weighted, *_ = match.features(query, "Nanotechnology continues to advance at staggering rates.")
    assert coverage == pytest.approx(0.75) and weighted == pytest.approx(0.75)


def test_short_stems_match_whole_words_only() -> None:
    query = match.prepare("war", uniform)
    assert match.features(query, "A warning, not a forewarning.")[0] == 0.0
    assert match.features(query, "The war's end.")[0] == 1.0


def test_rare_words_weigh_more() -> None:
    query = match.prepare("sanctions hurt Iran", lambda w: 4.0 if w == "iran" else 1.0)
    assert match.features(query, "Iran is isolated.")[1] == pytest.approx(4 / 6)


def test_phrases_and_the_best_window() -> None:
    query = match.prepare("carbon tax revenue", uniform)
    together = match.features(query, "A carbon tax funds schools, for revenue.")
    apart = match.features(query, "Carbon. " + "x " * 200 + "tax. " + "y " * 200 + "revenue.")
    names = dict(zip(match.NAMES, together, strict=True))
    assert names["phrases"] == pytest.approx(0.5) and names["window"] == pytest.approx(1.0)
    assert dict(zip(match.NAMES, apart, strict=True))["window"] < 1.0
    assert dict(zip(match.NAMES, apart, strict=True))["phrases"] == 0.0


def test_empty_query_or_text_scores_zero() -> None:
    assert match.features(match.prepare("the of and", uniform), "the of and") == [0.0] * len(match.NAMES)
    assert match.features(match.prepare("tax", uniform), "") == [0.0] * len(match.NAMES)
