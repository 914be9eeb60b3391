"""Each cleaning rule on its own, on small made-up texts."""

import pytest

from cardsmith.sources import inline, junk
from cardsmith.sources.clean import clean
from cardsmith.sources.mapped import Mapped


def run(rule, text: str) -> str:
    out = rule(Mapped.identity(text))
    assert all(text[o] == c for c, o in zip(out.text, out.offsets, strict=True))
    return out.text


@pytest.mark.parametrize("line", ["f", "🐦", "G+", "✉", "in", "Share", "Tweet", "Email", "Print", "f 🐦 in",
                                  "Share this article", "📧"])
def test_share_debris_lines(line):
    assert junk.is_share_debris(line)


@pytest.mark.parametrize("line", ["in fact, it did.", "Share prices fell", "F", "Printing presses"])
def test_share_debris_keeps_prose(line):
    assert junk.is_share_debris(line) is (line == "F")


def test_drop_share_debris():
    out = run(junk.drop_share_debris, "Para one.\n\nf\n\nG+\n**\nPara two.")
    assert out == "Para one.\n\n\n**\nPara two."


def test_drop_nav_lines_only_near_top():
    text = "Home About Topics Subscribe Search\nTitle Of Piece\n\nBody text here.\n"
    assert run(junk.drop_nav_lines, text) == "Title Of Piece\n\nBody text here.\n"
    late = "a\nb\nc\nd\ne\nf\nHome About Topics Subscribe Search\n"
    assert run(junk.drop_nav_lines, late) == late


def test_drop_stamps_inline_and_on_lines():
    text = ("end of a sentence. This content downloaded from 10.0.0.1 on Tue, 02 Jan 2024 09:00:00 UTC\n"
            "All use subject to https://about.jstor.org/terms\nnext")
    assert run(inline.drop_stamps, text) == "end of a sentence. \nnext"


def test_drop_page_numbers():
    text = "Body.\n12\n- 3 -\nPage 4 of 9\nIn 2016 the plan\n2016\n"
    assert run(junk.drop_page_numbers, text) == "Body.\nIn 2016 the plan\n2016\n"


def test_running_lines_without_pages():
    text = "Policy Brief 40 · 2016\nOne.\nPolicy Brief 41 · 2016\nTwo.\nPolicy Brief 42 · 2016\nThree.\n"
    assert run(junk.drop_running_lines, text) == "One.\nTwo.\nThree.\n"


def test_running_lines_on_page_edges():
    words = ["alpha", "beta", "gamma"]
    page = "Harbor Review {n}\nBody line about {w} is different.\nMore words about {w}.\n{n}\n"
    text = "\n\f\n".join(page.format(n=n, w=w) for n, w in enumerate(words, 1))
    out = run(junk.drop_running_lines, text)
    assert "Harbor Review" not in out and out.count("Body line") == 3


def test_footnote_lines_without_pages():
    text = ("Body sentence ends here.\n\n1 'A Report Title,' Some Press, March 3, 2015, http://ex.org/a.\n"
            " 2 Interviews with officials, Lisbon, 2016.\n\n"
            "10 percent of farms closed that year.\n")
    out = run(junk.drop_footnote_blocks, text)
    assert out == "Body sentence ends here.\n\n\n10 percent of farms closed that year.\n"


def test_footnote_block_at_page_bottom():
    page1 = ("A body line.\nAnother body line here.\nThird line of prose.\n"
             "1 'Title,' Press, 2014, p. 4.\ncontinued note\n")
    page2 = "Next page prose.\nMore prose here.\n"
    out = run(junk.drop_footnote_blocks, page1 + "\f\n" + page2)
    assert "Title" not in out and "continued note" not in out and "Next page prose." in out


def test_notes_section_until_prose_resumes():
    text = ("Last paragraph.\n\nReferences\n\n1. Doe, J. (2019). A Study. Journal, 3, pp. 4-9.\n\n"
            "About the Author\n")
    assert run(junk.drop_footnote_blocks, text) == "Last paragraph.\n\nAbout the Author\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("many countries.12 The rest", "many countries. The rest"),
        ("as she said,”3 and then", "as she said,” and then"),
        ("a claim¹ and another²³.", "a claim and another."),
        ("a claim[12] and more.[3, 4]", "a claim and more."),
        ("over negotiations12 and force", "over negotiations and force"),
        ("in 2016 the G20 spent $5 billion on 3.5 m", "in 2016 the G20 spent $5 billion on 3.5 m"),
        ("see p.12 for details", "see p.12 for details"),
        ("at http://ex.org/page.12 now", "at http://ex.org/page.12 now"),
    ],
)
def test_footnote_markers(text, expected):
    assert run(inline.drop_footnote_markers, text) == expected


def test_comment_tail_dropped_to_end():
    body = "Real paragraph of the article with enough words in it.\n\n" * 3
    text = body + "Leave a Reply\nYour email address will not be published.\nName\n"
    assert run(junk.drop_comment_tail, text) == body


def test_comment_marker_early_only_drops_its_line():
    text = "Related posts\n" + "Body of the article, long enough to matter.\n" * 5
    assert run(junk.drop_comment_tail, text) == "Body of the article, long enough to matter.\n" * 5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a good ex-\nample here", "a good example here"),
        ("the well-\nknown case", "the well-known case"),
        ("the pre-\nvious case", "the previous case"),
        ("a cross-\nborder deal, a cross-border deal", "a cross-border deal, a cross-border deal"),
        ("an ex-\nample, an example", "an example, an example"),
        ("soft\u00ad\nhyphen", "softhyphen"),
        ("End of line -\nnext", "End of line -\nnext"),
    ],
)
def test_hyphenation(text, expected):
    assert run(inline.join_hyphenated_words, text) == expected


def test_invisible_characters():
    assert run(inline.drop_invisible, "a\u200bb\r\nc\u00add") == "ab\ncd"


def test_clean_offsets_and_paragraphs():
    source = "Title Here\n\nFirst para line one\nline two.\n\nSecond   para.\n"
    cleaned = clean(source)
    paras = [cleaned.text[s:e] for s, e in cleaned.paragraphs]
    assert paras == ["Title Here", "First para line one line two.", "Second para."]
    for char, off in zip(cleaned.text, cleaned.offsets, strict=True):
        assert char == source[off] or (char.isspace() and source[off].isspace())
