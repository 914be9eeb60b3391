"""render_cards in every format, the JSON contract both ways, and escaping of untrusted text."""

from __future__ import annotations

import json

import pytest

from cardsmith.errors import CardsmithError
from cardsmith.formats import card_from_json, card_to_json, render_cards
from cardsmith.formats.html import body_html
from cardsmith.marking.clip import clip_spans
from cardsmith.model import Card, Cite, Heading, Marks

EVIL = "<script>alert(1)</script> & *stars*"


def card(**kw) -> Card:
    base = dict(
        tag="Tag " + EVIL,
        cite=Cite(short="Sun 16", full="Jane Sun", year=2016),
        body="read this and skip " + EVIL,
        marks=Marks(underline=[(0, 13)], emphasis=[(5, 9)], highlight=[(0, 4)]),
        outline=["Pocket"],
    )
    base.update(kw)
    return Card(**base)


def test_json_contract_round_trip():
    obj = json.loads(render_cards([card()], "json"))
    assert obj["tag"].startswith("Tag") and obj["cite"]["short"] == "Sun 16"
    assert obj["underline"] == [[0, 13]] and obj["highlight"] == [[0, 4]] and obj["outline"] == ["Pocket"]
    assert "id" not in obj and set(obj["source"]) == {"path", "start", "end"}
    assert card_to_json(card_from_json(obj)) == obj
    assert isinstance(json.loads(render_cards([card(), card()], "json")), list)
    lines = render_cards([Heading(1, "P"), card(), card()], "jsonl").splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["body"] == card().body


def test_json_plain_string_cite_and_validation():
    parsed = card_from_json(
        {"tag": "T", "cite": "Smith 19 John Smith, Harvard", "body": "abc", "highlight": [[0, 2]]}
    )
    assert (parsed.cite.short, parsed.cite.full, parsed.cite.year) == (
        "Smith 19",
        "John Smith, Harvard",
        2019,
    )
    with pytest.raises(CardsmithError, match="outside the body"):
        card_from_json({"tag": "T", "body": "abc", "underline": [[0, 9]]})
    with pytest.raises(CardsmithError, match="must be a string"):
        card_from_json({"tag": 5})


_U = "text-decoration:underline;font-size:11pt"
_E = "font-style:normal;font-weight:bold;text-decoration:underline;font-size:11pt"
_YELLOW = "background:yellow;mso-highlight:yellow"


def test_html_escapes_and_shows_marks():
    html = render_cards([Heading(1, EVIL), card()], "html")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert f'<span style="{_U};{_YELLOW}">read</span>' in html
    assert f'<em style="{_E}">this</em>' in html and html.startswith("<!DOCTYPE html>")
    fragment = render_cards([card()], "html", standalone=False)
    assert fragment.startswith('<section class="card">')


def test_markdown_escapes_and_marks():
    md = render_cards([card()], "md")
    assert "#### Tag \\<script\\>" in md and "**Sun 16** Jane Sun" in md
    assert "==<u>read</u>==" in md and "**<u>this</u>**" in md and "\\*stars\\*" in md


def test_text_brackets_ansi_and_plain():
    text = render_cards([card()], "txt")
    assert text.splitlines()[:2] == ["Tag " + EVIL, "Sun 16 Jane Sun"]
    assert "[read]" in text and "_ this and_" in text or "_ " in text
    assert "\x1b[" not in text
    assert "\x1b[30;43m" in render_cards([card()], "text", marks="ansi")
    assert render_cards([card()], "txt", marks="none").splitlines()[2] == card().body
    with pytest.raises(CardsmithError):
        render_cards([card()], "txt", marks="rainbow")


def test_headings_rebuilt_from_outlines_for_docx_and_unknown_format():
    assert render_cards([card()], "docx")[:2] == b"PK"
    assert "Pocket\n=====" in render_cards([Heading(1, "Pocket"), card()], "txt")
    with pytest.raises(CardsmithError, match="unknown format"):
        render_cards([card()], "pdf")


def test_markdown_marks_close_inside_each_paragraph():
    body = "First paragraph ends here.\n\nSecond one starts here."
    card = Card(tag="T", body=body, marks=Marks(underline=[(6, 36)], highlight=[(6, 36)]))
    paragraphs = [p for p in render_cards([card], "md").split("\n\n") if "paragraph" in p or "Second" in p]
    assert len(paragraphs) == 2
    for paragraph in paragraphs:
        assert paragraph.count("==") % 2 == 0 and paragraph.count("<u>") == paragraph.count("</u>")


def clipped_card() -> Card:
    """Highlights that end inside words, as ``mark(..., clip=True)`` makes them (text written here)."""
    body = "The government said technology helps."
    underline = [(0, 36)]
    return Card(tag="T", body=body, marks=Marks(underline=underline, highlight=clip_spans(body, underline)))


def test_clipped_highlights_split_runs_mid_word():
    card = clipped_card()
    assert card.marks.highlight == [(0, 7), (15, 24), (31, 36)]
    assert body_html(card, shrink=False) == (
        '<p style="margin:0pt 0pt 8pt 0pt;font-size:11pt">'
        f'<span style="{_U};{_YELLOW}">The gov</span><span style="{_U}">ernment </span>'
        f'<span style="{_U};{_YELLOW}">said tech</span><span style="{_U}">nology </span>'
        f'<span style="{_U};{_YELLOW}">helps</span>.</p>'
    )
    assert body_html(card).endswith('<span style="font-size:8pt">.</span></p>')  # shrunk, as in the .docx
    md = render_cards([card], "md")
    assert "==<u>The gov</u>==<u>ernment</u> ==<u>said tech</u>==<u>nology</u> ==<u>helps</u>==." in md
    assert "[The gov]_ernment _[said tech]_nology _[helps]." in render_cards([card], "txt")
    assert card_from_json(json.loads(render_cards([card], "json"))).marks == card.marks
