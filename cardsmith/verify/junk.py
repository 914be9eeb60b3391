"""Copy debris: text that PDF and database copies drag into a card but that no author wrote.

Download stamps, running footers, page numbers and footnotes are not alterations of the evidence, so
they are reported as ``junk`` (the debater sees the debris) and never count against the card; the same
debris in the *source* that the card left out is no omission at all.
"""

from __future__ import annotations

import re

from cardsmith.sources.inline import STAMPS

#: A footnote or endnote: a small number, then a citation that names a URL, "ibid" or a year.
_FOOTNOTE_START = re.compile(r"^\s*(?:\d{1,3}|[\u00b9\u00b2\u00b3\u2070-\u2079]{1,3})[.)]?\s+\S")
_CITATION_MARK = re.compile(
    r"https?://|www\.|\bdoi\b|\bibid\b|\bop\. cit\b|\bet al\b|\bpp?\.\s*\d|[\"“‘'][^\"”’']{6,}[\"”’']",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_URL = re.compile(r"^\s*<?(?:https?://|www\.)\S+\s*$", re.IGNORECASE)
_SUPERSCRIPTS = "\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079"
_LONE_NUMBER = re.compile(rf"^\s*[\d{_SUPERSCRIPTS}]{{1,4}}\s*$")
_MARKER_AFTER = ".,;:!?)]’”\"'"

#: Longest footnote (in words) still taken for debris rather than prose.
FOOTNOTE_MAX_WORDS = 120
#: Words of unexplained text next to a stamp that are taken to be its running header/footer.
HEADER_MAX_WORDS = 8


def stamp_spans(text: str) -> list[tuple[int, int]]:
    """Spans of download stamps in ``text``."""
    return [m.span() for m in STAMPS.finditer(text)]


def is_footnote(text: str) -> bool:
    """Whether ``text`` reads as one or more footnotes (number + citation), not prose."""
    if not _FOOTNOTE_START.match(text) or len(text.split()) > FOOTNOTE_MAX_WORDS:
        return False
    return bool(_CITATION_MARK.search(text) and (_YEAR.search(text) or "http" in text.lower()))


def is_marker(text: str, start: int, end: int) -> bool:
    """Whether the number at ``text[start:end]`` is a footnote marker or a page number, not a figure.

    Markers are superscript, or glued to the word or punctuation before them ("strain.1"); page
    numbers stand on a line of their own. "56 percent" or "$20" are figures.
    """
    if not _LONE_NUMBER.match(text[start:end]):
        return False
    if any(c in _SUPERSCRIPTS for c in text[start:end]):
        return True
    before = text[start - 1] if start > 0 else "\n"
    decimal = before in ".," and start > 1 and text[start - 2].isdigit()
    if before.isalpha() or (before in _MARKER_AFTER and not decimal):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return not text[line_start:start].strip() and not text[end : len(text) if line_end < 0 else line_end].strip()


def is_debris(text: str) -> bool:
    """Whether an unmatched stretch of text is debris as a whole: URL, stamp(s) or footnote(s)."""
    if not text.strip():
        return True
    if _URL.match(text) or is_footnote(text):
        return True
    rest = STAMPS.sub(" ", text)
    return rest != text and len(rest.split()) <= HEADER_MAX_WORDS


def footnote_paragraphs(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The paragraphs of a source that are footnotes (PDF conversions put them inline)."""
    return [(s, e) for s, e in paragraphs if is_footnote(text[s:e])]
