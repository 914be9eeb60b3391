"""Each kind of difference is found, classified and placed (char offsets into card and source)."""

from __future__ import annotations

import importlib

import pytest

from cardsmith.verify import verify
from tests.verify.helpers import ARTICLE, EXCERPT, card, document


def _diffs(body: str):
    result = verify(card(body), [document()])
    return result, [d for d in result.differences]


def _check_offsets(result, body: str) -> None:
    for d in result.differences:
        assert body[d.card_start : d.card_end] == d.card_text
        assert ARTICLE[d.source_start : d.source_end] == d.source_text


def test_exact_excerpt_is_verbatim_and_located() -> None:
    result = verify(card(EXCERPT), [document()])
    assert result.verdict == "verbatim"
    assert result.differences == []
    assert ARTICLE[result.source.start : result.source.end] == EXCERPT
    assert result.source.path == "article.txt"
    assert result.fidelity == 1.0


@pytest.mark.parametrize(
    ("old", "new", "kind", "card_text", "source_text"),
    [
        ("is the obvious lever", "is the only obvious lever", "added", "only", ""),
        ("is politically toxic", "is toxic", "deleted", "", "politically"),
        ("quiet fiscal crisis", "quiet political crisis", "changed", "political", "fiscal"),
        ("48 cities", "84 cities", "number_changed", "84", "48"),
        ("by 17 percent", "by 7 percent", "number_changed", "7", "17"),
        ("protects poor families", "protects families poor", "reordered", "poor", "poor"),
        (
            "Raising the price of a basic necessity is politically toxic, and the households",
            "Raising the price … the households",
            "ellipsis",
            "",
            "of a basic necessity is politically toxic, and",
        ),
        ("yet councils rarely", "yet councils [in most cities] rarely", "bracket", "[in most cities]", ""),
        ("Raising the price", "[Increasing] the price", "bracket", "[Increasing]", "Raising"),
    ],
)
def test_each_kind(old: str, new: str, kind: str, card_text: str, source_text: str) -> None:
    body = EXCERPT.replace(old, new)
    assert body != EXCERPT
    result, diffs = _diffs(body)
    assert result.verdict == "altered"
    assert [(d.kind, d.card_text, d.source_text) for d in diffs] == [(kind, card_text, source_text)]
    _check_offsets(result, body)


def test_dropped_sentence_is_a_deletion() -> None:
    sentence = "Raising the price of a basic necessity is politically toxic, and the households that feel it most are the ones least able to pay. "  # noqa: E501
    body = EXCERPT.replace(sentence, "")
    result, diffs = _diffs(body)
    assert [d.kind for d in diffs] == ["deleted"]
    assert diffs[0].source_text == sentence.strip().rstrip(".")
    assert diffs[0].card_start == diffs[0].card_end == body.index("Block") - 1 - 1


def test_moved_sentence_is_reordered() -> None:
    moved = "Tariff reform is the obvious lever, yet councils rarely pull it. "
    body = EXCERPT.replace(moved, "") + " " + moved.strip()
    result, diffs = _diffs(body)
    assert [d.kind for d in diffs] == ["reordered"]
    assert diffs[0].card_text == moved.strip().rstrip(".")
    _check_offsets(result, body)


def test_moved_sentence_is_reordered_when_there_are_too_many_stretches_to_compare(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Past the comparison budget (a crafted card) identical stretches still pair, by lookup."""
    monkeypatch.setattr(importlib.import_module("cardsmith.verify.classify"), "_MOVE_PAIRS_MAX", 0)
    test_moved_sentence_is_reordered()


def test_download_stamp_and_page_number_are_junk() -> None:
    stamp = "This content downloaded from 10.1.2.3 on Tue, 02 Jan 2024 10:00:00 UTC All use subject to https://about.jstor.org/terms"  # noqa: E501
    body = EXCERPT.replace("grew steadily.", f"grew steadily. {stamp} 7 Invented Journal").replace(
        "in the ground past", "in the ground 12 past"
    )
    result, diffs = _diffs(body)
    assert result.verdict == "cosmetic"
    assert [d.kind for d in diffs] == ["junk", "junk"]
    assert diffs[0].card_text == f"{stamp} 7 Invented Journal"
    assert diffs[1].card_text == "12"


def test_footnote_in_card_is_junk_and_source_footnote_is_not_an_omission() -> None:
    start = ARTICLE.index("Block pricing,")
    end = ARTICLE.index("Complaints peaked")
    with_note = ARTICLE[start:end].strip()
    result, diffs = _diffs(with_note)
    assert result.verdict == "cosmetic"
    assert [d.kind for d in diffs] == ["junk"]
    assert diffs[0].card_text.startswith("1 'Progressive Water Pricing")
    without_note = with_note[: with_note.index("\n\n1 '")] + " " + with_note[with_note.index("The evidence") :]
    without_marker = without_note.replace("strain.1", "strain.")
    assert verify(card(without_marker), [document()]).verdict == "cosmetic"
    assert verify(card(without_marker), [document()]).differences == []


def test_stamp_in_source_is_not_an_omission() -> None:
    start = ARTICLE.index("Residents adapted")
    end = ARTICLE.index("Utilities that cannot")
    body = ARTICLE[start:end].replace("This content downloaded from 10.0.0.1 on Mon, 01 Jan 2024 00:00:00 UTC", "")
    result = verify(card(body), [document()])
    assert result.differences == []
    assert result.verdict == "cosmetic"


def test_debris_at_the_card_edges() -> None:
    stamp = "This content downloaded from 1.2.3.4 on Mon, 01 Jan 2024 00:00:00 UTC"
    body = f"{stamp} 23 {EXCERPT} 24"
    result, diffs = _diffs(body)
    assert result.verdict == "cosmetic"
    assert [(d.kind, d.card_text) for d in diffs] == [("junk", f"{stamp} 23"), ("junk", "24")]
    assert result.source.start == ARTICLE.index(EXCERPT)


@pytest.mark.parametrize(
    ("body", "card_text", "source_text"),
    [
        (EXCERPT.replace("Municipal", "Urban", 1), "Urban", "Municipal"),
        (EXCERPT.removesuffix("strain.") + "stress.", "stress", "strain"),
    ],
)
def test_changed_word_at_the_card_edges(body: str, card_text: str, source_text: str) -> None:
    result, diffs = _diffs(body)
    assert [(d.kind, d.card_text, d.source_text) for d in diffs] == [("changed", card_text, source_text)]
    assert (result.source.start, result.source.end) == (
        ARTICLE.index(EXCERPT),
        ARTICLE.index(EXCERPT) + len(EXCERPT),
    )
