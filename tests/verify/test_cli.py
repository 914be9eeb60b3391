"""``cardsmith verify`` end to end on fixture files: report formats, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

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
    assert result.exit_code == 3  # altered: distinct from an input that failed
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
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1
    assert "gone.pdf" in result.output
    assert "Traceback" not in result.output


def test_empty_card_is_one_line(tmp_path: Path) -> None:
    card = _card(tmp_path, "")
    result = CliRunner().invoke(cli, ["verify", str(card), "--source", str(SOURCE)])
    assert result.exit_code == 1
    assert result.output.strip().endswith("the card has no body text to verify")


def test_no_source_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["verify", str(_card(tmp_path, EXCERPT))])
    assert result.exit_code == 2
    assert "--source" in result.output


def _errors(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("cardsmith: error: ")]


def test_bad_sources_among_several_are_reported_and_the_others_used(tmp_path: Path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    missing = tmp_path / "gone.pdf"
    card = _card(tmp_path, EXCERPT)
    result = CliRunner().invoke(cli, ["verify", str(card), str(missing), "--source", str(binary), str(SOURCE)])
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith("VERBATIM")
    errors = _errors(result)
    assert len(errors) == 2 and "Traceback" not in result.output
    assert any(str(binary) in e and "PNG" in e for e in errors)
    assert any(str(missing) in e and "no such file" in e for e in errors)


def test_no_readable_source_is_one_line_each_and_no_verdict(tmp_path: Path) -> None:
    card = _card(tmp_path, EXCERPT)
    result = CliRunner().invoke(cli, ["verify", str(card), str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert [e.split(": ")[2] for e in _errors(result)] == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_source_among_several_is_reported(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(SOURCE.read_text(encoding="utf-8"), encoding="utf-8")
    locked.chmod(0)
    result = CliRunner().invoke(cli, ["verify", str(_card(tmp_path, EXCERPT)), str(locked), str(SOURCE)])
    assert result.exit_code == 1
    assert result.stdout.startswith("VERBATIM")
    assert _errors(result) == [f"cardsmith: error: {locked}: permission denied"]


def test_deeply_nested_json_card_is_one_line(tmp_path: Path) -> None:
    card = tmp_path / "deep.json"
    card.write_text("[" * 100_000, encoding="utf-8")
    result = CliRunner().invoke(cli, ["verify", str(card), str(SOURCE)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"cardsmith: error: {card}: JSON nested too deeply"]


def test_card_in_utf16_is_verified(tmp_path: Path) -> None:
    card = tmp_path / "card.txt"
    card.write_text(f"Water tariffs need reform\nAuthor 21 (Imaginary Author)\n{EXCERPT}", encoding="utf-16")
    result = CliRunner().invoke(cli, ["verify", str(card), str(SOURCE)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("VERBATIM")
