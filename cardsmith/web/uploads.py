"""Uploaded files: size-limited, typed by their bytes, stored under a name the server chooses.

A request's filename is only ever a label: it never becomes part of a path, so an upload cannot
write outside its own temporary folder or pick which reader parses it.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from fastapi import UploadFile

from cardsmith.errors import CardsmithError, SourceError
from cardsmith.sources.zipguard import Archive, DamagedZip
from cardsmith.web.errors import WebError

#: Kinds a source upload may have, as the readers name them (also the stored file's suffix).
SOURCE_KINDS = ("txt", "md", "html", "pdf", "docx")
_CHUNK = 1 << 16
_HTML = re.compile(rb"<\s*(!doctype\s+html|html|head|body|article|p|div)[\s>]", re.IGNORECASE)
_LABEL = re.compile(r"[^\w .,()\-]+")


@dataclass(frozen=True)
class Upload:
    """An upload after checks: its bytes, the kind its content shows, and a display label."""

    data: bytes
    kind: str
    label: str


def label_of(filename: str | None) -> str:
    """A harmless display name for an upload (last path part, odd characters dropped)."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    return _LABEL.sub("_", name).strip()[:120] or "upload"


def _is_text(data: bytes) -> bool:
    if b"\x00" in data[:8192]:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        return from_bytes(data[:65536]).best() is not None
    return True


def sniff(data: bytes, filename: str | None = None) -> str | None:
    """The kind of ``data`` judged by its content (the name only tells markdown from plain text)."""
    if data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        try:
            return "docx" if "word/document.xml" in Archive(data, label_of(filename)).names else None
        except DamagedZip:
            return None
    if not _is_text(data):
        return None
    if _HTML.search(data[:4096]):
        return "html"
    return "md" if (filename or "").lower().endswith((".md", ".markdown")) else "txt"


def _declared(filename: str | None) -> str | None:
    suffix = Path(label_of(filename)).suffix.lower().lstrip(".")
    return {"htm": "html", "markdown": "md", "text": "txt"}.get(suffix, suffix) or None


async def read_upload(file: UploadFile, max_bytes: int, allowed: tuple[str, ...] = SOURCE_KINDS) -> Upload:
    """Read ``file`` (at most ``max_bytes``) and check that its content is one of ``allowed`` kinds."""
    label = label_of(file.filename)
    chunks, size = [], 0
    while chunk := await file.read(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise WebError(413, f"{label}: file is larger than the {max_bytes // 2**20} MB upload limit")
        chunks.append(chunk)
    data = b"".join(chunks)
    if not data.strip():
        raise WebError(400, f"{label}: file is empty")
    kind = sniff(data, file.filename)
    declared = _declared(file.filename)
    if kind is None:
        raise WebError(415, f"{label}: not a readable {', '.join(allowed)} file")
    if declared in ("pdf", "docx") and declared != kind:
        raise WebError(415, f"{label}: named .{declared} but the content is not a {declared.upper()} file")
    if kind not in allowed:
        raise WebError(415, f"{label}: a {kind} file cannot be used here (expected {', '.join(allowed)})")
    return Upload(data=data, kind=kind, label=label)


@contextmanager
def stored(uploads: list[Upload]) -> Iterator[list[Path]]:
    """Write uploads into a fresh temporary folder as ``upload-N.<kind>``; removed on exit.

    Errors raised inside name the upload's label, not the temporary path the user never saw.
    """
    with tempfile.TemporaryDirectory(prefix="cardsmith-web-") as folder:
        paths = []
        for i, upload in enumerate(uploads):
            path = Path(folder) / f"upload-{i}.{upload.kind}"
            path.write_bytes(upload.data)
            paths.append(path)
        labels = {str(p): u.label for p, u in zip(paths, uploads, strict=True)}
        try:
            yield paths
        except SourceError as err:
            raise SourceError(labels.get(err.path, err.path), err.reason) from None
        except CardsmithError as err:
            message = str(err)
            for path, label in labels.items():
                message = message.replace(path, label)
            raise CardsmithError(message) from None
