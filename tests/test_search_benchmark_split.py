"""The search benchmark never asks about, or tunes on, a card a held-out set also holds (teams re-cut cards)."""

from __future__ import annotations

import itertools
from pathlib import Path

from benchmarks.search import dev_queries
from benchmarks.search_data import Sample, hold_out_cut_test_cards
from cardsmith.marking.corpus import pf_split
from cardsmith.model import Card, Cite


def _sample(body: str, tag: str, split: str, origin: str = "debatesum/train/1") -> Sample:
    return Sample(Card(tag="", cite=Cite(short="Lee 21"), body=body), tag, split, origin)


def _team_file(split: str) -> str:
    """A caselist file name whose team falls in ``split``."""
    return next(name for i in itertools.count()
                if pf_split(Path(name := f"001_School{i}-AbCd-Pro-Round1.docx")) == split)


def test_train_tags_of_a_held_out_teams_card_are_held() -> None:
    shared = "Sanctions rarely change a regime's behaviour; they entrench it."
    respaced = "  " + shared.replace("'", "’") + " "  # the same card as the library sees it
    samples = hold_out_cut_test_cards([
        _sample(shared, "Sanctions fail", "dev", f"caselist/{_team_file('test')}"),
        _sample(respaced, "Sanctions backfire", "train", f"caselist/{_team_file('train')}"),
        _sample("Tariffs raise prices for consumers.", "Tariffs hurt", "train", f"caselist/{_team_file('train')}"),
    ])
    assert [s.split for s in samples] == ["dev", "held", "train"]


def test_dev_tags_of_a_trained_card_are_left_out() -> None:
    samples = [_sample("a", "A one", "train"), _sample("a", "A two", "dev"), _sample("b", "B", "dev"),
               _sample("c", "C", "held"), _sample("c", "C again", "dev")]
    ids = [1, 1, 2, 3, 3]
    assert dev_queries(samples, ids) == ([("B", 2), ("C again", 3)], 1)
