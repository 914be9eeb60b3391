"""Imported cards keep their Word formatting in the library, files their headings and analytics;
version 2 files migrate to hold them."""

from __future__ import annotations

from pathlib import Path

from cardsmith.library import Library
from cardsmith.model import Card, Formatting, Heading, Marks, RunFormat
from tests.library.conftest import HashEncoder, make_card
from tests.library.test_ids import _as_version_2

SHRUNK = RunFormat(size=16)
GREEN = RunFormat(style="style underline", underline="single", highlight="green", size=22)


def formatted_card():
    card = make_card("sanctions", tag="Sanctions fail")
    n = len(card.body)
    card.formatting = Formatting(
        tag=[(0, 9, RunFormat(bold=True, underline="single")), (9, len(card.tag), RunFormat(bold=True))],
        cite=[(0, len(card.cite.text), RunFormat(style="style 13 pt bold", bold=True, size=26))],
        body=[(0, 10, GREEN), (10, n, SHRUNK)],
    )
    return card


def test_formatting_is_stored_and_read_back(tmp_path: Path) -> None:
    card = formatted_card()
    with Library.open(tmp_path / "lib.sqlite", encoder=HashEncoder()) as lib:
        (card_id,) = lib.add_cards([card, make_card("trade")], origin="a.docx").ids[:1]
        assert lib.get_card(card_id).formatting == card.formatting
        assert lib.list_cards()[0].formatting is None  # a card with none stays without


def test_version_2_file_migrates_and_keeps_its_cards(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite"
    with Library.open(path, encoder=HashEncoder()) as lib:
        ids = lib.add_cards([make_card("trade")], origin="a.docx").ids
    _as_version_2(path)
    assert Library.migrate(path)[:2] == [3, 4]  # then any later steps
    with Library.open(path, encoder=HashEncoder()) as lib:
        old = lib.get_card(ids[0])
        assert old.body and old.formatting is None
        new_id = lib.add_cards([formatted_card()], origin="b.docx").ids[0]
        assert lib.get_card(new_id).formatting == formatted_card().formatting


def test_a_file_is_exported_as_imported(tmp_path: Path) -> None:
    first, second = make_card("sanctions", tag="One"), make_card("trade", tag="Two")
    items = [
        Heading(1, "Pocket", [(0, 6, RunFormat(bold=True, size=52))]),
        Card(tag="An analytic", formatting=Formatting(tag=[(0, 11, RunFormat(size=16))])),
        first,
        Heading(3, "Block"),
        second,
        first,  # a file may repeat a card
        Card(tag="Closing analytic"),
    ]
    with Library.open(tmp_path / "lib.sqlite", encoder=HashEncoder()) as lib:
        stats = lib.add_file(items, origin="a.docx")
        assert (stats.added, stats.duplicates) == (2, 1)
        lib.add_file([Heading(1, "Other"), make_card("warming"), second], origin="b.docx")
        exported = lib.export_items()
        summary = [(type(i).__name__, i.text if isinstance(i, Heading) else i.tag) for i in exported]
        assert summary == [(type(i).__name__, i.text if isinstance(i, Heading) else i.tag) for i in items] + [
            ("Heading", "Other"),
            ("Card", ""),  # b.docx's new card; its copy of a.docx's card is not repeated
        ]
        assert exported[0] == items[0] and exported[1].formatting == items[1].formatting
        lib.delete(f"c{stats.ids[0]}")
        tags = [i.tag for i in lib.export_items() if isinstance(i, Card)]
        assert tags[:3] == ["An analytic", "Two", "Closing analytic"]


def test_a_repeat_with_other_marks_is_exported_as_the_file_had_it(tmp_path: Path) -> None:
    card = make_card("sanctions", tag="First copy")
    repeat = make_card("sanctions", tag="Second copy")
    repeat.marks = Marks(highlight=[(0, 8)])
    with Library.open(tmp_path / "lib.sqlite", encoder=HashEncoder()) as lib:
        stats = lib.add_file([card, Heading(3, "Block"), repeat], origin="a.docx")
        assert (stats.added, stats.duplicates) == (1, 1)
        first, heading, second = lib.export_items()
        assert (first.tag, heading.text, second.tag) == ("First copy", "Block", "Second copy")
        assert second.marks == repeat.marks
        assert second.body == card.body and second.cite == card.cite
