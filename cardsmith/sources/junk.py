"""Line rules: whole lines that real copies of articles carry but that are not the article.

Each rule takes a :class:`Mapped` and returns it without the offending lines (the newline goes
with the line, so surrounding blank lines still separate paragraphs). Page breaks are lines
holding a single form feed, as the PDF reader writes them.
"""

from __future__ import annotations

import re
from collections import Counter

from cardsmith.sources.mapped import Mapped, Span

PAGE_BREAK = "\f"

#: What share bars leave behind when a page is copied: one icon or word per line.
SHARE_TOKENS = frozenset(
    [
        "f", "🐦", "g+", "✉", "✉️", "📧", "🌐", "🔗", "in", "x", "𝕏", "share", "tweet", "email", "e-mail",
        "mail", "print", "pin", "pinterest", "facebook", "twitter", "linkedin", "reddit", "whatsapp",
        "telegram", "flipboard", "messenger", "copied", "save", "bookmark", "sharethis", "share:", "|",
        "·", "•"
    ]
)
SHARE_PHRASES = frozenset(
    {"share this", "share this article", "share on facebook", "share on twitter", "share on linkedin",
     "copy link", "print this page", "email this", "print article", "share article"}
)

#: Words of site navigation bars ("Home About Topics Subscribe").
NAV_WORDS = frozenset(
    [
        "home", "homepage", "about", "contact", "subscribe", "login", "log", "sign", "register",
        "search", "menu", "authors", "topics", "sections", "newsletter", "newsletters", "donate",
        "events", "podcasts", "podcast", "video", "videos", "opinion", "news", "readings", "issues",
        "archive", "archives", "shop", "magazine", "blog", "regions"
    ]
)

#: Lines that start the comment form / recommendation block at the end of a web page.
TAIL_START = re.compile(
    r"^\s*(leave a (reply|comment)|post a comment|add a comment|join the (discussion|conversation)"
    r"|your email address will not be published|required fields are marked|\d+\s+(comments?|responses?)"
    r"|related (posts|articles|stories|reading|content)|you (may|might) also like|recommended for you"
    r"|more from this author|post navigation|share this:|like this:|cancel reply)\b",
    re.IGNORECASE,
)

NOTES_HEADING = re.compile(
    r"^\s*(notes|endnotes|footnotes|references|bibliography|works cited|sources|citations)\s*:?\s*$",
    re.IGNORECASE,
)
PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?[-–—]?\s*\d{1,3}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.I)
FOOTNOTE_START = re.compile(r"^\s*(?:\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}|\[\d{1,3}\])[.)]?\s+(?=\S)")
URL = re.compile(r"https?://|www\.\w|\bdoi:|\b\w+\.(?:com|org|net|edu|gov)/", re.IGNORECASE)
YEAR = re.compile(r"\b(?:1[5-9]|20)\d{2}\b")
QUOTED = re.compile(r"[\"“‘'][^\"“”‘’']{3,}[,.]?[\"”’']")
CITATION_WORDS = re.compile(r"\b(?:ibid|op\. cit|et al\.|pp?\.\s*\d|vol\.\s*\d|accessed|retrieved)", re.I)


def _drop(m: Mapped, spans: list[Span], drop: list[bool]) -> Mapped:
    """Remove the flagged lines together with their newline."""
    return m.remove((s, e + 1) for (s, e), flag in zip(spans, drop, strict=True) if flag)


def _lines(m: Mapped) -> tuple[list[Span], list[str]]:
    spans = m.line_spans()
    return spans, [m.text[s:e] for s, e in spans]


def _key(line: str) -> str:
    """A line as repeats are compared: case, spacing and numbers (page numbers) ignored."""
    return re.sub(r"\d+", "#", " ".join(line.split()).casefold())


def is_share_debris(line: str) -> bool:
    """``f``, ``🐦``, ``G+``, ``Share``…: a line made only of share-button labels."""
    words = line.strip().casefold()
    if not words:
        return False
    return words in SHARE_PHRASES or all(token in SHARE_TOKENS for token in words.split())


def drop_share_debris(m: Mapped) -> Mapped:
    spans, lines = _lines(m)
    return _drop(m, spans, [is_share_debris(line) for line in lines])


def drop_nav_lines(m: Mapped, head: int = 5) -> Mapped:
    """Navigation bars among the first few lines: short, unpunctuated, mostly menu words."""
    spans, lines = _lines(m)
    drop, seen = [False] * len(lines), 0
    for i, line in enumerate(lines):
        words = re.findall(r"[a-z]+", line.casefold())
        if not words:
            continue
        seen += 1
        if seen > head:
            break
        nav = sum(word in NAV_WORDS for word in words)
        menu_like = len(words) <= 12 and not line.rstrip().endswith(".")
        drop[i] = menu_like and nav >= 3 and nav >= 0.4 * len(words)
    return _drop(m, spans, drop)


def drop_page_numbers(m: Mapped) -> Mapped:
    """Lines that hold only a page number (``4``, ``- 4 -``, ``Page 4 of 9``)."""
    spans, lines = _lines(m)
    return _drop(m, spans, [bool(PAGE_NUMBER.match(line)) for line in lines])


def drop_running_lines(m: Mapped, min_repeats: int = 3, max_len: int = 100) -> Mapped:
    """Running headers/footers: short lines repeated across pages.

    With page breaks, a line counts when it sits among the first or last three lines of a page
    on at least two pages (and 40% of them); without, any short line seen ``min_repeats`` times.
    """
    spans, lines = _lines(m)
    keys = [_key(line) if 0 < len(line.strip()) <= max_len else "" for line in lines]
    pages = _page_line_groups(lines)
    if len(pages) >= 2:
        edges = [_edge_lines(page, lines) for page in pages]
        counts = Counter(k for page_edges in edges for k in {keys[i] for i in page_edges if keys[i]})
        needed = max(2, int(0.4 * len(pages)))
        on_edge = {i for page_edges in edges for i in page_edges}
        drop = [i in on_edge and counts[keys[i]] >= needed for i in range(len(lines))]
    else:
        counts = Counter(k for k in keys if k)
        drop = [bool(k) and counts[k] >= min_repeats for k in keys]
    return _drop(m, spans, drop)


def _page_line_groups(lines: list[str]) -> list[list[int]]:
    pages: list[list[int]] = [[]]
    for i, line in enumerate(lines):
        if line.strip(" ") == PAGE_BREAK:
            pages.append([])
        else:
            pages[-1].append(i)
    return [page for page in pages if page]


def _edge_lines(page: list[int], lines: list[str]) -> list[int]:
    body = [i for i in page if lines[i].strip()]
    return body[:3] + body[-3:]


def is_citation(text: str) -> bool:
    """Does this read like a reference (URL, quoted title with a year, Ibid., pp. 12…)?"""
    return bool(
        URL.search(text) or CITATION_WORDS.search(text) or (QUOTED.search(text) and YEAR.search(text))
    )


def is_footnote_line(line: str) -> bool:
    """A numbered note: ``12 'Title,' Publisher, 2016, http://…`` (a number, then a citation)."""
    start = FOOTNOTE_START.match(line)
    return bool(start) and len(line) <= 600 and is_citation(line[start.end():])


def drop_footnote_blocks(m: Mapped) -> Mapped:
    """Notes at page bottoms and end-of-article "Notes"/"References" sections.

    On a page (PDF), everything from the first numbered note in its lower part to the page end
    goes: footnotes wrap, so their continuation lines carry no number. Without pages, numbered
    note lines go with the citation-like lines that follow them in the same block.
    """
    spans, lines = _lines(m)
    drop = [False] * len(lines)
    pages = _page_line_groups(lines)
    if len(pages) >= 2:
        for page in pages:
            body = [i for i in page if lines[i].strip()]
            lower = body[len(body) // 3:]
            first = next((i for i in lower if is_footnote_line(lines[i])), None)
            if first is not None:
                for i in page:
                    drop[i] = drop[i] or i >= first
    in_note = False
    for i, line in enumerate(lines):
        if not line.strip():
            in_note = False
        elif is_footnote_line(line) or (in_note and (is_citation(line) or FOOTNOTE_START.match(line))):
            drop[i] = in_note = True
    _drop_notes_sections(lines, drop)
    return _drop(m, spans, drop)


def _drop_notes_sections(lines: list[str], drop: list[bool]) -> None:
    """A "Notes"/"References" heading and the reference lines under it (until prose resumes)."""
    for i, line in enumerate(lines):
        if not NOTES_HEADING.match(line):
            continue
        drop[i] = True
        for j in range(i + 1, len(lines)):
            text = lines[j].strip()
            if text and text != PAGE_BREAK and not (FOOTNOTE_START.match(text) or is_citation(text)):
                break
            drop[j] = drop[j] or text != PAGE_BREAK


def drop_comment_tail(m: Mapped, tail_share: float = 0.4) -> Mapped:
    """"Leave a Reply", "Related posts"…: near the end, everything from there on goes."""
    spans, lines = _lines(m)
    drop = [False] * len(lines)
    for i, line in enumerate(lines):
        if TAIL_START.match(line):
            if spans[i][0] >= (1 - tail_share) * len(m):
                drop[i:] = [True] * (len(lines) - i)
                break
            drop[i] = True
    return _drop(m, spans, drop)
