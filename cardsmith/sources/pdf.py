"""PDF: text page by page with PDFium; pages are joined by a form-feed line.

The page breaks let cleaning find running headers, page numbers and footnotes at page bottoms.
"""

from __future__ import annotations

import pypdfium2 as pdfium

from cardsmith.errors import SourceError
from cardsmith.sources.extracted import Extracted

PAGE_SEPARATOR = "\n\f\n"
#: PDFium marks a hyphen at a line end (and drops the line break) with these characters; they
#: are written back as hyphen + newline so cleaning decides between ``example`` and ``well-known``.
LINE_END_HYPHENS = str.maketrans({"\ufffe": "-\n", "\x02": "-\n", "\r": None})


def read_pdf(data: bytes, path: object) -> Extracted:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        raise SourceError(path, _load_failure(str(err))) from err
    try:
        pages = [_page_text(page) for page in pdf]
        info = pdf.get_metadata_dict()
    except pdfium.PdfiumError as err:
        raise SourceError(path, f"damaged PDF ({err})") from err
    finally:
        pdf.close()
    if not any(page.strip() for page in pages):
        raise SourceError(path, "PDF has no text layer (scanned images?): run OCR first")
    text = PAGE_SEPARATOR.join(page.translate(LINE_END_HYPHENS) for page in pages)
    return Extracted(text, hints=_hints(info))


def _page_text(page: pdfium.PdfPage) -> str:
    textpage = page.get_textpage()
    try:
        return textpage.get_text_range()
    finally:
        textpage.close()
        page.close()


def _load_failure(message: str) -> str:
    if "password" in message.lower():
        return "encrypted PDF (password protected): save an unprotected copy"
    return f"damaged or unsupported PDF ({message})"


def _hints(info: dict) -> dict:
    """Title and author from the PDF info dictionary; its dates are file dates, not publication."""
    hints: dict = {}
    if (info.get("Title") or "").strip():
        hints["title"] = info["Title"].strip()
    if (info.get("Author") or "").strip():
        names = info["Author"].replace(";", ",").split(",")
        hints["authors"] = [name.strip() for name in names if name.strip()]
    return hints
