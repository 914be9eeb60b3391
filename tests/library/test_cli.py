"""``cardsmith add`` / ``search`` / ``cards`` through click, with the fake encoder."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import cardsmith.library as library_module
from cardsmith.cli import cli
from cardsmith.errors import CardsmithError
from cardsmith.library import Library
from tests.library.conftest import HashEncoder, make_card


@pytest.fixture
def lib_path(tmp_path, monkeypatch):
    monkeypatch.setattr(library_module, "default_encoder", HashEncoder)
    path = tmp_path / "lib.sqlite"
    with Library.open(path) as lib:
        lib.add_cards([make_card("sanctions", "Smith", 2019), make_card("trade", "Jones", 2021)], origin="a.docx")
    return path


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def test_search_prints_ranked_hits(lib_path):
    result = run("search", "sanctions exports", "--library", str(lib_path), "--limit", "1")
    assert result.exit_code == 0
    assert result.output.startswith("1. [c1]") and "Smith 19" in result.output


def test_search_json_and_filters(lib_path):
    result = run("search", "sanctions tariffs", "--library", str(lib_path), "--json", "--author", "jones")
    hits = [json.loads(line) for line in result.output.splitlines()]
    assert [h["cite"].split()[0] for h in hits] == ["Jones"]
    assert {"id", "kind", "score", "text", "cite"} <= set(hits[0])


def test_batch_search_reads_json_lines_and_writes_one_line_per_query(lib_path):
    stdin = '{"id": "q1", "query": "free trade prices"}\n\n{"id": 2, "query": "sanctions"}\nnot json\n'
    result = CliRunner().invoke(cli, ["search", "--batch", "-", "--library", str(lib_path), "-k", "2"],
                                input=stdin)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["q1", 2, None]
    assert lines[0]["hits"][0]["text"].startswith("Free trade")
    assert all({"id", "score"} <= set(h) for h in lines[0]["hits"])
    assert "line 4" in lines[2]["error"]
    assert result.exit_code == 1  # the bad line is reported, the good ones answered


def test_batch_search_survives_nesting_and_legacy_encodings(lib_path):
    latin = '{"id": "q1", "query": "caf\u00e9 trade prices"}'.encode("latin-1")
    stdin = b"[" * 100_000 + b"\n" + latin + b"\n" + b'{"id": "q2"}\n'
    result = CliRunner().invoke(cli, ["search", "--batch", "-", "--library", str(lib_path), "-k", "1"], input=stdin)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == [None, "q1", None]
    assert lines[0]["error"] == "line 1: JSON nested too deeply" and "line 3" in lines[2]["error"]
    assert lines[1]["hits"] and result.exit_code == 1
    assert "Traceback" not in result.output and len(result.stderr.splitlines()) == 2


def test_add_stores_text_sources_as_passages(lib_path, tmp_path):
    source = tmp_path / "article.txt"
    source.write_text("Tariffs are taxes paid by importers. " * 5 + "\n\nConsumers pay higher prices.\n")
    missing = tmp_path / "missing.txt"
    result = CliRunner().invoke(cli, ["add", str(source), str(missing), "--library", str(lib_path)])
    assert result.exit_code == 1
    assert "source 1" in result.stdout and "missing.txt" in result.stderr
    found = run("search", "importers pay tariffs", "--kind", "passage", "--json", "--library", str(lib_path))
    assert json.loads(found.output.splitlines()[0])["kind"] == "passage"


def test_cards_shows_totals_and_card_json(lib_path):
    assert "cards: 2" in run("cards", "--library", str(lib_path)).output
    card = json.loads(run("cards", "c1", "--library", str(lib_path)).output)
    assert card["origins"] == ["a.docx"] and card["cite"]["authors"] == ["Smith"]
    assert run("cards", "c99", "--library", str(lib_path)).exit_code == 1


def test_corrupt_library_is_one_line_error(tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_text("garbage " * 500)
    result = CliRunner().invoke(cli, ["search", "anything", "--library", str(bad)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "not a cardsmith library" in result.stderr


def test_library_style_is_shown_set_and_cleared(lib_path):
    assert run("library", "style", "--library", str(lib_path)).output.startswith("none")
    assert run("library", "style", "pf", "--library", str(lib_path)).output == "pf\n"
    assert run("library", "style", "--library", str(lib_path)).output == "pf\n"
    with Library.open(lib_path) as lib:
        assert lib.style == "pf"
    assert run("library", "style", "--clear", "--library", str(lib_path)).output.startswith("none")
    both = CliRunner().invoke(cli, ["library", "style", "ld", "--clear", "--library", str(lib_path)])
    assert both.exit_code == 2 and "not both" in both.output
    bad = CliRunner().invoke(cli, ["library", "style", "parli", "--library", str(lib_path)])
    assert bad.exit_code == 2 and "parli" in bad.output


def test_library_style_of_a_missing_file_is_an_error_and_creates_nothing(tmp_path):
    missing = tmp_path / "typo.sqlite"
    for args in ([], ["--clear"]):
        result = CliRunner().invoke(cli, ["library", "style", *args, "--library", str(missing)])
        assert result.exit_code == 1 and f"{missing}: no library here" in result.stderr
    assert not missing.exists()


def test_library_refuses_an_unknown_style(lib_path):
    with Library.open(lib_path) as lib, pytest.raises(CardsmithError, match="unknown style"):
        lib.set_style("parli")
