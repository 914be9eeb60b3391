"""Word files: the paragraphs' text (body and tables, in order), one blank line apart.

A Verbatim card file is read like any document (tags, cites and card text become paragraphs);
its core properties then name the debater who saved it, not an article's author, so they are
not offered as hints.
"""

from __future__ import annotations

import io

import docx

from cardsmith.errors import SourceError
from cardsmith.sources.extracted import Extracted
from cardsmith.sources.zipguard import Archive

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: What a run's XML nodes stand for in text (python-docx's ``Paragraph.text`` does the same
#: with one XPath query per run, which is most of the reading time on a long card file).
NODE_TEXT = {f"{W}tab": "\t", f"{W}br": "\n", f"{W}cr": "\n"}

#: Styles that only Verbatim card files define (cite and underline character styles).
VERBATIM_STYLES = frozenset({"Style 13 pt Bold", "Style Underline", "Pocket", "Hat", "Block", "Tag", "Cite"})


def read_docx(data: bytes, path: object) -> Extracted:
    """The text of a .docx; python-docx inflates whole members, so it gets the guarded copy."""
    package = Archive(data, path).repacked()
    try:
        document = docx.Document(io.BytesIO(package))
    except Exception as err:  # zipfile, python-docx and lxml each raise their own types
        raise SourceError(path, f"damaged .docx ({type(err).__name__})") from err
    texts = (_paragraph_text(p) for p in document.element.body.iter(f"{W}p"))
    paragraphs = [text.strip() for text in texts if text.strip()]
    verbatim = any(style.name in VERBATIM_STYLES for style in document.styles)
    return Extracted("\n\n".join(paragraphs), hints={} if verbatim else _hints(document.core_properties))


def _paragraph_text(paragraph: object) -> str:
    nodes = paragraph.iter(f"{W}t", *NODE_TEXT)  # type: ignore[attr-defined]
    return "".join(node.text or "" if node.tag == f"{W}t" else NODE_TEXT[node.tag] for node in nodes)


def _hints(props: object) -> dict:
    hints: dict = {}
    title = (getattr(props, "title", None) or "").strip()
    author = (getattr(props, "author", None) or "").strip()
    if title:
        hints["title"] = title
    if author:
        hints["authors"] = [author]
    return hints
