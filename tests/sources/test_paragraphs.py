"""Grouping lines into paragraphs and re-joining paragraphs a page break split."""

from cardsmith.sources.clean import clean
from cardsmith.sources.paragraphs import continues, ends_mid_sentence, is_heading, split_block


def paragraphs(text: str) -> list[str]:
    cleaned = clean(text)
    return [cleaned.text[s:e] for s, e in cleaned.paragraphs]


LONG = "The committee met on a cold morning and spent most of the session arguing about the budget for"


def test_wrapped_block_breaks_at_short_sentence_end_and_heading():
    lines = [
        "Findings",
        "The survey covered every district in the valley and asked farmers how much water they",
        "pumped in each of the last three seasons.",
        "A second round followed a year later with the same questions put to the same farms.",
        "- a list item",
    ]
    assert split_block(lines) == [[0], [1, 2], [3], [4]]


def test_unwrapped_lines_stay_apart():
    assert split_block(["Name One", "Street 2", "Town"]) == [[0], [1], [2]]


def test_heading_and_fragment_tests():
    assert is_heading("Brought Together by a Common Rival")
    assert is_heading("Short label")
    assert not is_heading(LONG)
    assert ends_mid_sentence(LONG)
    assert not ends_mid_sentence(LONG + " roads.")
    assert continues(LONG, "the northern roads, which had been closed since spring.")
    assert continues(LONG, "2019 roads and bridges that had been damaged in the spring floods last year.")
    assert not continues(LONG, "Roads")
    assert not continues(LONG, "1. A list item that starts with a number and is long enough.")


def test_page_split_paragraph_rejoined_across_junk():
    text = f"{LONG}\n\n4\n\nf\n\nthe northern roads, which had been closed since spring.\n"
    assert paragraphs(text) == [f"{LONG} the northern roads, which had been closed since spring."]


def test_heading_not_glued_to_next_paragraph():
    text = "The view from the ground in the border provinces today\n\nFarmers there describe a long wait."
    assert len(paragraphs(text)) == 2


def test_paragraph_ending_in_a_sentence_not_rejoined():
    text = f"{LONG} roads.\n\nthe lower-case start is kept apart."
    assert len(paragraphs(text)) == 2
