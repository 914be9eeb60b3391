"""What every :class:`~cardsmith.library.store.Store` backend must do, run against each backend.

A new backend (PostgreSQL) joins by adding an opener to :data:`BACKENDS`: the library above the
store relies on exactly these behaviours, so a backend that passes here ranks the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from cardsmith.library.postgres import PostgresStore
from cardsmith.library.sqlite import SQLiteStore
from cardsmith.library.store import CardRecord, EditConflict, Filters, PassageRecord, Store
from cardsmith.model import Card, Document, Formatting, Heading, Marks, Metadata, RunFormat
from tests.library.conftest import TOPICS, HashEncoder, make_card

#: Backend name -> opener of a handle on the storage at a folder (two calls: two handles, one library);
#: the request gives an opener the session fixtures it needs (PostgreSQL: the server).
BACKENDS: dict[str, Callable[[pytest.FixtureRequest, Path], Store]] = {
    "sqlite": lambda _request, folder: SQLiteStore(folder / "lib.sqlite"),
    "postgres": lambda request, folder: PostgresStore(request.getfixturevalue("postgres").database(folder)),
}
ENCODER = HashEncoder()


@pytest.fixture(params=sorted(BACKENDS))
def open_store(request: pytest.FixtureRequest, tmp_path: Path):
    """Opens handles on one fresh library of the backend; closes them all after the test."""
    opened: list[Store] = []

    def opener() -> Store:
        opened.append(BACKENDS[request.param](request, tmp_path))
        return opened[-1]

    yield opener
    for store in opened:
        store.close()


def record(topic: str, author: str = "Smith", year: int = 2020) -> CardRecord:
    card = make_card(topic, author, year, tag=f"{topic} matters")
    vector = ENCODER.encode([card.body])[0]
    return CardRecord(card, key=f"key-{topic}-{author}", vectors=[(0, vector)])


def add(store: Store, *topics: str, origin: str = "a.docx") -> list[int]:
    store.set_model_id(ENCODER.model_id)
    return store.add_cards([record(t) for t in topics], origin).ids


def test_cards_are_stored_once_and_duplicates_gain_an_origin(open_store) -> None:
    store = open_store()
    first = store.add_cards([record("sanctions"), record("trade")], "a.docx")
    again = store.add_cards([record("trade"), record("nuclear")], "b.docx")
    assert (first.added, first.duplicates, again.added, again.duplicates) == (2, 0, 1, 1)
    assert again.ids[0] == first.ids[1]
    assert store.known_keys(["key-trade-Smith", "key-schools-Smith"]) == {"key-trade-Smith"}
    assert sorted(store.origins(first.ids[1])) == ["a.docx", "b.docx"]
    assert store.get_card(first.ids[0]).body == TOPICS["sanctions"]
    assert store.get_card(10**6) is None
    assert store.stats()["cards"] == 3


def test_ids_are_never_reused(open_store) -> None:
    store = open_store()
    ids = add(store, "sanctions", "trade")
    assert store.delete(("card", ids[-1])) and not store.delete(("card", ids[-1]))
    (new,) = add(store, "nuclear")
    assert new > ids[-1]


def test_lexical_scores_each_field_and_honours_filters(open_store) -> None:
    store = open_store()
    store.add_cards([record("sanctions", "Smith", 2019), record("trade", "Jones", 2021)], "a.docx")
    hits = store.lexical(["tariffs", "sanctions"], Filters(), 10)
    assert len(hits) == 2 and all(len(scores) == 4 and max(scores) > 0 for scores in hits.values())
    jones = store.lexical(["tariffs", "sanctions"], Filters(author="jones"), 10)
    assert [store.items([key])[key].cite.split()[0] for key in jones] == ["Jones"]
    assert store.lexical(["tariffs"], Filters(year=2019), 10) == {}
    assert store.lexical(["tariffs"], Filters(kind="passage"), 10) == {}


def test_dense_finds_the_nearest_and_similarities_are_exact(open_store) -> None:
    store = open_store()
    ids = add(store, "sanctions", "trade", "nuclear")
    query = ENCODER.encode(["free trade agreements lower consumer prices"])[0]
    store.prime(query[None, :])
    assert store.dense(query, Filters(), 1) == [("card", ids[1])]
    sims = store.similarities(query, [("card", ids[1])])
    expected = float(query @ ENCODER.encode([TOPICS["trade"]])[0])
    assert sims[("card", ids[1])][0] == pytest.approx([expected], abs=2e-3)  # vectors may be stored as float16


def test_items_and_paging_newest_first(open_store) -> None:
    store = open_store()
    ids = add(store, "sanctions", "trade", "nuclear")
    assert [c.id for c in store.list_cards(0, 2)] == [f"c{ids[2]}", f"c{ids[1]}"]
    assert [c.id for c in store.list_cards(2, 2)] == [f"c{ids[0]}"]
    items = store.items([("card", ids[0]), ("card", 10**6)])
    assert list(items) == [("card", ids[0])] and items[("card", ids[0])].tag == "sanctions matters"


def test_field_texts_give_each_searched_field_of_cards_and_passages(open_store) -> None:
    store = open_store()
    ids = add(store, "sanctions")
    doc = Document(text=TOPICS["warming"], paragraphs=[], metadata=Metadata(authors=["Rivera"]), path="a.txt")
    store.add_source(doc, "doc-key", [PassageRecord((0, len(doc.text)), [(0, ENCODER.encode(["x"])[0])])])
    passage = next(k for k in store.lexical(["emissions"], Filters(kind="passage"), 10))
    texts = store.field_texts([("card", ids[0]), passage, ("card", 10**6)])
    tag, underline, cite, body = texts[("card", ids[0])]
    assert tag == "sanctions matters" and body == TOPICS["sanctions"] and underline == body.split(".")[0]
    assert "Smith" in cite
    assert texts[passage][:2] == ("", "") and texts[passage][3] == TOPICS["warming"]
    assert ("card", 10**6) not in texts


def test_sources_are_stored_once_with_their_passages(open_store) -> None:
    store = open_store()
    text = TOPICS["warming"] + "\n\n" + TOPICS["schools"]
    doc = Document(text=text, paragraphs=[], metadata=Metadata(authors=["Rivera"]), path="article.txt")
    vector = ENCODER.encode([text])[0]
    passages = [PassageRecord((0, len(TOPICS["warming"])), [(0, vector)])]
    store.set_model_id(ENCODER.model_id)
    first = store.add_source(doc, "doc-key", passages)
    assert store.add_source(doc, "doc-key", passages) == first
    assert list(store.lexical(["emissions"], Filters(kind="passage"), 10)) != []


def test_every_handle_sees_the_others_additions_and_deletes(open_store) -> None:
    writer, reader = open_store(), open_store()
    ids = add(writer, "sanctions", "trade")
    query = ENCODER.encode([TOPICS["trade"]])[0]
    assert reader.dense(query, Filters(), 1) == [("card", ids[1])]
    writer.delete(("card", ids[1]))
    (nuclear,) = add(writer, "nuclear")
    found = reader.dense(query, Filters(), 5)
    assert ("card", ids[1]) not in found and ("card", nuclear) in found
    assert not np.isnan(reader.similarities(query, found)[found[0]][0][0])


def test_formatting_and_file_layouts_are_kept(open_store) -> None:
    store = open_store()
    formatted = record("sanctions")
    body = [(0, len(formatted.card.body), RunFormat(size=16))]
    formatted.card.formatting = Formatting(body=body, paragraphs=["Heading4", "Normal", "Normal"])
    layout = [(0, Heading(1, "Pocket")), (1, Card(tag="An analytic")), (2, Heading(3, "Block"))]
    ids = store.add_cards([formatted, record("trade")], "a.docx", layout).ids
    store.add_cards([record("nuclear")], "a.docx")  # a later batch from the same origin
    assert store.get_card(ids[0]).formatting == formatted.card.formatting
    assert store.get_card(ids[1]).formatting is None
    ((origin, kept, positions),) = store.layouts()
    assert origin == "a.docx" and kept == layout
    assert positions[0][0] == ids[0] and positions[1] == [ids[1]] and len(positions[0]) == 2


def _edit(store: Store, card_id: int, version: int, tag: str) -> int:
    """Store ``tag`` (and the body's first word as the only underline) on the card, from ``version``."""
    card = store.get_card(card_id)
    card.tag, card.marks = tag, Marks(underline=[(0, card.body.index(" "))])
    vectors = [(0, ENCODER.encode([tag])[0])]
    return store.update_card(card_id, CardRecord(card, "ignored", vectors), version, {"id": card_id, "tag": tag})


def test_an_edit_keeps_the_card_and_replaces_its_index_and_vectors(open_store) -> None:
    writer, reader = open_store(), open_store()
    ids = add(writer, "sanctions", "trade")
    query = ENCODER.encode(["zebra crossings"])[0]
    assert reader.dense(query, Filters(), 2) and writer.card_version(ids[0]) == 1
    assert _edit(writer, ids[0], 1, "zebra crossings") == 2
    card = reader.get_card(ids[0])
    assert (card.id, card.tag, card.body, card.marks.underline) == (f"c{ids[0]}", "zebra crossings",
                                                                   TOPICS["sanctions"], [(0, 8)])
    assert reader.origins(ids[0]) == ["a.docx"] and reader.card_version(ids[0]) == 2
    assert list(reader.lexical(["zebra"], Filters(), 10)) == [("card", ids[0])]
    assert reader.lexical(["matters"], Filters(), 10).keys() == {("card", ids[1])}
    assert reader.dense(query, Filters(), 1) == [("card", ids[0])]
    assert reader.similarities(query, [("card", ids[0])])[("card", ids[0])][0] == [pytest.approx(1.0, abs=2e-3)]
    (entry,) = reader.card_history(ids[0])
    assert entry["id"] == ids[0] and entry["tag"] == "zebra crossings" and entry["version"] == 2
    assert entry["at"] > 0 and reader.card_history(ids[1]) == []


def test_a_stale_edit_is_refused_naming_both_versions(open_store) -> None:
    store = open_store()
    (card_id,) = add(store, "sanctions")
    _edit(store, card_id, 1, "first edit")
    with pytest.raises(EditConflict, match="you edited version 1, the library has version 2") as caught:
        _edit(store, card_id, 1, "stale edit")
    assert (caught.value.expected, caught.value.current) == (1, 2)
    assert store.get_card(card_id).tag == "first edit" and len(store.card_history(card_id)) == 1
    gone = CardRecord(store.get_card(card_id), "ignored", [])
    store.delete(("card", card_id))
    with pytest.raises(EditConflict, match="deleted"):
        store.update_card(card_id, gone, 2, {"id": card_id})
    assert store.card_version(card_id) is None


def test_settings_are_kept_for_every_handle_and_can_be_cleared(open_store) -> None:
    first, second = open_store(), open_store()
    assert first.setting("style") is None
    first.set_setting("style", "pf")
    first.set_setting("style", "ld")  # set again: replaced, not a second row
    assert second.setting("style") == "ld"
    second.set_setting("style", None)
    assert first.setting("style") is None
    first.set_model_id(ENCODER.model_id)  # the encoder's record is a setting too, and stays apart
    assert first.setting("model") == second.model_id == ENCODER.model_id and first.setting("style") is None
