"""``cardsmith import`` / ``export``: summaries, one-line errors, exit codes, conversions."""

from __future__ import annotations

import json

import docx
from click.testing import CliRunner

from cardsmith.cli import cli
from cardsmith.formats import import_file, render_cards
from cardsmith.model import Card, Cite, Heading, Marks


def write_inputs(tmp_path):
    items = [
        Heading(1, "P"),
        Card(
            tag="T",
            cite=Cite("Sun 16", "Jane"),
            body="abc def",
            marks=Marks(underline=[(0, 3)], highlight=[(0, 3)]),
            outline=["P"],
        ),
        Card(tag="Analytic", outline=["P"]),
    ]
    good = tmp_path / "good.docx"
    good.write_bytes(render_cards(items, "docx"))
    jsonl = tmp_path / "cards.jsonl"
    jsonl.write_text('{"tag": "J", "cite": "Lee 20 Bo Lee", "body": "xyz", "highlight": [[0, 1]]}\n')
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    return good, jsonl, bad


def test_import_summary_and_failures(tmp_path):
    good, jsonl, bad = write_inputs(tmp_path)
    result = CliRunner().invoke(cli, ["import", str(good), str(bad), str(jsonl), "--dry-run", "--json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["files"][0] == {"path": str(good), "cards": 1, "analytics": 1, "headings": 1}
    assert data["total"] == {"files": 2, "cards": 2, "analytics": 1, "headings": 1, "failed": 1}
    assert "bad.docx: not a .docx file" in result.stderr and "Traceback" not in result.output


def test_import_stores_cards_once_and_counts_duplicates(tmp_path):
    good, jsonl, _ = write_inputs(tmp_path)
    library = str(tmp_path / "lib.sqlite")
    first = CliRunner().invoke(cli, ["import", str(good), str(jsonl), "--library", library, "--json"])
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["total"]["added"] == 2
    again = CliRunner().invoke(cli, ["import", str(good), "--library", library, "--json"])
    total = json.loads(again.stdout)["total"]
    assert (total["added"], total["duplicates"]) == (0, 1)


def test_export_formats(tmp_path):
    good, jsonl, _ = write_inputs(tmp_path)
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(cli, ["export", str(good), str(jsonl), "--format", "docx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    tags = [item.tag for item in import_file(out) if isinstance(item, Card)]
    assert tags == ["T", "Analytic", "J"]
    md = CliRunner().invoke(cli, ["export", str(good), "-f", "md"])
    assert md.exit_code == 0 and "#### T" in md.stdout
    missing = CliRunner().invoke(cli, ["export", str(good), "-f", "docx"])
    assert missing.exit_code == 2 and "--output" in missing.stderr


def test_export_layout_flags(tmp_path):
    """--no-shrink keeps full-size text; --pilcrows condenses a cut card's body into one paragraph."""
    jsonl = tmp_path / "cut.jsonl"
    jsonl.write_text('{"tag": "J", "cite": "Lee 20 Bo Lee", "body": "one\\n\\ntwo", "underline": [[0, 3]]}\n')
    out = tmp_path / "out.docx"
    shrunk = CliRunner().invoke(cli, ["export", str(jsonl), "-o", str(out)])
    assert shrunk.exit_code == 0 and 'w:val="16"' in docx_xml(out)
    full = CliRunner().invoke(cli, ["export", str(jsonl), "-o", str(out), "--no-shrink", "--pilcrows"])
    assert full.exit_code == 0 and 'w:val="16"' not in docx_xml(out)
    (back,) = import_file(out)
    assert back.body == "one \u00b6 two"
    html = CliRunner().invoke(cli, ["export", str(jsonl), "-f", "html"]).output
    assert '<span style="font-size:8pt">' in html


def docx_xml(path) -> str:
    """The document part of a written .docx."""
    return docx.Document(str(path)).element.xml


def test_cut_takes_a_highlight_colour_and_refuses_others(tmp_path):
    source = tmp_path / "article.txt"
    source.write_text("Shared arrays cut bills for every subscriber in the town.\n")
    bad = CliRunner().invoke(cli, ["cut", str(source), "--format", "html", "--highlight-colour", "orange"])
    assert bad.exit_code == 2 and "'orange' is not one of" in bad.output
    html = render_cards(
        [Card(tag="T", body="abc", marks=Marks(underline=[(0, 3)], highlight=[(0, 3)]))], "html", highlight="darkCyan"
    )
    assert "mso-highlight:darkCyan" in html  # what `cut --format html --highlight-colour darkCyan` prints


def test_emphasis_from_json_reaches_every_format(tmp_path):
    """Emphasis spans in a card's JSON (as the web editor's F10 or the marker set them) come out as
    Verbatim's Emphasis style, <em> in HTML, bold underline in Markdown, and read back the same."""
    jsonl = tmp_path / "cards.jsonl"
    card = {
        "tag": "T",
        "cite": "Lee 20 Bo Lee",
        "body": "read this key word",
        "underline": [[0, 18]],
        "emphasis": [[10, 13]],
        "highlight": [[5, 13]],
    }
    jsonl.write_text(json.dumps(card) + "\n")
    out = tmp_path / "out.docx"
    assert CliRunner().invoke(cli, ["export", str(jsonl), "-o", str(out)]).exit_code == 0
    assert '<w:rStyle w:val="Emphasis"/>' in docx_xml(out)
    (back,) = import_file(out)
    assert back.marks.emphasis == [(10, 13)] and back.marks.highlight == [(5, 13)]
    html = CliRunner().invoke(cli, ["export", str(jsonl), "-f", "html"]).output
    assert "font-weight:bold;text-decoration:underline" in html and ">key</em>" in html
    assert "**<u>key</u>**" in CliRunner().invoke(cli, ["export", str(jsonl), "-f", "md"]).output
