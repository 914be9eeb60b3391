"""``library copy``: a whole library SQLite -> PostgreSQL -> SQLite, vectors kept, checked by counts and searches."""

from __future__ import annotations

import pytest

from cardsmith.errors import CardsmithError
from cardsmith.library import Library
from cardsmith.library.copy import copy_library
from cardsmith.model import Document, Heading, Metadata, to_dict
from tests.library.conftest import TOPICS, HashEncoder, make_card

TEXT = " ".join(TOPICS.values()) * 3


class CountingEncoder(HashEncoder):
    """Counts what it embeds: a copy must embed nothing but its sampled queries."""

    def __init__(self) -> None:
        self.texts = 0

    def encode(self, texts, *, progress=False):
        self.texts += len(texts)
        return super().encode(texts, progress=progress)


def _fill(lib: Library) -> None:
    lib.add_file([Heading(1, "Aff"), make_card("sanctions", tag="sanctions fail"), Heading(2, "Adv"),
                  make_card("warming", tag="warming bad"), make_card("nuclear", tag="deterrence works")], "aff.docx")
    lib.delete("c3")  # a gap among aff.docx's positions
    lib.add_file([make_card("warming", tag="warming bad"), make_card("trade", tag="trade good")], "neg.docx")
    lib.add_cards([make_card("schools", tag="tests narrow")], "saved")  # saved one by one: both at position 0
    lib.add_cards([make_card("nuclear", "Lee", 2001, tag="one by one")], "saved")
    lib.update_card("c2", version=1, tag="warming is bad")
    lib.add_document(Document(text=TEXT, paragraphs=[(0, len(TEXT))], metadata=Metadata(title="On everything")))
    lib.set_style("ld")


def _content(lib: Library) -> list[dict]:
    return [{k: v for k, v in to_dict(item).items() if k != "id"} for item in lib.export_items()]


def test_a_library_copies_to_postgres_and_back_without_embedding_again(postgres, tmp_path) -> None:
    encoder = CountingEncoder()
    with Library.open(tmp_path / "a.sqlite", encoder=HashEncoder()) as first:
        _fill(first)
        with Library.open(postgres.database(tmp_path), encoder=encoder) as team:
            there = copy_library(first, team, sample=5)
            assert there.ok, there.lines()
            assert encoder.texts == there.searches  # the queries only: every stored vector was copied
            with team.store.transaction() as conn:  # dropped for the load, built again after it
                assert conn.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'vectors_hnsw'").fetchone()
            with Library.open(tmp_path / "b.sqlite", encoder=HashEncoder()) as back:
                again = copy_library(team, back, sample=5)
                assert again.ok, again.lines()
                assert _content(back) == _content(team) == _content(first)
                assert back.style == team.style == "ld"
                assert back.stats()["cards"] == 5 and there.counts["passages"][0] > 1
                assert [h.cite for h in back.search("one by one")] == [h.cite for h in first.search("one by one")]
    assert "cards: 5 -> 5 ok" in there.lines()
    assert there.same_best == there.searches == 5
    assert again.lines()[-1].startswith("searches: 5/5 sampled queries find the same best hit")


def test_copying_into_a_library_that_holds_cards_is_refused(tmp_path) -> None:
    with Library.open(tmp_path / "a.sqlite", encoder=HashEncoder()) as a, \
            Library.open(tmp_path / "b.sqlite", encoder=HashEncoder()) as b:
        b.add_cards([make_card("trade")], "x")
        with pytest.raises(CardsmithError, match="not empty"):
            copy_library(a, b)


def test_a_copy_that_lost_a_card_fails_its_check(tmp_path, monkeypatch) -> None:
    import cardsmith.library.copy as copy_module

    with Library.open(tmp_path / "a.sqlite", encoder=HashEncoder()) as a, \
            Library.open(tmp_path / "b.sqlite", encoder=HashEncoder()) as b:
        _fill(a)
        real = copy_module._copy_cards
        monkeypatch.setattr(copy_module, "_copy_cards", lambda src, dst: (real(src, dst), dst.delete(("card", 1))))
        report = copy_library(a, b, sample=5)
    assert not report.ok and "cards: 5 -> 4 DIFFERENT" in report.lines() and "export: DIFFERENT" in report.lines()
