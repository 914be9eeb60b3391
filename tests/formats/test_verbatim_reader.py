"""The Verbatim reader on small fixtures that each isolate one real-world quirk."""

from __future__ import annotations

import zipfile

import pytest

from cardsmith.errors import SourceError
from cardsmith.formats.spans import marked_words
from cardsmith.formats.verbatim import read_verbatim
from cardsmith.model import Card, Heading
from tests.formats.docx_builder import cite, make_docx, p, r, tag


def cards(items):
    return [item for item in items if isinstance(item, Card)]


def test_outline_cite_and_marks(tmp_path):
    body = "".join(
        [
            p("Heading1", r("Aff")),
            p("Heading2", r("Contention One")),
            p("Heading3", r("Warming")),
            tag("Warming is real"),
            cite("Sun 16", "Jane Sun, professor, 2016, Journal"),
            p(
                None,
                r("Plain start "),
                r("under", "StyleUnderline"),
                r(" and "),
                r("strong", "Emphasis"),
                r(" then "),
                r("read", "StyleUnderline", hl="yellow"),
                r(" and "),
                r("green", u=True, hl="green"),
                r(" end"),
            ),
            p("Heading3", r("Next block")),
            tag("An analytic"),
        ]
    )
    items = read_verbatim(make_docx(tmp_path / "a.docx", body))
    assert [(i.level, i.text) for i in items if isinstance(i, Heading)] == [
        (1, "Aff"),
        (2, "Contention One"),
        (3, "Warming"),
        (3, "Next block"),
    ]
    card, analytic = cards(items)
    assert card.outline == ["Aff", "Contention One", "Warming"]
    assert (card.cite.short, card.cite.full, card.cite.year) == (
        "Sun 16",
        "Jane Sun, professor, 2016, Journal",
        2016,
    )
    assert marked_words(card.body, card.marks.underline) == ["under", "strong", "read", "green"]
    assert marked_words(card.body, card.marks.emphasis) == ["strong"]
    assert marked_words(card.body, card.marks.highlight) == ["read", "green"]
    assert (
        analytic.is_analytic
        and analytic.tag == "An analytic"
        and analytic.outline == ["Aff", "Contention One", "Next block"]
    )


def test_shading_counts_as_highlight_and_white_does_not(tmp_path):
    body = (
        tag("T")
        + cite("Sun 16", "rest")
        + p(None, r("shaded", u=True, shd="00FFFF"), r(" white", shd="FFFFFF"))
    )
    (card,) = cards(read_verbatim(make_docx(tmp_path / "s.docx", body)))
    assert marked_words(card.body, card.marks.highlight) == ["shaded"]


def test_tag_split_over_runs_and_bold_short_cite(tmp_path):
    body = p("Heading4", r("Split "), r("over", b=True), r(" runs"))
    body += p(None, r("Stephen J. "), r("Cimbala 20", b=True), r(", Professor, Penn State"))
    body += p(None, r("text", u=True))
    (card,) = cards(read_verbatim(make_docx(tmp_path / "t.docx", body)))
    assert card.tag == "Split over runs"
    assert (card.cite.short, card.cite.full) == ("Stephen J. Cimbala 20", ", Professor, Penn State")


def test_two_line_cite(tmp_path):
    body = (
        tag("T") + p(None, r("Sun 16", "Style13ptBold")) + p(None, r("Jane Sun, prof, 2016, https://x.org/a"))
    )
    body += p(None, r("card text", u=True))
    body += (
        tag("U")
        + cite("Lee 20", "Bo Lee, 2020")
        + p(None, r("Chapter Two: A Title"))
        + p(None, r("more", u=True))
    )
    one, two = cards(read_verbatim(make_docx(tmp_path / "c.docx", body)))
    assert (one.cite.short, one.cite.full, one.body) == (
        "Sun 16",
        "Jane Sun, prof, 2016, https://x.org/a",
        "card text",
    )
    assert two.cite.full == "Bo Lee, 2020\nChapter Two: A Title" and two.body == "more"


def test_pilcrows_shrunk_text_and_notes_are_kept_verbatim(tmp_path):
    body = (
        tag("T")
        + cite("Sun 16", "rest")
        + p(None, r("One. ¶ Two ", sz=8), r("marked", u=True, hl="yellow"), r(" [ Table Omitted ] end", sz=6))
    )
    (card,) = cards(read_verbatim(make_docx(tmp_path / "p.docx", body)))
    assert card.body == "One. ¶ Two marked [ Table Omitted ] end"
    assert marked_words(card.body, card.marks.highlight) == ["marked"]


def test_tracked_changes_take_insertions_drop_deletions_ignore_comments(tmp_path):
    ins = f'<w:ins w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z">{r("new ", u=True)}</w:ins>'
    dele = '<w:del w:id="2" w:author="a"><w:r><w:delText>old </w:delText></w:r></w:del>'
    comment = '<w:commentRangeStart w:id="3"/><w:commentRangeEnd w:id="3"/>'
    body = tag("T") + cite("Sun 16", "rest") + p(None, r("keep "), dele, ins, comment, r("text"))
    (card,) = cards(read_verbatim(make_docx(tmp_path / "tc.docx", body)))
    assert card.body == "keep new text"
    assert marked_words(card.body, card.marks.underline) == ["new"]


def test_line_break_splits_cite_from_body(tmp_path):
    run = "<w:r><w:t>Sun 16 Jane Sun 2016</w:t><w:br/></w:r>"
    body = tag("T") + p(None, run, r("body", u=True))
    (card,) = cards(read_verbatim(make_docx(tmp_path / "br.docx", body)))
    assert card.cite.text == "Sun 16 Jane Sun 2016" and card.body == "body"


def test_headings_without_cards_and_text_before_any_tag(tmp_path):
    body = p("Heading1", r("Pocket")) + p("Heading2", r("Empty hat")) + p(None, r("A stray line."))
    items = read_verbatim(make_docx(tmp_path / "h.docx", body))
    assert [type(i).__name__ for i in items] == ["Heading", "Heading", "Card"]
    assert items[2].tag == "A stray line." and items[2].is_analytic


def test_bold_normal_paragraph_followed_by_cite_is_a_tag(tmp_path):
    body = p("Heading3", r("Block")) + p(None, r("A bold tag", b=True)) + cite("Sun 16", "rest 2016")
    body += p(None, r("marked", u=True))
    (card,) = cards(read_verbatim(make_docx(tmp_path / "bt.docx", body)))
    assert (card.tag, card.cite.short, card.body) == ("A bold tag", "Sun 16", "marked")


def test_corrupt_zip(tmp_path):
    path = tmp_path / "bad.docx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(SourceError, match="bad.docx: .*(zip|corrupt)"):
        read_verbatim(path)


def test_doc_renamed_docx(tmp_path):
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(SourceError, match="legacy Word .doc"):
        read_verbatim(path)


def test_zip_without_document(tmp_path):
    path = tmp_path / "x.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(SourceError, match="no word/document.xml"):
        read_verbatim(path)


def test_plain_word_file_is_refused_with_a_reason(tmp_path):
    path = make_docx(tmp_path / "plain.docx", p(None, r("Just a letter.")))
    with pytest.raises(SourceError, match="not a Verbatim file"):
        read_verbatim(path)


def test_empty_file(tmp_path):
    path = tmp_path / "e.docx"
    path.write_bytes(b"")
    with pytest.raises(SourceError, match="empty file"):
        read_verbatim(path)


def body_para(text: str) -> str:
    """A card-text paragraph with one underlined, highlighted stretch."""
    return p(None, r("Some words ", u=True), r(text, u=True, hl="yellow"), r(" and the rest."))


def test_file_with_bold_tags_and_no_headings_is_imported(tmp_path):
    body = p(None, r("We begin with rivers.")) + p(None, r("Rivers are cleaner now", b=True))
    body += cite("Moss 21", "Ann Moss, hydrologist, 2021") + body_para("water quality improved")
    analytic, card = cards(read_verbatim(make_docx(tmp_path / "nh.docx", body)))
    assert analytic.is_analytic and analytic.tag == "We begin with rivers."
    assert (card.tag, card.cite.short) == ("Rivers are cleaner now", "Moss 21")


def test_second_cite_under_one_tag_is_a_second_card_with_that_tag(tmp_path):
    body = tag("Ferries cut traffic") + cite("Ruiz 19", "Paz Ruiz, planner, 2019") + body_para("fewer cars")
    body += p(None, r("Indeed – "), r("Okafor 22", "Style13ptBold"), r(" (Ike Okafor, engineer, 2022)"))
    body += body_para("shorter commutes")
    one, two = cards(read_verbatim(make_docx(tmp_path / "two.docx", body)))
    assert (one.tag, one.cite.short) == ("Ferries cut traffic", "Ruiz 19") and "Okafor" not in one.body
    assert two.tag == "Ferries cut traffic" and two.cite.short.endswith("Okafor 22")
    assert marked_words(two.body, two.marks.highlight) == ["shorter", "commutes"]


def test_plain_line_before_a_cite_inside_a_card_is_the_next_tag(tmp_path):
    body = tag("Ferries cut traffic") + cite("Ruiz 19", "Paz Ruiz, planner, 2019") + body_para("fewer cars")
    body += p(None, r("Buses fail alone.")) + cite("Chen 23", "Li Chen, 2023") + body_para("empty buses")
    one, two = cards(read_verbatim(make_docx(tmp_path / "next.docx", body)))
    assert one.body == "Some words fewer cars and the rest."
    assert (two.tag, two.cite.short) == ("Buses fail alone.", "Chen 23")
    assert two.body == "Some words empty buses and the rest."


def test_headings_used_as_tags_and_as_structure(tmp_path):
    body = p("Heading1", r("Aff")) + p("Heading2", r("Rivers"))
    body += p("Heading3", r("Dams starve deltas")) + cite("Moss 21", "Ann Moss, 2021") + body_para("less silt")
    body += p("Heading2", r("Ferries")) + p(None, r("Ferries cut ", b=True, u=True), r("traffic", b=True, hl="cyan"))
    body += cite("Ruiz 19", "Paz Ruiz, 2019") + body_para("fewer cars")
    body += p("Heading3", r("Our own point about boats."))
    items = read_verbatim(make_docx(tmp_path / "ht.docx", body))
    assert [(i.level, i.text) for i in items if isinstance(i, Heading)] == [
        (1, "Aff"),
        (2, "Rivers"),
        (2, "Ferries"),
        (3, "Our own point about boats."),
    ]
    dams, ferries = cards(items)
    assert (dams.tag, dams.cite.short, dams.outline) == ("Dams starve deltas", "Moss 21", ["Aff", "Rivers"])
    assert (ferries.tag, ferries.cite.short, ferries.outline) == ("Ferries cut traffic", "Ruiz 19", ["Aff", "Ferries"])


def test_title_style_is_a_block_heading_or_a_tag(tmp_path):
    body = p("Title", r("Contention one is wind"))
    body += p("Title", r("Wind is cheap")) + cite("Oduya 24", "Sam Oduya, 2024") + body_para("half the price")
    body += p("Title", r("Contention two is sun"))
    items = read_verbatim(make_docx(tmp_path / "title.docx", body))
    assert [(i.level, i.text) for i in items if isinstance(i, Heading)] == [
        (3, "Contention one is wind"),
        (3, "Contention two is sun"),
    ]
    (card,) = cards(items)
    assert (card.tag, card.cite.short, card.outline) == ("Wind is cheap", "Oduya 24", ["Contention one is wind"])


def test_unformatted_file_cards_found_by_plain_short_cites(tmp_path):
    plain = [
        "Our notes on rivers follow.",
        "Rivers flood more.",
        "Moss 21 [Ann Moss, hydrologist, 2021, River Notes]",
        "Floods came twice as often this decade as last.",
        "Since Jan. 20, the river rose every week.",
        "Dams help.",
        "Jo Kato 19, Professor of engineering, Dam Review",
        "A dam holds the spring melt back.",
    ]
    body = p("Heading2", r("Evidence")) + "".join(p(None, r(text)) for text in plain)
    analytic, moss, kato = cards(read_verbatim(make_docx(tmp_path / "plain.docx", body)))
    assert analytic.is_analytic and analytic.tag == plain[0]
    assert (moss.tag, moss.cite.short, moss.body) == ("Rivers flood more.", "Moss 21", "\n".join(plain[3:5]))
    assert (kato.tag, kato.cite.short, kato.body) == ("Dams help.", "Jo Kato 19", plain[7])


def test_highlighted_cite_with_date_and_address(tmp_path):
    source = "Ana Reyes, 3-4-2024, Harbor Notes, https://example.org/harbors"
    body = p("Heading2", r("Ports")) + p(None, r("Harbors silt up", b=True))
    body += p(None, r(source, u=True, hl="yellow")) + body_para("dredging costs")
    body += p(None, r("Boats wait", b=True)) + p(None, r("In 2024 ships waited longer.", hl="yellow"))
    body += body_para("queues")
    (card,) = cards(read_verbatim(make_docx(tmp_path / "hc.docx", body)))
    assert (card.tag, card.cite.text) == ("Harbors silt up", source)
    # A highlighted line with a year but no address is card text, so "Boats wait" is no tag.
    assert card.body.endswith("Boats wait\nIn 2024 ships waited longer.\nSome words queues and the rest.")


def test_bold_line_with_a_cite_in_it_before_a_full_cite_is_the_tag(tmp_path):
    body = p(None, r("Contention two is water", b=True)) + p(None, r("Lakes are cleaner, Moss 21 finds", b=True))
    body += cite("Moss 21,", "Ann Moss, 2021, Lake Report") + body_para("clearer lakes")
    # A bold line that is only a short cite stays the first line of a two-line cite.
    body += p(None, r("Wells run dry", b=True)) + p(None, r("Kato 19", b=True))
    body += p(None, r("Jo Kato", b=True), r(", 2019, Well Survey")) + body_para("lower water")
    analytic, lakes, wells = cards(read_verbatim(make_docx(tmp_path / "lead.docx", body)))
    assert analytic.tag == "Contention two is water"
    assert (lakes.tag, lakes.cite.short) == ("Lakes are cleaner, Moss 21 finds", "Moss 21,")
    assert (wells.tag, wells.cite.short, wells.cite.full) == ("Wells run dry", "Kato 19", "Jo Kato, 2019, Well Survey")


def test_long_text_before_a_tagless_cite_is_not_its_tag(tmp_path):
    long_text = "Card text that was cut without a tag above it, read aloud as it stands. " * 5
    body = p("Heading2", r("Evidence")) + p(None, r(long_text, u=True, hl="yellow"))
    body += cite("Moss 21", "Ann Moss, 2021") + body_para("first")
    body += cite("Kato 19", "Jo Kato, 2019") + body_para("second")
    stray, moss, kato = cards(read_verbatim(make_docx(tmp_path / "tagless.docx", body)))
    assert stray.is_analytic and stray.tag == long_text.strip()
    assert (moss.tag, moss.cite.short, kato.tag, kato.cite.short) == ("", "Moss 21", "", "Kato 19")
