"""Writer output: Verbatim's style names and ids, lossless round trip, and real readers open it."""

from __future__ import annotations

import docx
import pytest

from cardsmith.errors import CardsmithError
from cardsmith.formats import render_cards
from cardsmith.formats.spans import marked_words
from cardsmith.formats.verbatim import read_verbatim, write_verbatim
from cardsmith.marking import mark
from cardsmith.model import Card, Cite, Heading, Marks
from tests.conftest import SHARED, needs_shared
from tests.formats.libreoffice import convert

BODY = "First line with marks.\nSecond\tline ends here."


def sample_items() -> list:
    card = Card(
        tag="Warming is real",
        cite=Cite(short="Sun 16", full="Jane Sun, professor, 2016\nA Title Line"),
        body=BODY,
        marks=Marks(underline=[(0, 10), (16, 21)], emphasis=[(16, 21)], highlight=[(0, 5)]),
        outline=["Pocket", "Hat"],
    )
    return [Heading(1, "Pocket"), Heading(2, "Hat"), card, Card(tag="An analytic", outline=["Pocket", "Hat"])]


def comparable(items):
    out = []
    for item in items:
        if isinstance(item, Heading):
            out.append((item.level, item.text))
        else:
            out.append(
                (
                    item.tag,
                    item.cite.short,
                    item.cite.full,
                    item.body,
                    marked_words(item.body, item.marks.underline),
                    marked_words(item.body, item.marks.emphasis),
                    marked_words(item.body, item.marks.highlight),
                )
            )
    return out


def test_styles_have_verbatim_names_and_ids(tmp_path):
    path = tmp_path / "out.docx"
    write_verbatim(sample_items(), path)
    document = docx.Document(str(path))
    styles = {s.style_id: s.name for s in document.styles}
    for style_id, name in [
        ("Heading1", "Heading 1"),
        ("Heading2", "Heading 2"),
        ("Heading3", "Heading 3"),
        ("Heading4", "Heading 4"),
        ("Normal", "Normal"),
        ("Style13ptBold", "Style 13 pt Bold"),
        ("StyleUnderline", "Style Underline"),
        ("Emphasis", "Emphasis"),
    ]:
        assert styles.get(style_id) == name
    used = [(para.style.name, [run.style.name for run in para.runs]) for para in document.paragraphs]
    assert used[2][0] == "Heading 4" and used[3][1][0] == "Style 13 pt Bold"
    assert "Emphasis" in used[4][1] and "Style Underline" in used[4][1]


def test_round_trip_is_lossless(tmp_path):
    path = tmp_path / "rt.docx"
    items = sample_items()
    write_verbatim(items, path)
    assert comparable(read_verbatim(path)) == comparable(items)


def test_clipped_highlight_round_trips_mid_word(tmp_path):
    """A highlight that ends inside a word ("gov" of "government") survives the .docx exactly."""
    body = "Officials said the government will fund new technology.\nSecond line."
    marks = mark("Government funds technology", body, underline=1.0, highlight=1.0, clip=True)
    assert [body[s:e] for s, e in marks.highlight][:2] == ["Officials said the gov", "will fund new tech"]
    card = Card(tag="Clipped", cite=Cite(short="Sun 16", full="Jane Sun"), body=body, marks=marks)
    path = tmp_path / "clip.docx"
    write_verbatim([card], path)
    runs: list[tuple[str, bool]] = []
    for run in docx.Document(str(path)).paragraphs[2].runs:  # emphasis and size may split a highlighted stretch
        lit = bool(run.font.highlight_color)
        if runs and runs[-1][1] == lit:
            runs[-1] = (runs[-1][0] + run.text, lit)
        else:
            runs.append((run.text, lit))
    assert runs == [
        ("Officials said the gov", True),
        ("ernment ", False),
        ("will fund new tech", True),
        ("nology.", False),
    ]
    (back,) = [item for item in read_verbatim(path) if isinstance(item, Card)]
    assert back.body == body
    assert back.marks.highlight == marks.highlight  # exact, mid-word ends included
    assert marked_words(body, back.marks.underline) == marked_words(body, marks.underline)


def test_highlight_colour_is_configurable_and_checked(tmp_path):
    data = render_cards(sample_items(), "docx", highlight="cyan")
    path = tmp_path / "c.docx"
    path.write_bytes(data)
    assert 'w:highlight w:val="cyan"' in docx.Document(str(path)).element.xml
    with pytest.raises(CardsmithError, match="highlight colour"):
        write_verbatim(sample_items(), tmp_path / "x.docx", highlight="plaid")


def test_libreoffice_converts_the_export(tmp_path):
    path = tmp_path / "lo.docx"
    write_verbatim(sample_items(), path)
    assert_libreoffice_opens(path)


def assert_libreoffice_opens(path):
    """LibreOffice converts the .docx to a PDF (skips when it is not installed)."""
    pdf = convert(path, "pdf")
    assert pdf.stat().st_size > 1000 and pdf.read_bytes().startswith(b"%PDF")


@needs_shared
def test_real_files_round_trip(tmp_path):
    files = sorted((SHARED / "data" / "caselist-pf").glob("*.docx"))[:8]
    if not files:
        pytest.skip("no caselist files in ../shared")
    for source in files:
        items = read_verbatim(source)
        out = tmp_path / source.name
        write_verbatim(items, out)
        assert comparable(read_verbatim(out)) == comparable(items), source.name
        docx.Document(str(out))
