"""What is this file, really? Decided from its bytes (magic numbers, decoding), not its name."""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from cardsmith.errors import SourceError
from cardsmith.sources.md import looks_like_markdown
from cardsmith.sources.zipguard import Archive

#: Kind names, and the file suffixes that normally carry each.
SUFFIXES = {
    "pdf": (".pdf",),
    "docx": (".docx",),
    "html": (".html", ".htm", ".xhtml"),
    "md": (".md", ".markdown"),
    "txt": (".txt", ".text"),
}
LABELS = {"pdf": "PDF", "docx": "Word .docx", "html": "HTML", "md": "Markdown", "txt": "plain text"}

#: Binary formats people try to read, by magic number, with what to tell them.
BINARY_MAGIC = (
    (b"\xd0\xcf\x11\xe0", "an encrypted or legacy (.doc) Office file: save it as an unprotected .docx"),
    (b"{\\rtf", "an RTF file: save it as .docx or .txt"),
    (b"\x89PNG", "a PNG image, not a document"),
    (b"\xff\xd8\xff", "a JPEG image, not a document"),
    (b"GIF8", "a GIF image, not a document"),
    (b"\x1f\x8b", "a gzip archive, not a document"),
    (b"\x7fELF", "a program, not a document"),
)
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.IGNORECASE | re.DOTALL,
)
HTML_TAGS = re.compile(r"<(?:html|body|article|div|p)\b[^>]*>", re.IGNORECASE)
#: Among equally plausible legacy encodings, the one Western text most often comes in.
FALLBACK_ENCODING = "cp1252"
#: Share of control characters above which decoded "text" is really binary data.
MAX_CONTROL_SHARE = 0.01


def detect(data: bytes, path: object) -> tuple[str, str | None]:
    """``(kind, text)``: kind in :data:`SUFFIXES`; ``text`` is the decoded text for text kinds."""
    if not data.strip():
        raise SourceError(path, "empty file")
    if b"%PDF-" in data[:1024]:
        return "pdf", None
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data, path), None
    for magic, reason in BINARY_MAGIC:
        if data.startswith(magic):
            raise SourceError(path, f"this is {reason}")
    text = decode(data, path)
    if not text.strip():
        raise SourceError(path, "empty file (only whitespace)")
    if HTML_START.match(text) or len(HTML_TAGS.findall(text[:20000])) >= 3:
        return "html", text
    if str(path).lower().endswith(SUFFIXES["md"]) or looks_like_markdown(text):
        return "md", text
    return "txt", text


def _zip_kind(data: bytes, path: object) -> str:
    if "word/document.xml" in Archive(data, path).names:
        return "docx"
    raise SourceError(path, "a ZIP archive that is not a Word .docx (xlsx, odt, epub…?)")


def decode(data: bytes, path: object) -> str:
    """Bytes to text: BOM, else UTF-8, else what charset-normalizer can vouch for."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="replace"), path)
    if b"\x00" in data[:8192]:
        raise SourceError(path, "binary data, not a text document")
    try:
        return _checked(data.decode("utf-8"), path)
    except UnicodeDecodeError:
        pass
    results = from_bytes(data)
    best = results.best()
    if best is None:
        raise SourceError(path, "unknown text encoding (not UTF-8 and no other encoding fits)")
    tied = [r for r in results if r.chaos <= best.chaos and r.coherence >= best.coherence]
    if any(FALLBACK_ENCODING in r.could_be_from_charset for r in tied):
        return _checked(data.decode(FALLBACK_ENCODING, errors="replace"), path)
    return _checked(str(best), path)


def _checked(text: str, path: object) -> str:
    sample = text[:100_000]
    control = sum(1 for ch in sample if ch not in "\t\n\r\f" and unicodedata.category(ch) == "Cc")
    if control > MAX_CONTROL_SHARE * max(len(sample), 1):
        raise SourceError(path, "binary data or unknown text encoding")
    return text


def mislabel_warning(kind: str, path: object) -> str | None:
    """A warning when the file's suffix names another format than its content."""
    name = str(path).lower()
    claimed = next((k for k, suffixes in SUFFIXES.items() if name.endswith(suffixes)), None)
    if claimed is None or claimed == kind or {claimed, kind} <= {"txt", "md"}:
        return None
    return f"file is named {LABELS[claimed]} but its content is {LABELS[kind]}; read as {LABELS[kind]}"
