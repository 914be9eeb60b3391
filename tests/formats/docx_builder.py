"""Build small Verbatim-like .docx fixtures in tests from WordprocessingML snippets.

Independent of cardsmith's writer, so reader tests do not just test the writer against itself.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def make_docx(path: Path, body_xml: str) -> Path:
    """A .docx with Verbatim's character styles and the given ``<w:p>`` elements as its body."""
    document = docx.Document()
    for name in ("Style 13 pt Bold", "Style Underline", "Style Big Italic", "Boxes"):
        style = document.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        style.font.bold = name.startswith("Style 13")
        style.font.underline = name == "Style Underline"
        if name == "Style Big Italic":  # a character style the writer does not install
            style.font.italic, style.font.size = True, Pt(14)
        if name == "Boxes":  # a style of the writer's own based on Emphasis
            style.base_style, style.font.bold, style.font.underline = document.styles["Emphasis"], True, True
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("sectPr"):
            body.remove(child)
    wrapper = etree.fromstring(f'<w:body xmlns:w="{W_NS}">{body_xml}</w:body>')
    anchor = body[0]
    for para in list(wrapper):
        anchor.addprevious(para)
    document.save(str(path))
    return path


def p(style: str | None, *runs: str) -> str:
    """A paragraph XML string; ``runs`` are made with :func:`r`."""
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


def r(
    text: str,
    rstyle: str | None = None,
    *,
    u: bool = False,
    b: bool = False,
    hl: str | None = None,
    shd: str | None = None,
    sz: int | None = None,
) -> str:
    """A run XML string with the given character style and direct formatting."""
    props = [
        f'<w:rStyle w:val="{rstyle}"/>' if rstyle else "",
        "<w:b/>" if b else "",
        f'<w:sz w:val="{sz}"/>' if sz else "",
        '<w:u w:val="single"/>' if u else "",
        f'<w:highlight w:val="{hl}"/>' if hl else "",
        f'<w:shd w:val="clear" w:color="auto" w:fill="{shd}"/>' if shd else "",
    ]
    rpr = f"<w:rPr>{''.join(props)}</w:rPr>" if any(props) else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def tag(text: str) -> str:
    return p("Heading4", r(text))


def cite(short: str, rest: str) -> str:
    return p(None, r(short, "Style13ptBold"), r(f" {rest}"))
