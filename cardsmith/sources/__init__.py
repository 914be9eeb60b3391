"""Reading sources: any article file (or pasted text) in, a cleaned :class:`Document` out.

The file's content decides how it is read (:mod:`sniff`); a reader per format extracts the
text and the metadata its container states; :mod:`clean` removes what copies of articles carry
(share buttons, stamps, notes, page furniture) keeping a map back to the source text; then
metadata is extracted. Anything a user can get wrong raises :class:`SourceError`.

The HTML, PDF and Word readers pull in large libraries (trafilatura, pypdfium2, python-docx), so
each is imported when a file of its kind is read: reading a text file starts in a fraction of a second.
A URL is fetched (:mod:`fetch`, bounded like a file) and its bytes read as a file's would be.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from cardsmith.errors import SourceError
from cardsmith.model import Document
from cardsmith.sources.clean import clean
from cardsmith.sources.extracted import Extracted
from cardsmith.sources.md import looks_like_markdown, read_md
from cardsmith.sources.metadata import extract_metadata
from cardsmith.sources.sniff import detect, mislabel_warning
from cardsmith.sources.txt import read_txt
from cardsmith.sources.userfile import MAX_BYTES, read_user_file
from cardsmith.urls import looks_like_url

__all__ = ["MAX_BYTES", "read_document", "read_text", "read_url", "read_user_file"]

TEXT_KINDS = ("txt", "md", "html")


def read_document(source: str | Path, *, max_bytes: int = MAX_BYTES) -> Document:
    """Read and clean one source file, or the page at a URL (a ``str``); raises :class:`SourceError`
    naming the source and why."""
    if isinstance(source, str) and looks_like_url(source):
        return read_url(source, max_bytes=max_bytes)
    path = Path(source)
    return _read_bytes(read_user_file(path, max_bytes), path, {})


def read_url(url: str, *, max_bytes: int = MAX_BYTES, timeout: float | None = None) -> Document:
    """Fetch and read the page at ``url``: its cite gets the address (unless the page states its
    canonical one) and today's date as the access date."""
    from cardsmith.sources.fetch import TIMEOUT, fetch

    fetched = fetch(url, max_bytes=max_bytes, timeout=timeout or TIMEOUT)
    return _read_bytes(fetched.data, url, _web_hints(fetched.url))


def _web_hints(url: str) -> dict:
    """A web page's cite: its address (a canonical one the page states wins) and today as the access date."""
    return {"url": url, "accessed": datetime.date.today().isoformat()}


def _read_bytes(data: bytes, name: str | Path, defaults: dict) -> Document:
    """Read a source's bytes by their content; ``defaults`` fill metadata hints the source does not state."""
    kind, text = detect(data, name)
    if kind == "pdf":
        from cardsmith.sources.pdf import read_pdf

        extracted = read_pdf(data, name)
    elif kind == "docx":
        from cardsmith.sources.docx import read_docx

        extracted = read_docx(data, name)
    else:
        extracted = _read_text_kind(text or "", kind, name)
    extracted.hints = {**defaults, **extracted.hints}  # what the source states wins
    warning = mislabel_warning(kind, name)
    return _document(extracted, str(name), [warning] if warning else [])


def read_text(text: str, name: str = "<pasted>", kind: str = "txt", *, url: str | None = None) -> Document:
    """Read pasted text; ``kind`` is ``txt``, ``md`` or ``html`` (txt that is Markdown is read as md).

    ``url``: the page the text was taken from (a bookmarklet sends its HTML), cited as :func:`read_url` cites.
    """
    if kind not in TEXT_KINDS:
        raise SourceError(name, f"unknown kind {kind!r} (expected one of {', '.join(TEXT_KINDS)})")
    if not text.strip():
        raise SourceError(name, "empty text")
    if kind == "txt" and looks_like_markdown(text):
        kind = "md"
    extracted = _read_text_kind(text, kind, name)
    if url:
        extracted.hints = {**_web_hints(url), **extracted.hints}
    return _document(extracted, name, [])


def _read_text_kind(text: str, kind: str, path: object) -> Extracted:
    if kind == "html":
        from cardsmith.sources.html import read_html

        return read_html(text, path)
    return read_md(text) if kind == "md" else read_txt(text)


def _document(extracted: Extracted, path: str, warnings: list[str]) -> Document:
    cleaned = clean(extracted.view())
    if not cleaned.text.strip():
        raise SourceError(path, "no readable text left after cleaning")
    metadata = extract_metadata(extracted.source_text, cleaned.text, cleaned.paragraphs, extracted.hints)
    metadata.warnings = warnings + metadata.warnings
    return Document(
        text=cleaned.text,
        paragraphs=cleaned.paragraphs,
        metadata=metadata,
        source_text=extracted.source_text,
        offsets=cleaned.offsets,
        path=path,
    )
