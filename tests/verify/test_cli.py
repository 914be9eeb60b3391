"""``cardsmith verify`` end to end on fixture files: report formats, exit codes, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cardsmith.cli import cli
from tests.conftest import FIXTURES
from tests.verify.helpers import EXCERPT

SOURCE = FIXTURES / "verify" / "article.txt"


def _card(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "card.txt"
    path.write_text(f"Water tariffs need reform\nAuthor 21 (Imaginary Author, professor)\n{body}", encoding="utf-8")
    return path


def test_json_report_of_an_altered_card(tmp_path: Path) -> None:
    card = _card(tmp_path, EXCERPT.replace("48 cities", "84 cities"))
    result = CliRunner().invoke(cli, ["verify", str(card), "--source", str(SOURCE), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["verdict"] == "altered"
    assert data["source"]["path"] == str(SOURCE)
    assert [d["kind"] for d in data["differences"]] == ["number_changed"]
    assert "title" in data["cite_missing"]


def test_text_report_of_a_clean_card_with_several_sources(tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("Nothing about water here at all, only orchards and frost.", encoding="utf-8")
    card = _card(tmp_path, EXCERPT.replace("'", "’"))
    result = CliRunner().invoke(cli, ["verify", str(card), "--source", str(other), str(SOURCE)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("COSMETIC")
    assert "Differences: none" in result.output


def test_missing_source_is_one_line(tmp_path: Path) -> None:
    card = _card(tmp_path, EXCERPT)
    result = CliRunner().invoke(cli, ["verify", str(card), "--source", str(tmp_path / "gone.pdf")])
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    assert "gone.pdf" in result.output
    assert "Traceback" not in result.output


def test_empty_card_is_one_line(tmp_path: Path) -> None:
    card = _card(tmp_path, "")
    result = CliRunner().invoke(cli, ["verify", str(card), "--source", str(SOURCE)])
    assert result.exit_code == 2
    assert result.output.strip().endswith("the card has no body text to verify")


def test_no_source_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["verify", str(_card(tmp_path, EXCERPT))])
    assert result.exit_code == 2
    assert "--source" in result.output
