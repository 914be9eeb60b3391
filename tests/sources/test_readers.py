"""Each format reader end to end: file in, cleaned Document out, offsets intact."""

import pytest

from cardsmith.errors import SourceError
from cardsmith.sources import read_document, read_text
from cardsmith.sources.docx import read_docx
from cardsmith.sources.pdf import read_pdf
from tests.conftest import FIXTURES
from tests.sources.make import check_offsets, make_docx, make_pdf, wrap

HERE = FIXTURES / "sources"

P1 = ("Salt marshes absorb storm surge before it reaches the towns behind them, which is why the "
      "regional board has started paying landowners to let old fields flood again along the coast.¹ "
      "The first sites were chosen for their low elevation.")
P2 = ("Restored marshes take years to mature, and the board expects the first measurable drop in flood "
      "damage only after the grasses have spread across the new mudflats and trapped enough sediment "
      "to raise the ground level by a few centimetres each season.")
P3_LINES = ["Landowners were sceptical at first because the payments arrived late and the con-",
            "struction of new sluice gates took longer than promised by the contractors."]
P4 = "The board will publish a full review of the programme next spring."
NOTE = "1 'Marsh Survey Results,' Coastal Board, May 4, 2018, http://example.org/survey."


@pytest.fixture
def marsh_pdf(tmp_path):
    p2 = wrap(P2)
    pages = [
        ["Salt Marsh Restoration and Flood Risk", "Amara Lindqvist-Oduya", *wrap(P1), *p2[:2], NOTE],
        [*p2[2:], *P3_LINES],
        [P4, "This content downloaded from 10.1.2.3 on Mon, 01 Jan 2024 10:00:00 UTC",
         "All use subject to https://about.jstor.org/terms"],
    ]
    path = tmp_path / "marsh.pdf"
    return make_pdf(path, pages, title="Salt Marsh Restoration", author="A. Lindqvist-Oduya")


def test_pdf_reader_cleans_pages(marsh_pdf):
    doc = read_document(marsh_pdf)
    check_offsets(doc)
    assert doc.paragraph_texts() == [
        "Salt Marsh Restoration and Flood Risk",
        "Amara Lindqvist-Oduya",
        P1.replace("¹", ""),
        P2,
        " ".join(P3_LINES).replace("con- struction", "construction"),
        P4,
    ]
    assert "\f" in doc.source_text


def test_pdf_hints_from_info(marsh_pdf):
    hints = read_pdf(marsh_pdf.read_bytes(), marsh_pdf).hints
    assert hints == {"title": "Salt Marsh Restoration", "authors": ["A. Lindqvist-Oduya"]}


def test_docx_reader(tmp_path):
    path = make_docx(tmp_path / "a.docx", ["Wind Leases Go to Auction", "By Petra Nakashima-Roy", P1, P2],
                     title="Wind Leases", author="Petra Nakashima-Roy")
    doc = read_document(path)
    check_offsets(doc)
    assert doc.paragraph_texts()[2:] == [P1.replace("¹", ""), P2]
    hints = read_docx(path.read_bytes(), path).hints
    assert hints == {"title": "Wind Leases", "authors": ["Petra Nakashima-Roy"]}


def test_verbatim_card_file_is_readable_without_property_hints(tmp_path):
    paragraphs = ["TAG Marshes cut flood damage", "Lind 19 (Amara, ecologist)", P2]
    path = make_docx(tmp_path / "cards.docx", paragraphs, author="Debater Who Saved It", verbatim=True)
    doc = read_document(path)
    assert doc.paragraph_texts() == ["Marshes cut flood damage", "Lind 19 (Amara, ecologist)", P2]
    assert read_docx(path.read_bytes(), path).hints == {}


def test_html_reader_main_text_and_metadata():
    doc = read_document(HERE / "article.html")
    check_offsets(doc)
    text = doc.text
    assert "Freight trains are running again" in text and "Hauliers remain sceptical" in text
    for junk in ("Leave a Reply", "Tweet", "Copyright", "Topics"):
        assert junk not in text
    meta = doc.metadata
    assert meta.authors == ["Oskar Brennwald"]
    assert meta.date == "2023-06-14"
    assert meta.url == "https://transit-ledger.example.com/rail-freight-mountains"
    assert meta.publication == "Transit Ledger"


def test_markdown_reader_unescapes_and_strips_markup():
    doc = read_document(HERE / "article.md")
    check_offsets(doc)
    paras = doc.paragraph_texts()
    assert paras[0] == "Desalination at the Crossroads"
    assert "roughly $1.10 per cubic metre, down from $2 a decade ago." in paras[3]
    body = doc.text
    assert "21st century plants" in body and "replaced. Still" in body
    assert "regional energy agency warns" in body and "largely unregulated." in body
    for markup in ("**", "\\$", "<sup>", "](", "##", "![", "> "):
        assert markup not in body
    assert paras[-2:] == ["- membranes last longer", "- pumps recover pressure"]


def test_txt_web_copy_loses_debris_and_comment_form():
    doc = read_document(HERE / "web_copy.txt")
    check_offsets(doc)
    paras = doc.paragraph_texts()
    assert paras[0] == "Tidal Power Finally Gets Its Turn"
    assert not any(p in {"f", "🐦", "G+", "✉", "in", "Share", "Tweet", "Print", "Email"} for p in paras)
    assert "Leave a Reply" not in doc.text and "Related posts" not in doc.text
    assert any(p.startswith("Engineers at the harbour") and p.endswith("resist barnacles.") for p in paras)


def test_txt_pdf_copy_loses_notes_stamps_and_markers():
    doc = read_document(HERE / "pdf_copy.txt")
    check_offsets(doc)
    text = doc.text
    for junk in ("This content downloaded", "jstor", "River Basin Quarterly", "Annual Withdrawal", "Notes",
                 "¹", "[3]", "third.2"):
        assert junk not in text
    assert "$5 billion in notional value by 2016, and the board counted 40 districts in 2019." in text
    assert "a stake in the success of the others" in text
    assert "visible example of free riding, which the well-known growers'" in text


def test_read_text_kinds():
    txt = read_text("A pasted paragraph about ferries.\n\nf\n\nAnother one.", name="paste")
    assert txt.paragraph_texts() == ["A pasted paragraph about ferries.", "Another one."]
    assert txt.path == "paste"
    md = read_text("# Ferries\n\nFares rose to \\$3 and **fell**.", kind="md")
    assert md.paragraph_texts() == ["Ferries", "Fares rose to $3 and fell."]
    html = read_text((HERE / "article.html").read_text(), kind="html")
    assert html.metadata.publication == "Transit Ledger"


def test_read_text_txt_that_is_markdown_is_read_as_markdown():
    doc = read_text("Costs of \\$4 and \\$5 per *ton* were **quoted**.")
    assert doc.text == "Costs of $4 and $5 per ton were quoted."


@pytest.mark.parametrize(("text", "kind", "reason"), [("x", "pdf", "unknown kind"), ("  \n", "txt", "empty")])
def test_read_text_errors(text, kind, reason):
    with pytest.raises(SourceError, match=reason):
        read_text(text, name="paste", kind=kind)
