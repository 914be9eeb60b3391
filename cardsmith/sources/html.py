"""Web pages: trafilatura finds the article in the page and reads its metadata.

The source text is trafilatura's main text with one blank line between its paragraphs, so
offsets point into the article as extracted (not into the raw markup).
"""

from __future__ import annotations

import trafilatura

from cardsmith.errors import SourceError
from cardsmith.sources.extracted import Extracted


def read_html(html: str, path: object) -> Extracted:
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception as err:  # trafilatura/lxml raise many types on broken pages
        raise SourceError(path, f"cannot parse HTML ({type(err).__name__})") from err
    text = getattr(doc, "text", None) or ""
    if not text.strip():
        text = trafilatura.html2txt(html) or ""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return Extracted("\n\n".join(lines), hints=_hints(doc) if doc is not None else {})


def _hints(doc: object) -> dict:
    """trafilatura's metadata under the hint keys metadata extraction expects."""
    author = getattr(doc, "author", None) or ""
    hints = {
        "title": getattr(doc, "title", None),
        "authors": [name.strip() for name in author.split(";") if name.strip()],
        "date": getattr(doc, "date", None),
        "publication": getattr(doc, "sitename", None),
        "url": getattr(doc, "url", None),
    }
    return {key: value for key, value in hints.items() if value}
