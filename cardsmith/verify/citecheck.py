"""Which fields an evidence rule asks for are missing from a card's cite.

NSDA/NDCA-style rules want author, qualifications, date, title, publication, and for online sources
the URL and the access date. Structured :class:`Cite` fields are trusted first; cites typed by hand
(a plain line) are checked with light patterns on the raw text, since a cutter's cite has no grammar.
"""

from __future__ import annotations

import re

from cardsmith.formats.cite_text import year_of
from cardsmith.model import Cite, Document

#: Cite fields in the order a rule lists them; these names appear in ``cite_missing``.
FIELDS = ("author", "qualifications", "date", "title", "publication", "url", "accessed")

#: A name (person or organisation, up to four words) followed by a year: "Enrique Dans 23", "CRS '24".
_NAME = re.compile(
    r"^[\[(]?\s*[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|and|&|et al\.?|de|van|von|der|la|le)){0,4}"
    r"\s*,?\s*['’‘]?\d{2,4}\b"
)
_DATE = re.compile(
    r"\b(?:1[89]|20)\d\d\b|['’]\d\d\b|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d"
    r"|\b\d{1,2}[/-]\d{1,2}[/-]\d{2,4}\b"
)
_QUALS = re.compile(
    r"\b(?:professor|prof|lecturer|fellow|associate|director|researcher|scholar|analyst|editor|"
    r"journalist|reporter|writer|economist|scientist|phd|ph\.d|dr|md|jd|dean|chair|president|"
    r"expert|author|columnist|contributor|correspondent|student|candidate|founder|ceo|member|"
    r"senior|adviser|advisor|former|head|staff|specialist|lawyer|attorney|judge|officer|"
    r"instructor|faculty|teaches|taught|studies|university|institute|college|school|intern|wrote|"
    r"writes|organi[sz]ation|professionals?|physicians?|doctor|nobel|agency|service|think tank|"
    r"nonprofit|non-profit|official|graduate|degree|laboratory|lab|committee|board|partner|"
    r"@|masters?|m\.?d|j\.?d|ba|bs|ma|mba)\b",
    re.IGNORECASE,
)
_TITLE = re.compile(r"[\"“‘'][^\"“”‘’]{8,}?[\"”’']")
_PUBLICATION = re.compile(
    r"\b(?:journal|review|times|post|news|press|institute|institution|university|magazine|quarterly|"
    r"foundation|center|centre|council|report|brief|affairs|bulletin|policy|daily|tribune|guardian|"
    r"economist|forbes|atlantic|blog|agency|herald|gazette|monitor|wire|reuters|bloomberg|"
    r"proceedings|association|society|commission|department|ministry|congress|office|project|"
    r"medium|substack|forum|network|media|publishing|publications|books|administration|bank|\w+\.(?:com|org|net|edu|gov|int))\b",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://|\bwww\.|\bdoi\s*:|doi\.org", re.IGNORECASE)
#: The site's own name in a URL: the label before the top-level domain (and a country's "co.").
_HOST = re.compile(r"(?:https?://|\bwww\.)(?:[\w-]+\.)*?([\w-]{2,})\.(?:co\.)?[a-z]{2,}(?![\w-]|\.\w)", re.IGNORECASE)
_URL_TEXT = re.compile(r"(?:https?://|\bwww\.)\S+", re.IGNORECASE)
_ACCESSED = re.compile(r"\b(?:accessed|retrieved|date of access|doa|visited|viewed on)\b", re.IGNORECASE)


def _after_title(raw: str) -> str:
    """The text after the title (before any URL), where the publication name usually sits."""
    m = _TITLE.search(raw)
    tail = raw[m.end() :] if m else raw
    return _URL.split(tail)[0]


def _names_publication(full: str) -> bool:
    """After a quoted title: any capitalised name that is not a date; without one: a publication word
    (journal, press, .org ...) or the site the URL points to ("CNBC" for cnbc.com) outside the URL."""
    tail = _after_title(full)
    if not _TITLE.search(full):
        return bool(_PUBLICATION.search(tail)) or _names_site(full)
    tail = _DATE.sub(" ", _ACCESSED.split(tail)[0])
    return bool(re.search(r"\b[A-Z][\w&.'’-]+", tail))


def _names_site(full: str) -> bool:
    """Whether the name of the URL's site ("cnbc" of www.cnbc.com) is also written out of the URL."""
    host = _HOST.search(full)
    if host is None:
        return False
    outside = _URL_TEXT.sub(" ", full)
    return bool(re.search(rf"\b{re.escape(host.group(1))}\b", outside, re.IGNORECASE))


def _names_title(full: str) -> bool:
    """A quoted title, or an unquoted run of 4+ title-case words that is not someone's job."""
    if _TITLE.search(full):
        return True
    for segment in re.split(r"[,;()\[\]]|https?://\S+", full):
        words = segment.split()
        capitalised = [w for w in words if w[:1].isupper()]
        if len(words) >= 4 and len(capitalised) >= 0.6 * len(words) and not _QUALS.search(segment):
            return True
    return False


def is_web(cite: Cite, source: Document | None = None) -> bool:
    """An online source: the cite gives a URL or the source document came from the web."""
    if cite.url or _URL.search(cite.text):
        return True
    if source is None:
        return False
    path = (source.path or "").lower()
    web_path = path.startswith(("http://", "https://")) or path.endswith((".html", ".htm"))
    return bool(source.metadata.url) or web_path


def cite_missing(cite: Cite, source: Document | None = None) -> list[str]:
    """Names from :data:`FIELDS` that the cite lacks; URL and access date only for web sources."""
    raw = cite.text
    present = {
        "author": bool(cite.authors) or bool(re.search(r"[A-Z]", cite.short)) or bool(_NAME.match(raw)),
        "qualifications": bool(cite.qualifications) or bool(_QUALS.search(cite.full)),
        "date": bool(cite.date or cite.year or year_of(cite.short)) or bool(_DATE.search(raw)),
        "title": bool(cite.title) or _names_title(cite.full),
        "publication": bool(cite.publication) or _names_publication(cite.full),
        "url": bool(cite.url) or bool(_URL.search(raw)),
        "accessed": bool(cite.accessed) or bool(_ACCESSED.search(raw)),
    }
    web = is_web(cite, source)
    return [f for f in FIELDS if not present[f] and (web or f not in ("url", "accessed"))]
