"""Editing a library card: tag, cite and marks change, the verbatim body and the card's place do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from cardsmith.errors import CardsmithError
from cardsmith.library import EditConflict, Library
from cardsmith.model import Formatting, Marks, RunFormat
from tests.factories import make_cite
from tests.library.conftest import TOPICS, HashEncoder, make_card
from tests.library.test_ids import _as_version_3


def test_an_edit_is_searchable_and_keeps_id_origins_and_outline(lib: Library) -> None:
    card = make_card("sanctions", tag="Sanctions fail")
    card.outline = ["Aff", "Sanctions"]
    (card_id,) = lib.add_cards([card], origin="aff.docx").ids
    assert lib.card_version(card_id) == 1
    version = lib.update_card(card_id, version=1, tag="Zebras migrate", cite=make_cite("Okafor", 2024))
    assert version == 2 and lib.card_version(f"c{card_id}") == 2
    stored = lib.get_card(card_id)
    assert (stored.id, stored.tag, stored.cite.short, stored.body) == (f"c{card_id}", "Zebras migrate", "Okafor 24",
                                                                      TOPICS["sanctions"])
    assert stored.outline == ["Aff", "Sanctions"] and len(lib.origins(card_id)) == 1
    assert [h.id for h in lib.search("zebras migrate", limit=1)] == [f"c{card_id}"]
    assert [h.id for h in lib.search("okafor", limit=5, author="okafor")] == [f"c{card_id}"]
    (entry,) = lib.card_history(card_id)
    assert entry["tag"] == ["Sanctions fail", "Zebras migrate"] and entry["version"] == 2
    assert entry["cite"][1].startswith("Okafor 24") and "marks" not in entry


def test_marks_change_and_stale_formatting_is_dropped(lib: Library) -> None:
    card = make_card("trade", tag="Trade helps")
    run = RunFormat(size=22)
    card.formatting = Formatting(tag=[(0, 11, run)], cite=[(0, len(card.cite.text), run)],
                                 body=[(0, len(card.body), run)], paragraphs=["Heading4", "Normal", "Normal"])
    (card_id,) = lib.add_cards([card], origin="a.docx").ids
    marks = Marks(underline=[(0, 10)], highlight=[(0, 4)])
    lib.update_card(card_id, version=1, marks=marks)
    stored = lib.get_card(card_id)
    assert stored.marks == marks and stored.tag == "Trade helps"
    assert stored.formatting.tag == [(0, 11, run)] and stored.formatting.body == []
    assert stored.formatting.paragraphs == ["Heading4", "Normal", "Normal"]
    lib.update_card(card_id, version=2, tag="Trade hurts")
    assert lib.get_card(card_id).formatting.tag == [] and lib.get_card(card_id).formatting.cite != []


def test_stale_edits_conflict_and_bad_marks_are_refused(lib: Library) -> None:
    (card_id,) = lib.add_cards([make_card("nuclear")], origin="a.docx").ids
    lib.update_card(card_id, version=1, tag="Deterrence works")
    with pytest.raises(EditConflict, match="you edited version 1, the library has version 2"):
        lib.update_card(card_id, version=1, tag="Deterrence fails")
    with pytest.raises(CardsmithError, match="outside the body"):
        lib.update_card(card_id, version=2, marks=Marks(highlight=[(0, 10_000)]))
    assert lib.update_card(card_id, version=2, tag="Deterrence works") == 2  # no change, no new version
    with pytest.raises(EditConflict, match="deleted"):
        lib.update_card("c999", version=1, tag="x")
    with pytest.raises(CardsmithError, match="only cards"):
        lib.update_card("p1", version=1, tag="x")
    assert lib.get_card(card_id).tag == "Deterrence works" and len(lib.card_history(card_id)) == 1


def test_a_version_3_library_gains_card_versions(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite"
    with Library.open(path, encoder=HashEncoder()) as lib:
        (card_id,) = lib.add_cards([make_card("schools")], origin="a.docx").ids
    _as_version_3(path)
    assert Library.migrate(path)[0] == 4  # then any later steps
    with Library.open(path, encoder=HashEncoder()) as lib:
        assert lib.card_version(card_id) == 1
        assert lib.update_card(card_id, version=1, tag="Tests narrow") == 2
