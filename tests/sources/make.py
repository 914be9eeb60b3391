"""Builders for source fixtures that must be binary (PDF, docx), and the offsets check."""

from __future__ import annotations

import textwrap
from pathlib import Path

import docx
from fpdf import FPDF

from cardsmith.model import Document

HEADER = "Harbor Review - Vol. 12"


def check_offsets(doc: Document) -> None:
    """Every cleaned character is its source character (whitespace may stand for whitespace)."""
    assert len(doc.offsets) == len(doc.text)
    for i, char in enumerate(doc.text):
        source = doc.source_text[doc.offsets[i]]
        assert char == source or (char.isspace() and source.isspace()), (i, char, source)


def wrap(paragraph: str, width: int = 88) -> list[str]:
    return textwrap.wrap(paragraph, width)


def make_pdf(path: Path, pages: list[list[str]], *, title: str = "", author: str = "",
             password: str | None = None) -> Path:
    """One PDF page per list of lines, each with a running header and a page number."""
    pdf = FPDF()
    pdf.set_auto_page_break(False)
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    for number, lines in enumerate(pages, 1):
        pdf.add_page()
        pdf.set_font("helvetica", size=9)
        pdf.cell(0, 5, HEADER, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("helvetica", size=10)
        for line in lines:
            pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(-15)
        pdf.cell(0, 5, str(number), align="C")
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password)
    path.write_bytes(bytes(pdf.output()))
    return path


def make_docx(path: Path, paragraphs: list[str], *, title: str = "", author: str = "",
              verbatim: bool = False) -> Path:
    """A Word file; ``verbatim`` adds Verbatim's cite style and tags as Heading 4."""
    document = docx.Document()
    if verbatim:
        document.styles.add_style("Style 13 pt Bold", 2)
    for text in paragraphs:
        if verbatim and text.startswith("TAG "):
            document.add_heading(text[4:], level=4)
        else:
            document.add_paragraph(text)
    document.core_properties.title = title
    document.core_properties.author = author
    document.save(path)
    return path
