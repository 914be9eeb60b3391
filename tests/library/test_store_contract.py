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
from cardsmith.library.store import CardRecord, Filters, PassageRecord, Store
from cardsmith.model import Card, Document, Formatting, Heading, Metadata, RunFormat
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
