"""The library API: import, dedupe, search with filters, passages, deletion, errors."""

from __future__ import annotations

import sqlite3

import pytest

from cardsmith.errors import CardsmithError
from cardsmith.library import Library, dedupe_key
from cardsmith.model import Document, Metadata
from tests.library.conftest import TOPICS, HashEncoder, make_card


def test_empty_library_searches_to_nothing(lib):
    assert lib.search("sanctions fail") == []
    assert lib.stats()["cards"] == 0


def test_search_finds_the_card_and_returns_its_cite(lib):
    lib.add_cards([make_card(t) for t in ("sanctions", "warming", "nuclear", "schools")], origin="a.docx")
    hits = lib.search("sanctions failed to change behaviour", limit=3)
    assert hits[0].kind == "card"
    assert "sanctions" in hits[0].text
    assert hits[0].cite.startswith("Smith 20")
    assert hits[0].card is not None and hits[0].id == hits[0].card.id


def test_list_cards_pages_newest_first(lib):
    ids = lib.add_cards([make_card(t) for t in ("sanctions", "warming", "nuclear")], origin="a.docx").ids
    newest = [f"c{i}" for i in reversed(ids)]
    assert [c.id for c in lib.list_cards(limit=2)] == newest[:2]
    assert [c.id for c in lib.list_cards(offset=2, limit=2)] == newest[2:]
    assert lib.list_cards(offset=3) == [] and lib.list_cards(limit=0) == []
    assert lib.list_cards(limit=1)[0].body == make_card("nuclear").body


def test_repeated_queries_are_embedded_once(tmp_path, monkeypatch):
    import cardsmith.library as library_module

    class Counting(HashEncoder):
        calls: list[str] = []

        def encode(self, texts, *, progress=False):
            self.calls.extend(texts)
            return super().encode(texts, progress=progress)

    monkeypatch.setattr(library_module, "QUERY_CACHE", 2)
    with Library.open(tmp_path / "lib.sqlite", encoder=Counting()) as lib:
        lib.add_cards([make_card("sanctions"), make_card("trade")], origin="a.docx")
        Counting.calls.clear()
        first = lib.search("sanctions failed")
        for query in ("sanctions failed", "tariffs hurt", "sanctions failed", "exports rose", "tariffs hurt"):
            lib.search(query)
        assert Counting.calls == ["sanctions failed", "tariffs hurt", "exports rose", "tariffs hurt"]
        assert [h.id for h in lib.search("sanctions failed")] == [h.id for h in first]


def test_duplicates_are_kept_once_with_count_and_origins(lib):
    card = make_card("sanctions")
    twin = make_card("sanctions")
    twin.body = "  " + twin.body.replace(" ", "\n  ").replace("its", "“its”")
    first = lib.add_cards([card], origin="a.docx")
    second = lib.add_cards([twin, make_card("trade")], origin="b.docx")
    assert (first.added, second.added, second.duplicates) == (1, 1, 1)
    assert second.ids[0] == first.ids[0]
    assert lib.stats()["cards"] == 2
    assert lib.origins(first.ids[0]) == ["a.docx", "b.docx"]
    assert lib.store.card_count(first.ids[0]) == 2
    # Importing the same file again adds nothing.
    lib.add_cards([card], origin="a.docx")
    assert lib.store.card_count(first.ids[0]) == 2


def test_dedupe_key_ignores_whitespace_and_quotes():
    a, b = make_card("trade"), make_card("trade")
    b.body = b.body.replace("Tariffs", "'Tariffs'").replace(" ", "   ")
    assert dedupe_key(a) == dedupe_key(b)


def test_filters_by_author_year_and_kind(lib):
    lib.add_cards([make_card("sanctions", "Smith", 2019), make_card("trade", "Jones", 2021)], origin="x")
    doc = Document(text=TEXT, paragraphs=[(0, len(TEXT))], metadata=Metadata(authors=["Lee"], date="2022-05"))
    lib.add_document(doc)
    query = "sanctions tariffs exports prices"
    assert {h.cite.split()[0] for h in lib.search(query, author="jones")} == {"Jones"}
    assert all(h.card.cite.year == 2019 for h in lib.search(query, year=2019))
    passages = lib.search(query, kind="passage")
    assert passages and {h.kind for h in passages} == {"passage"}
    assert {h.kind for h in lib.search(query, kind="card")} == {"card"}
    assert lib.search(query, year=1999) == []


TEXT = (
    "Sanctions rarely work. Exports simply find new buyers abroad. "
    + "Filler sentence about nothing in particular. " * 60
    + "Tariffs raise prices for every household."
)


def test_documents_are_chunked_into_whole_sentence_passages(lib):
    doc = Document(text=TEXT, paragraphs=[(0, len(TEXT))], metadata=Metadata(title="On trade"))
    source_id = lib.add_document(doc)
    assert lib.add_document(doc) == source_id  # the same text is stored once
    assert lib.stats()["passages"] >= 2
    hits = lib.search("tariffs raise household prices", kind="passage")
    assert hits[0].text.endswith("every household.")
    assert hits[0].text[0].isupper()


def test_delete_removes_card_from_search(lib):
    stats = lib.add_cards([make_card("nuclear"), make_card("schools")], origin="x")
    assert lib.delete(f"c{stats.ids[0]}")
    assert not lib.delete(f"c{stats.ids[0]}")
    assert all("Nuclear" not in h.text for h in lib.search("nuclear deterrence war"))
    assert lib.get_card(stats.ids[0]) is None
    assert lib.get_card(f"c{stats.ids[1]}").body.startswith("Standardised")


def test_card_round_trips_with_marks_and_outline(lib):
    card = make_card("warming", tag="Warming floods cities")
    card.outline = ["Aff", "Advantage 1"]
    card_id = lib.add_cards([card], origin="x").ids[0]
    back = lib.get_card(card_id)
    assert (back.tag, back.outline, back.marks.underline, back.cite.authors) == (
        card.tag, card.outline, card.marks.underline, ["Smith"])
    assert lib.search("warming floods cities")[0].tag == "Warming floods cities"


def test_corrupt_file_gives_one_line_error(tmp_path):
    bad = tmp_path / "lib.sqlite"
    bad.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(CardsmithError, match="not a cardsmith library") as err:
        Library.open(bad, encoder=HashEncoder())
    assert "\n" not in str(err.value)


def test_unrelated_sqlite_file_is_refused(tmp_path):
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(CardsmithError, match="not a cardsmith library"):
        Library.open(other, encoder=HashEncoder())


def test_bad_id_is_a_clear_error(lib):
    with pytest.raises(CardsmithError, match="not a library id"):
        lib.get_card("zz")


def test_ann_index_is_updated_incrementally(tmp_path):
    path = tmp_path / "lib.sqlite"
    with Library.open(path, encoder=HashEncoder(), ann_min=1) as lib:
        lib.add_cards([make_card("sanctions"), make_card("warming")], origin="a")
        assert lib.search("global warming sea levels", limit=1)[0].text.startswith("Global warming")
        index = lib.store._ann.index
        size_before = len(index)
        lib.add_cards([make_card("trade")], origin="b")
        assert lib.search("free trade tariffs", limit=1)[0].text.startswith("Free trade")
        assert lib.store._ann.index is index  # topped up in place, not rebuilt
        assert len(index) > size_before
    assert (tmp_path / "lib.sqlite.usearch").exists()
    with Library.open(path, encoder=HashEncoder(), ann_min=1) as again:
        assert again.search("nuclear", limit=1) is not None
        assert len(again.store._ann.index) == len(index)


def test_other_encoder_is_refused(tmp_path):
    path = tmp_path / "lib.sqlite"
    with Library.open(path, encoder=HashEncoder()) as lib:
        lib.add_cards([make_card("trade")], origin="a")

    class Other(HashEncoder):
        model_id = "other"

    with Library.open(path, encoder=Other()) as lib, pytest.raises(CardsmithError, match="vectors come from"):
        lib.add_cards([make_card("schools")], origin="b")


def test_shipped_reranker_ignores_features_the_benchmark_never_varies(lib):
    from cardsmith.library.search import FEATURES, shipped_reranker

    model = shipped_reranker()
    assert model is not None
    i = FEATURES.index("is_passage")
    assert model.std[i] == 1.0 and not model.hidden[i].any() and model.linear[i] == 0.0
    # A tagged card and passages are scored on the same scale as untagged cards.
    cards = [make_card(t) for t in ("sanctions", "warming", "nuclear", "schools")]
    lib.add_cards([*cards, make_card("trade", tag="Tariffs hurt workers")], origin="x")
    lib.add_document(Document(text=TEXT, paragraphs=[(0, len(TEXT))], metadata=Metadata()))
    hits = lib.search("tariffs hurt workers")
    assert hits[0].tag == "Tariffs hurt workers"
    assert all(abs(h.score) < 100 for h in hits)


def test_prepared_searches_match_one_by_one_searches(tmp_path):
    """prepare() (one embedding call, one matrix product for several queries) changes no result."""
    queries = ["sanctions failed", "tariffs hurt workers", "deterrence prevents war"]
    results = []
    for batched in (False, True):
        with Library.open(tmp_path / f"lib{batched}.sqlite", encoder=HashEncoder()) as lib:
            lib.add_cards([make_card(t) for t in TOPICS], origin="a.docx")
            if batched:
                lib.prepare(queries)
            results.append([[(h.id, round(h.score, 6)) for h in lib.search(q)] for q in queries])
    assert results[0] == results[1]
    assert all(results[0])
