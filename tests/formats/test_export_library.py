"""``cardsmith export --library``: chosen cards in the given order, or every card under its outline,
with the formatting they were imported with."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import cardsmith.library as library_module
from cardsmith.cli import cli
from cardsmith.formats.verbatim import read_verbatim
from cardsmith.model import Card, Heading
from tests.formats.docx_builder import make_docx, p, r
from tests.formats.test_formatting import visible
from tests.library.conftest import HashEncoder


def card_xml(tag: str, body: str) -> str:
    return "".join(
        [
            p("Heading4", r(tag), r(" underlined", u=True)),
            p(None, r("Sun 16", "Style13ptBold"), r(" Yun Sun, 2016")),
            p(None, r(f"{body} small ", sz=16), r("read aloud", "StyleUnderline", hl="green")),
        ]
    )


@pytest.fixture
def imported(tmp_path, monkeypatch):
    """A library holding one imported file of three cards under two blocks; the file's path."""
    monkeypatch.setattr(library_module, "default_encoder", HashEncoder)
    source = make_docx(
        tmp_path / "in.docx",
        p("Heading1", r("Pocket"))
        + p("Heading3", r("Block A"))
        + card_xml("First", "Alpha")
        + card_xml("Second", "Beta")
        + p("Heading3", r("Block B"))
        + card_xml("Third", "Gamma"),
    )
    library = tmp_path / "lib.sqlite"
    result = CliRunner().invoke(cli, ["import", str(source), "--library", str(library)])
    assert result.exit_code == 0, result.output
    return library, source


def export(*args: str):
    return CliRunner().invoke(cli, ["export", *args])


def test_export_every_card_keeps_outline_and_formatting(imported, tmp_path):
    library, source = imported
    out = tmp_path / "all.docx"
    result = export("--library", str(library), "-o", str(out))
    assert result.exit_code == 0, result.output
    items = read_verbatim(out)
    assert [(type(i).__name__, i.text if isinstance(i, Heading) else i.tag) for i in items] == [
        ("Heading", "Pocket"),
        ("Heading", "Block A"),
        ("Card", "First underlined"),
        ("Card", "Second underlined"),
        ("Heading", "Block B"),
        ("Card", "Third underlined"),
    ]
    assert visible(out) == visible(source)  # every character looks as it did in Word, headings too


def test_export_chosen_cards_in_order(imported, tmp_path):
    library, _ = imported
    out = tmp_path / "speech.docx"
    result = export("c3", "c1", "--library", str(library), "-o", str(out))
    assert result.exit_code == 0, result.output
    tags = [i.tag for i in read_verbatim(out) if isinstance(i, Card)]
    assert tags == ["Third underlined", "First underlined"]


def test_export_library_errors(imported, tmp_path):
    library, _ = imported
    out = tmp_path / "x.docx"
    missing = export("c99", "--library", str(library), "-o", str(out))
    assert missing.exit_code == 1 and "c99: no such card" in missing.stderr and not out.exists()
    bad = export("nonsense", "--library", str(library), "-o", str(out))
    assert bad.exit_code == 1 and "not a library id" in bad.stderr
    nothing = export("-o", str(out))
    assert nothing.exit_code == 2 and "--library" in nothing.stderr
