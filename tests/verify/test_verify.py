"""Finding the source among several, not-found cards, context flags, JSON shape and bad input."""

from __future__ import annotations

import json

import pytest

from cardsmith.errors import CardsmithError
from cardsmith.model import Card
from cardsmith.verify import verify
from cardsmith.verify.context import context
from tests.verify.helpers import ARTICLE, EXCERPT, card, document

OTHER = (
    "Orchard growers in the valley planted fewer apple trees this spring. Frost damaged blossoms twice, "
    "and the cooperative that buys most of the crop cut its guaranteed price by a tenth. "
) * 5


def test_finds_the_right_source_among_several() -> None:
    sources = [document(OTHER, "orchards.txt"), document(), document(OTHER.upper(), "loud.txt")]
    result = verify(card(EXCERPT), sources)
    assert result.source.path == "article.txt"
    assert result.verdict == "verbatim"


def test_card_from_elsewhere_is_not_found() -> None:
    result = verify(card(OTHER), [document()])
    assert result.verdict == "not_found"
    assert result.differences == []
    assert result.source.path is None


def test_card_sharing_a_few_phrases_is_not_found() -> None:
    body = "Water utilities face a quiet fiscal crisis " + OTHER
    assert verify(card(body), [document()]).verdict == "not_found"


def test_context_shows_neighbours_and_flags_a_qualification() -> None:
    start = ARTICLE.index("The evidence from early adopters")
    end = ARTICLE.index("Complaints peaked")
    result = verify(card(ARTICLE[start:end]), [document()])
    assert result.context.before.startswith("It protects poor families")
    assert "Progressive Water Pricing" not in result.context.before  # footnotes are skipped
    assert result.context.after == "Complaints peaked in the first billing cycle and then faded."
    assert result.context.flags == []
    end = ARTICLE.index("This content downloaded")
    flagged = verify(card(ARTICLE[start:end]), [document()])
    assert flagged.context.after.startswith("However, the pilots were small")
    assert {"where": "after", "kind": "qualifies", "cue": "however"} in flagged.context.flags


def test_context_flags_negation_of_the_last_sentence() -> None:
    text = "Prices fell last year. Block pricing protects poor families. It does not protect poor families."
    result = context(text, 0, text.index(" It does"), "Block pricing protects poor families.")
    assert {
        "where": "after",
        "kind": "contradicts",
        "cue": "negates the card's last sentence",
    } in result.flags


def test_context_flags_mid_sentence_cut() -> None:
    text = "Tariffs work well in rich cities, but this is not to say they work everywhere. Next point."
    result = context(text, 0, text.index(", but"))
    assert result.after.startswith(", but this is not to say")
    cues = {f["cue"] for f in result.flags}
    assert "this is not to say" in cues


def test_json_shape() -> None:
    data = verify(card(EXCERPT.replace("48 cities", "84 cities")), [document()]).to_dict()
    assert set(data) == {"verdict", "source", "fidelity", "differences", "context", "cite_missing"}
    assert set(data["source"]) == {"path", "start", "end"}
    assert set(data["context"]) == {"before", "after", "flags"}
    diff = data["differences"][0]
    assert {"kind", "card_text", "source_text", "card_start", "card_end"} <= set(diff)
    assert 0 < data["fidelity"] < 1
    json.dumps(data)


def test_empty_card_is_an_error_and_no_sources_is_not_found() -> None:
    with pytest.raises(CardsmithError, match="no body text"):
        verify(Card(tag="t", body="  \n ..."), [document()])
    assert verify(card(EXCERPT), []).verdict == "not_found"
