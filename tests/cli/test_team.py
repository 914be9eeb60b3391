"""``cardsmith members`` / ``restore`` / ``purge`` / ``library copy`` / ``verify --library URL`` on a real server."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import cardsmith.library as library_module
from cardsmith.cli import cli
from cardsmith.library import Library
from cardsmith.sources import read_document
from tests.conftest import FIXTURES
from tests.library.conftest import HashEncoder, make_card
from tests.verify.helpers import EXCERPT, card


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def url(postgres, tmp_path, monkeypatch) -> str:
    monkeypatch.setattr(library_module, "default_encoder", HashEncoder)
    return postgres.database(tmp_path)


def test_members_are_added_listed_and_removed(url) -> None:
    added = run("members", "add", "Ana", "--role", "editor", "--library", url)
    assert added.exit_code == 0, added.output
    token = added.stdout.strip()
    assert len(token) == 43 and "not shown again" in added.stderr
    run("members", "add", "Ben", "--role", "reader", "--library", url)
    listed = run("members", "list", "--library", url).stdout.splitlines()
    assert [line.split("\t")[:2] for line in listed] == [["Ana", "editor"], ["Ben", "reader"]]
    again = run("members", "add", "Ana", "--role", "reader", "--library", url)
    assert again.exit_code == 1 and "Ana: already a member" in again.stderr
    assert run("members", "remove", "Ana", "--library", url).stdout.strip() == "removed Ana"
    gone = run("members", "remove", "Ana", "--library", url)
    assert gone.exit_code == 1 and gone.stderr.strip() == "cardsmith: error: Ana: not a member"


def test_members_of_a_sqlite_library_is_a_one_line_error(tmp_path) -> None:
    result = run("members", "list", "--library", str(tmp_path / "lib.sqlite"))
    assert result.exit_code == 1 and len(result.stderr.splitlines()) == 1
    assert "need a team library (a postgresql:// URL)" in result.stderr


def test_a_deleted_card_is_listed_and_restored_by_whoever_restores_it(url) -> None:
    with Library.open(url) as lib:
        ids = lib.add_cards([make_card("sanctions", tag="gone"), make_card("trade")], "a.docx").ids
        lib.delete(ids[0])
    (line,) = run("restore", "--library", url).stdout.splitlines()
    assert line.startswith(f"c{ids[0]}\tdeleted ") and line.endswith("\tgone")
    restored = run("restore", f"c{ids[0]}", f"c{ids[1]}", "nonsense", "--library", url, "--as", "coach")
    assert restored.exit_code == 1 and restored.stdout == f"c{ids[0]}: restored\n"
    assert f"c{ids[1]}: no deleted card" in restored.stderr and "nonsense: not a library id" in restored.stderr
    with Library.open(url) as lib:
        assert lib.store.card_log(ids[0])[-1]["member"] == "coach"
        assert "c" + str(ids[0]) in [c.id for c in lib.list_cards()]
    assert run("purge", "--library", url).stdout.strip() == "purged 0 cards deleted more than 30 days ago"


def test_library_copy_prints_its_check(url, tmp_path) -> None:
    source = tmp_path / "mine.sqlite"
    with Library.open(source) as lib:
        lib.add_cards([make_card("sanctions", tag="sanctions fail"), make_card("trade", tag="trade good")], "a")
    result = run("library", "copy", str(source), url, "--sample", "2")
    assert result.exit_code == 0, result.output
    assert "cards: 2 -> 2 ok" in result.stdout and "searches: 2/2 sampled queries" in result.stdout
    refused = run("library", "copy", str(source), url)
    assert refused.exit_code == 1 and "not empty" in refused.stderr
    missing = run("library", "copy", str(tmp_path / "none.sqlite"), str(tmp_path / "b.sqlite"))
    assert missing.exit_code == 1 and "none.sqlite: no library here" in missing.stderr


def test_verify_finds_the_source_in_a_team_library(url, tmp_path) -> None:
    with Library.open(url) as lib:
        lib.add_document(read_document(FIXTURES / "verify" / "article.txt"))
        lib.add_cards([card(EXCERPT)], origin="mine.docx")
    path = tmp_path / "card.json"
    path.write_text(json.dumps({"tag": "t", "cite": "Author 21", "body": EXCERPT.replace("48", "84")}), "utf-8")
    result = run("verify", str(path), "--library", url, "--format", "json")
    data = json.loads(result.stdout)
    assert data["source"]["path"] == str(FIXTURES / "verify" / "article.txt")
    assert [d["kind"] for d in data["differences"]] == ["number_changed"]
