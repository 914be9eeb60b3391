"""``cardsmith read``: JSON and text output, and a batch that survives a bad file."""

import json

from click.testing import CliRunner

from cardsmith.cli import cli
from tests.conftest import FIXTURES

HTML = str(FIXTURES / "sources" / "article.html")
MD = str(FIXTURES / "sources" / "article.md")


def run(*args: str):
    return CliRunner().invoke(cli, ["read", *args])


def test_json_contract():
    result = run(HTML, "--format", "json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["text"].startswith("Rail Freight Returns to the Mountains")
    assert out["paragraphs"][1].startswith("Freight trains")
    meta = out["metadata"]
    fields = {"authors", "qualifications", "date", "year", "title", "publication", "url", "accessed"}
    assert set(meta) >= fields | {"confidence", "warnings"}
    assert meta["authors"] == ["Oskar Brennwald"] and meta["year"] == 2023


def test_json_no_text_one_line_per_file():
    result = run(HTML, MD, "--format", "json", "--no-text")
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2
    assert all("text" not in json.loads(line) for line in lines)


def test_text_format_has_header_then_paragraphs():
    result = run(MD)
    assert result.exit_code == 0
    assert "authors: Ines Carvallo-Hurst" in result.stdout
    assert "url: (unknown)" in result.stdout
    assert "\n\nDesalination at the Crossroads\n\n" in result.stdout


def test_batch_with_a_bad_file(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")
    result = run(str(bad), HTML, "--format", "json", "--no-text")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["metadata"]["publication"] == "Transit Ledger"
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1 and str(bad) in errors[0] and "damaged" in errors[0]
    assert "Traceback" not in result.output
