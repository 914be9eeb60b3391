"""What Word shows survives import and export: run formatting, character styles, sizes, colours."""

from __future__ import annotations

import json
from dataclasses import replace

import docx
import pytest

from cardsmith.errors import CardsmithError
from cardsmith.formats import card_from_json, card_to_json
from cardsmith.formats.verbatim import read_verbatim, write_verbatim
from cardsmith.formats.verbatim.ooxml import read_paragraphs
from cardsmith.model import Card, Heading, RunFormat
from tests.formats.docx_builder import make_docx, p, r
from tests.formats.test_writer_roundtrip import assert_libreoffice_opens

#: A tag with an underlined word, a two-line cite, and a body with every kind of formatting.
BODY = "".join(
    [
        p("Heading1", r("Pocket "), r("one", u=True)),
        p("Heading4", r("Tags keep "), r("underlined", u=True), r(" words")),
        p(None, r("Sun 16", "Style13ptBold"), r(" Yun Sun, 2016, a title")),
        p(
            None,
            r("Shrunk words at eight points ", sz=16),
            r("green read aloud", "StyleUnderline", hl="green"),
            r(" shaded ", shd="00FFFF"),
            r("bold underline", b=True, u=True),
            r(" big italic", "StyleBigItalic"),
            r(" plain end."),
        ),
        p(None, r("Second paragraph ", sz=16), r("highlighted", hl="yellow", u=True)),
    ]
)


def visible(path) -> list[tuple[str, str, RunFormat]]:
    """Each non-space character with its paragraph's style and its format (character style names
    aside: the look counts)."""
    out = []
    for para in read_paragraphs(path):
        pos = 0
        for length, fmt in para.formats:
            look = replace(fmt, style=None)
            out.extend((ch, para.style, look) for ch in para.text[pos : pos + length] if not ch.isspace())
            pos += length
    return out


def test_export_keeps_what_word_shows(tmp_path):
    source = make_docx(tmp_path / "in.docx", BODY)
    out = tmp_path / "out.docx"
    write_verbatim(read_verbatim(source), out)
    assert visible(out) == visible(source)
    docx.Document(str(out))  # opens


def test_formatted_export_opens_in_libreoffice(tmp_path):
    out = tmp_path / "out.docx"
    write_verbatim(read_verbatim(make_docx(tmp_path / "in.docx", BODY)), out)
    assert_libreoffice_opens(out)


def test_paragraph_styles_are_kept(tmp_path):
    """A title stays a Title, an analytic body text (not a tag), a Tag-styled highlighted paragraph
    inside a card stays one Tag-styled paragraph (its line break too), a Heading 6 stays Heading 6;
    and all of them read back the same."""
    source = make_docx(
        tmp_path / "in.docx",
        p("Heading1", r("Pocket"))
        + p("Title", r("Cards"))
        + p(None, r("An analytic in plain text"))
        + p("Heading6", r("A low heading"))
        + p("Heading4", r("The tag"))
        + p(None, r("Sun 16", "Style13ptBold"), r(" Yun Sun, 2016"))
        + p(None, r("Card text ", sz=16), r("marked", u=True))
        + p("Heading4", r("a highlighted line styled as a tag", hl="yellow"), "<w:r><w:br/></w:r>", r("its next line"))
        + p(None, r("More card text", u=True)),
    )
    out = tmp_path / "out.docx"
    items = read_verbatim(source)
    write_verbatim(items, out)
    assert visible(out) == visible(source)
    again = read_verbatim(out)
    assert len(again) == len(items)
    for new, old in zip(again, items, strict=True):
        if isinstance(old, Heading):
            assert new == old
        else:
            assert {**card_to_json(new), "source": None} == {**card_to_json(old), "source": None}


def test_marks_and_cites_read_back_the_same(tmp_path):
    """Emphasis through a style based on it stays emphasis; a short cite alone on its line above a
    second cite line (its author in bold too) stays the short cite."""
    source = make_docx(
        tmp_path / "in.docx",
        p("Heading4", r("Tag"))
        + p(None, r("Sun 16", "Style13ptBold"))
        + p(None, r("Yun Sun", b=True), r(", Brookings, 2016, https://example.org"))
        + p(None, r("Plain and "), r("boxed", "Boxes"), r(" words.", u=True)),
    )
    card = read_verbatim(source)[0]
    assert card.cite.short == "Sun 16" and card.body[slice(*card.marks.emphasis[0])] == "boxed"
    out = tmp_path / "out.docx"
    write_verbatim([card], out)
    again = read_verbatim(out)[0]
    assert (again.cite, again.marks, again.body) == (card.cite, card.marks, card.body)
    assert visible(out) == visible(source)


def test_stored_formatting_describes_the_card(tmp_path):
    items = read_verbatim(make_docx(tmp_path / "in.docx", BODY))
    heading, card = items
    assert isinstance(heading, Heading) and isinstance(card, Card) and card.formatting
    underlined = [card.tag[s:e] for s, e, f in card.formatting.tag if f.underline]
    assert underlined == ["underlined"]
    colours = {card.body[s:e]: f.highlight for s, e, f in card.formatting.body if f.highlight}
    assert colours == {"green read aloud": "green", " shaded ": "#00FFFF", "highlighted": "yellow"}
    sizes = {f.size for s, e, f in card.formatting.body if card.body[s:e].startswith("Shrunk")}
    assert sizes == {16}
    # The marks still say what was underlined and highlighted.
    assert card.body[card.marks.highlight[0][0] : card.marks.highlight[0][1]] == "green read aloud shaded "


def test_stale_formatting_falls_back_to_marks(tmp_path):
    card = read_verbatim(make_docx(tmp_path / "in.docx", BODY))[1]
    card.body = card.body.replace("Shrunk", "Grown")
    out = tmp_path / "out.docx"
    write_verbatim([card], out)
    again = read_verbatim(out)[0]
    assert again.body == card.body and again.tag == card.tag and again.cite.short == "Sun 16"
    xml = docx.Document(str(out)).element.xml
    assert 'w:val="green"' not in xml and 'w:val="yellow"' in xml  # marks, in the chosen colour


def test_cut_cards_without_shrink_are_written_as_before(tmp_path):
    card = Card(tag="T", body="abc def")
    out = tmp_path / "cut.docx"
    write_verbatim([card], out, shrink=False)
    xml = docx.Document(str(out)).element.xml
    assert "<w:sz " not in xml.split("<w:body>")[1]


def test_json_carries_formatting_and_old_json_still_reads(tmp_path):
    card = read_verbatim(make_docx(tmp_path / "in.docx", BODY))[1]
    data = card_to_json(card)
    assert set(data["formatting"]) == {"tag", "cite", "body", "outline", "headings", "paragraphs", "formats"}
    assert card_from_json(json.loads(json.dumps(data))).formatting == card.formatting
    del data["formatting"]
    assert card_from_json(data).formatting is None


def test_json_formatting_is_checked(tmp_path):
    data = card_to_json(read_verbatim(make_docx(tmp_path / "in.docx", BODY))[1])
    data["formatting"]["body"].append([0, 10_000, 0])
    with pytest.raises(CardsmithError, match="past the body"):
        card_from_json(data)
    data["formatting"]["formats"] = [{"size": "big"}]
    with pytest.raises(CardsmithError, match="formatting"):
        card_from_json(data)
