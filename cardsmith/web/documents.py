"""Sources from a request (an upload, pasted text or a URL) read into Documents by the source readers."""

from __future__ import annotations

from cardsmith.model import Document
from cardsmith.web.uploads import Upload, sniff, stored


def read_source(upload: Upload) -> Document:
    """Read a checked upload; the document is labelled with the upload's name, not its temp path."""
    from cardsmith.sources import read_document

    with stored([upload]) as (path,):
        doc = read_document(path)
    doc.path = upload.label
    return doc


def read_pasted(text: str, kind: str | None = None, url: str | None = None) -> Document:
    """Read pasted text as ``kind`` (txt, md or html; guessed from the content when not given).

    ``url`` is the page the text came from (the bookmarklet's page): the document is named and cited by it.
    """
    from cardsmith.sources import read_text

    kind = kind or sniff(text.encode("utf-8")) or "txt"
    return read_text(text, url or "pasted text", kind, url=url)


def read_fetched(url: str, max_bytes: int) -> Document:
    """Fetch and read the page at ``url`` (http/https; at most ``max_bytes``, like an upload)."""
    from cardsmith.sources import read_url

    return read_url(url, max_bytes=max_bytes)
