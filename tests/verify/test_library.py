"""``verify --library``: the source is found through the library's search (fake encoder, no model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import cardsmith.library as library_module
from cardsmith.cli import cli
from cardsmith.library import Library
from cardsmith.model import Card
from cardsmith.sources import read_document
from cardsmith.verify.library import library_sources
from tests.conftest import FIXTURES
from tests.library.conftest import HashEncoder
from tests.verify.helpers import EXCERPT, card

SOURCE = FIXTURES / "verify" / "article.txt"


@pytest.fixture
def lib_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(library_module, "default_encoder", HashEncoder)
    path = tmp_path / "lib.sqlite"
    with Library.open(path) as lib:
        lib.add_document(read_document(SOURCE))
        lib.add_cards([card(EXCERPT)], origin="mine.docx")
    return path


def test_library_sources_reread_the_file_and_skip_the_card_itself(lib_path: Path) -> None:
    with Library.open(lib_path) as lib:
        docs = library_sources(lib, card(EXCERPT))
    assert [d.path for d in docs][:1] == [str(SOURCE)]
    assert all(d.text != EXCERPT for d in docs)


def test_verify_with_library(lib_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "card.json"
    body = EXCERPT.replace("48 cities", "84 cities")
    path.write_text(json.dumps({"tag": "t", "cite": "Author 21", "body": body}), encoding="utf-8")
    result = CliRunner().invoke(cli, ["verify", str(path), "--library", str(lib_path), "--format", "json"])
    data = json.loads(result.output)
    assert data["source"]["path"] == str(SOURCE)
    assert [d["kind"] for d in data["differences"]] == ["number_changed"]


def test_missing_library_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "card.txt"
    path.write_text("t\nAuthor 21\n" + EXCERPT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["verify", str(path), "--library", str(tmp_path / "none.sqlite")])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"cardsmith: error: {tmp_path / 'none.sqlite'}: no library here (add sources with `cardsmith add`)"
    ]
    assert not (tmp_path / "none.sqlite").exists()


def test_empty_library_search_is_not_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(library_module, "default_encoder", HashEncoder)
    with Library.open(tmp_path / "empty.sqlite") as lib:
        assert library_sources(lib, Card(tag="t", body="Nothing stored matches this.")) == []


def test_absolute_only_never_opens_a_relative_label(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(library_module, "default_encoder", HashEncoder)
    monkeypatch.chdir(tmp_path)
    doc = read_document(SOURCE)
    doc.path = "article.txt"  # a web upload's label, which happens to name a file where the server runs
    (tmp_path / "article.txt").write_text("Another file entirely.", encoding="utf-8")
    with Library.open(tmp_path / "lib.sqlite") as lib:
        lib.add_document(doc)
        trusting = library_sources(lib, card(EXCERPT))
        guarded = library_sources(lib, card(EXCERPT), absolute_only=True)
    assert trusting[0].text == "Another file entirely."
    assert guarded and all(d.path.startswith("library:p") for d in guarded)
    assert all("Another file" not in d.text for d in guarded)
