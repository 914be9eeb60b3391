"""Where a card starts and ends: never inside a numbered list, after a lead-in, or mid-sentence."""

import re

import pytest

from cardsmith.cut import boundaries, cut_cards
from cardsmith.cut.passage import rank_passages
from cardsmith.cut.sentences import split_sentences
from tests.cut.test_passage import FILLER, make_doc

LEAD_IN = "Analysts at the regional planning office list three reasons the rail link will pay for itself:"
ITEMS = [
    "1. Commuters switch from cars, which cuts road repair costs across the valley towns.",
    "2. Freight moves off the highway, so the trucking firms save fuel and pay lower tolls.",
    "3. New stations raise nearby land values, and the rail link's land value tax funds the line.",
]
AFTER = "Critics reply that the estimates assume ridership that no comparable line has reached."


@pytest.mark.parametrize(
    ("sentence", "ordinal"),
    [("3. opportunities grow", 3), ("(b) the second", 2), ("iv. fourth", 4), ("Second, wages", 2),
     ("• a bullet", 1), ("The 3. case", 0), ("1990 was a year.", 0)],
)
def test_list_ordinal(sentence: str, ordinal: int) -> None:
    assert boundaries.list_ordinal(sentence) == ordinal


def test_cues() -> None:
    assert boundaries.is_lead_in("Three reasons follow:") and not boundaries.is_lead_in("It ends.")
    assert boundaries.is_caption("Figure 2: Ridership by year")
    assert boundaries.opens_mid_thought("This means costs fall.") and not boundaries.opens_mid_thought("Costs fall.")
    assert boundaries.opens_lower_case("and then costs fell.")
    assert boundaries.ends_sentence("It ends.”") and not boundaries.ends_sentence("A lead-in:")


def test_a_list_marker_starts_its_sentence() -> None:
    text = "Two reasons: 1. Trade grows. 2. Jobs follow. It ended at 5. Then more."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Two reasons: 1. Trade grows.", "2. Jobs follow.", "It ended at 5.", "Then more."
    ]


@pytest.mark.parametrize("layout", ["paragraphs", "one paragraph"])
def test_a_card_on_a_list_item_takes_the_lead_in_and_items_from_one(layout: str) -> None:
    """The claim matches item 3 best, yet the card starts at the list's lead-in and keeps items 1-2."""
    parts = [LEAD_IN, *ITEMS] if layout == "paragraphs" else [" ".join([LEAD_IN, *ITEMS])]
    doc = make_doc([FILLER, *parts, AFTER, FILLER.replace("Tuesday", "Friday")])
    claim = "New stations raise land values and the land value tax funds the rail link"
    for passage in rank_passages(doc, claim, limit=3):
        body = doc.text[passage.start : passage.end]
        assert not re.match(r"[23]\.", body)
        if "3. New stations" in body:
            assert body.startswith(LEAD_IN) and "1. Commuters" in body
    card = cut_cards(doc, claim)[0]
    assert card.body.startswith(LEAD_IN) and card.body.rstrip().endswith("funds the line.")


def test_no_card_starts_mid_sentence() -> None:
    """Every start is a paragraph start or follows a sentence end, and opens on a capital or a digit."""
    long_paragraph = " ".join([FILLER, LEAD_IN, *ITEMS, AFTER, FILLER])
    doc = make_doc([long_paragraph, FILLER.replace("Tuesday", "Monday")])
    for claim in ("parking arrangements deferred", "trucking firms save fuel", "ridership estimates"):
        for passage in rank_passages(doc, claim, limit=4):
            before = doc.text[: passage.start].rstrip()
            assert passage.start == 0 or doc.text[passage.start - 2 : passage.start] == "\n\n" or before[-1] in ".!?”"
            assert re.match(r"[\"“(]?[A-Z0-9]", doc.text[passage.start :])
            assert doc.text[: passage.end].rstrip()[-1] in ".!?”\"')"


LETTERED = [
    "(a) Rural clinics close first, because their patients are older and poorer than the state average.",
    "(b) Ambulance trips grow longer, so heart attack patients reach care after the critical hour.",
    "(c) Nurses leave the county, and the hospital that remains must pay agency staff double wages.",
]
WORDED = [
    "First, the tariff raises the price of imported steel for every builder in the region.",
    "Second, builders pass the higher price on to buyers, which slows new housing construction.",
    "Third, slower construction keeps rents high, which hurts the renters the tariff meant to help.",
]


@pytest.mark.parametrize(
    ("lead_in", "items", "claim"),
    [
        ("The report names three harms of closing the county hospital:", LETTERED,
         "Closing the hospital forces the remaining hospital to pay agency nurses double wages"),
        ("Economists trace the tariff's harm in three steps.", WORDED,
         "Slower construction keeps rents high and hurts renters"),
    ],
)
@pytest.mark.parametrize("layout", ["paragraphs", "one paragraph"])
def test_no_card_starts_on_a_later_item_of_a_lettered_or_worded_list(
    lead_in: str, items: list[str], claim: str, layout: str
) -> None:
    """The last item matches the claim best, yet no card starts on item (b)/(c) or "Second,"/"Third,"."""
    parts = [lead_in, *items] if layout == "paragraphs" else [" ".join([lead_in, *items])]
    doc = make_doc([FILLER, *parts, AFTER, FILLER.replace("Tuesday", "Friday")])
    for passage in rank_passages(doc, claim, limit=3):
        body = doc.text[passage.start : passage.end]
        assert not re.match(r"\((b|c)\)|Second,|Third,", body), body[:40]
    card = cut_cards(doc, claim)[0]
    assert items[0] in card.body and items[-1] in card.body


def test_no_card_starts_on_the_lower_case_rest_of_a_broken_line() -> None:
    """A PDF line break mid-sentence makes the sentence's rest a paragraph of its own: not a card start."""
    head = "The flood fund paid out more than it took in for the third year in a row, and the officials who run"
    rest = ("it say the fund will need a loan from the treasury before the next storm season. Without the loan, "
            "claims from a single large storm would exhaust the fund within weeks.")
    doc = make_doc([FILLER, head, rest, FILLER.replace("Tuesday", "Sunday")])
    claim = "the flood fund needs a treasury loan before storm season"
    for passage in rank_passages(doc, claim, limit=3):
        assert not doc.text[passage.start :].startswith("it say")
    assert cut_cards(doc, claim)[0].body.startswith(head)
