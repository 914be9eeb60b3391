"""``--library postgresql://...``: the commands and the web app work on a team library as on a file."""

from __future__ import annotations

import json

from click.testing import CliRunner
from fastapi.testclient import TestClient

import cardsmith.library as library_module
from cardsmith.cli import cli
from cardsmith.formats import render_cards
from cardsmith.web import create_app
from tests.library.conftest import HashEncoder, make_card


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_import_search_cards_and_export_on_a_postgres_library(postgres, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(library_module, "default_encoder", HashEncoder)
    url = postgres.database(tmp_path)
    speech = tmp_path / "speech.docx"
    speech.write_bytes(render_cards([make_card("sanctions", "Smith", 2019), make_card("trade", "Jones", 2021)], "docx"))
    imported = run("import", str(speech), "--library", url, "--json")
    assert imported.exit_code == 0, imported.output
    assert json.loads(imported.stdout)["total"]["added"] == 2
    again = run("import", str(speech), "--library", url, "--json")
    assert json.loads(again.stdout)["total"]["duplicates"] == 2

    hits = [json.loads(line) for line in run("search", "tariffs consumer prices", "--library", url, "--json").stdout
            .splitlines()]
    assert hits[0]["cite"].startswith("Jones") and hits[0]["id"] == "c2"
    card = json.loads(run("cards", "c2", "--library", url).output)
    assert card["origins"] == [str(speech.resolve())] and card["cite"]["short"] == "Jones 21"
    assert "cards: 2" in run("cards", "--library", url).output
    exported = run("export", "--library", url, "--format", "jsonl")
    assert [json.loads(line)["cite"]["short"] for line in exported.stdout.splitlines()] == ["Smith 19", "Jones 21"]

    with TestClient(create_app(url, encoder=HashEncoder())) as client:  # what `cardsmith serve --library URL` runs
        found = client.get("/api/search", params={"q": "economic sanctions", "limit": 1}).json()
    assert [hit["id"] for hit in found["hits"]] == ["c1"]


def test_an_unreachable_team_library_is_a_one_line_error() -> None:
    result = CliRunner().invoke(cli, ["cards", "--library", "postgresql://team:secret@127.0.0.1:1/lib"])
    assert result.exit_code == 1 and "cannot open the library" in result.stderr
    assert "secret" not in result.output and "Traceback" not in result.output
