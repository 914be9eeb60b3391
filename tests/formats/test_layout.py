"""Cut cards laid out as Verbatim's tools leave them: shrunk, no blank paragraphs, condensed on request."""

from __future__ import annotations

import docx

from cardsmith.formats.verbatim import read_verbatim, write_verbatim
from cardsmith.model import Card, Cite, Marks

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BODY = "Alpha beta gamma.\n\nDelta epsilon.\n\n\nZeta eta."


def cut_card() -> Card:
    return Card(
        tag="A tag",
        cite=Cite(short="Sun 16", full="Jane Sun, 2016"),
        body=BODY,
        marks=Marks(underline=[(6, 16), (19, 24)], emphasis=[(6, 10)], highlight=[(6, 10)]),
    )


def body_paragraphs(path, **opts) -> list:
    """The body paragraphs (after tag and cite) of ``cut_card`` written with ``opts``."""
    write_verbatim([cut_card()], path, **opts)
    return docx.Document(str(path)).paragraphs[2:]


def run_sizes(paragraphs) -> list[tuple[str, str | None, str | None]]:
    """(text, character style, w:sz) of every run."""
    out = []
    for para in paragraphs:
        for run in para._p.iter(W + "r"):
            style, size = run.find(f"{W}rPr/{W}rStyle"), run.find(f"{W}rPr/{W}sz")
            text = "".join(t.text for t in run.iter(W + "t"))
            out.append((text, style.get(W + "val") if style is not None else None,
                        size.get(W + "val") if size is not None else None))
    return out


def test_no_blank_paragraphs_between_body_paragraphs(tmp_path):
    paras = body_paragraphs(tmp_path / "c.docx")
    assert [p.text for p in paras] == ["Alpha beta gamma.", "Delta epsilon.", "Zeta eta."]


def test_text_outside_the_underline_is_shrunk_to_8_pt(tmp_path):
    runs = run_sizes(body_paragraphs(tmp_path / "c.docx"))
    assert runs[:4] == [("Alpha ", None, "16"), ("beta", "Emphasis", None),
                        (" gamma", "StyleUnderline", None), (".", None, "16")]
    assert all(size == "16" for _, style, size in runs if style is None)
    assert all(size is None for _, style, size in runs if style is not None)


def test_no_shrink_leaves_every_run_at_the_style_size(tmp_path):
    assert all(size is None for _, _, size in run_sizes(body_paragraphs(tmp_path / "c.docx", shrink=False)))


def test_condense_joins_the_body_into_one_paragraph(tmp_path):
    (para,) = body_paragraphs(tmp_path / "c.docx", condense=True)
    assert para.text == "Alpha beta gamma. Delta epsilon. Zeta eta."
    (para,) = body_paragraphs(tmp_path / "p.docx", condense=True, pilcrow=True)
    assert para.text == "Alpha beta gamma. \u00b6 Delta epsilon. \u00b6 Zeta eta."


def test_shrunk_card_reads_back_with_its_marks(tmp_path):
    path = tmp_path / "c.docx"
    write_verbatim([cut_card()], path)
    (back,) = read_verbatim(path)
    assert back.body == "Alpha beta gamma.\nDelta epsilon.\nZeta eta."
    assert [back.body[s:e] for s, e in back.marks.emphasis] == ["beta"]
    assert [back.body[s:e] for s, e in back.marks.highlight] == ["beta"]
