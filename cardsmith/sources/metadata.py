"""Find who wrote a source, who they are, when, what it is called and where it appeared.

A cite is only as good as this step, and a wrong cite is worse than a missing one, so every
field comes from something the source states: a byline, a label ("Published on:"), a bio,
the file's own properties (``hints``). Each field gets a confidence; a field nothing states
stays ``None``/``[]``. The one inference — the year of an undated piece from the latest dates
it cites — is low-confidence and always carries a warning.
"""

from __future__ import annotations

import re
from collections import Counter

from cardsmith.model import META_FIELDS, Metadata, Span
from cardsmith.sources.bios import ABOUT, find_bios
from cardsmith.sources.dates import DateMatch, find_dates, find_years, parse_date
from cardsmith.sources.junk import NAV_WORDS
from cardsmith.sources.people import clean_name, flip_inverted, split_names, surname, wordset
from cardsmith.sources.textlines import Line, is_prose, lines_of, plain, word_count

#: Paragraphs at the top that may hold title, byline and date (the first long paragraph ends it).
HEADER_PARAGRAPHS = 10
#: Paragraphs at the end searched for trailing bios, credits and publisher blocks.
TAIL_PARAGRAPHS = 10
#: A block with more lines than this is wrapped prose, not a title/byline block.
MAX_HEADER_BLOCK_LINES = 5
#: A page date this many years after everything the text mentions suggests a repost.
#: Years older than this before the page date are treated as history in the repost check.
HISTORY_YEARS = 10
REPOST_GAP_YEARS = 2

_BYLINE = re.compile(r"^(?:written\s+by|words\s+by|by|authors?(?:\(s\))?\s*:)\s+(?P<who>.+)$", re.I)
#: Words a title does not end on (a line that does is the start of a wrapped sentence).
_OPEN_ENDINGS = wordset(
    "the a an of in on to for and or with by at from as that which its their his her is are was"
)
_DATE_LABEL = re.compile(
    r"\b(?P<label>first\s+published|published|posted|released|dated|date|last\s+updated|updated|"
    r"last\s+modified|modified)\b(?:\s+on)?\s*[:\-–]?\s*",
    re.I,
)
_REPOST = re.compile(
    r"\b(?:originally|first)\s+(?:published|appeared|posted|ran)\b|\bthis\s+(?:article|piece|essay)\s+"
    r"(?:first\s+|originally\s+)?appeared\b|\breprinted\s+(?:with\s+permission\s+)?from\b|\brepublished\b",
    re.I,
)
_CREDIT = re.compile(
    r"^(?:credit|source|courtesy(?:\s+of)?)\s*[:|]?\s*(?P<pub>[^|:]{3,80}?)[.,]?$",
    re.I,
)
_COPYRIGHT = re.compile(
    r"^(?:copyright\s*)?©\s*(?:(?:19|20)\d\d\s*)?(?P<pub>[^.|]{3,80}?)(?:\.|,?\s*all rights.*)?$", re.I
)
_ORG_WORDS = re.compile(
    r"\b(?:Institute|Institution|Center|Centre|Council|Foundation|University|College|Review|Journal|"
    r"Times|Post|News|Magazine|Press|Quarterly|Herald|Tribune|Gazette|Observer|Monitor|Affairs|Forum|"
    r"Society|Association|Academy|Agency|Group|Policy|Studies)\b"
)
_SERIES = re.compile(
    r"\b(?:brief|paper|report|vol\.?|volume|no\.|issue|series)\s*\d+\W{0,4}(?P<year>(?:19|20)\d\d)\b", re.I
)
# "Label: value" lines such as a JSTOR cover page prints ("Stable URL: …").
_LABELS = {
    "title": re.compile(r"^(?:report\s+|article\s+)?title\s*:\s*(?P<v>.+)$", re.I),
    "authors": re.compile(r"^(?:report\s+)?authors?(?:\s*\(s\))?\s*:\s*(?P<v>.+)$", re.I),
    "publication": re.compile(r"^(?:published\s+by|publisher|journal|publication)\s*:\s*(?P<v>.+)$", re.I),
    "url": re.compile(r"^(?:stable\s+url|url|link|permalink|available\s+at|retrieved\s+from)\s*:?\s*"
                      r"(?P<v>https?://\S+)$", re.I),
}  # fmt: skip
_STAMP = re.compile(r"\b(?:download|accessed|retrieved|visited|viewed|printed)\b|\bdownloaded\b", re.I)
_URL = re.compile(r"https?://\S+")
_JUNK_HINT = re.compile(r"microsoft|untitled|^user$|^admin|\.docx?$|\.pdf$|@", re.I)


class _Fields:
    """Candidates per field; the best-confidence one wins, a second agreeing source adds a little."""

    def __init__(self) -> None:
        self.best: dict[str, tuple[object, float]] = {}
        self.seen: dict[str, list[object]] = {}

    def offer(self, name: str, value: object, conf: float) -> None:
        if not value:
            return
        self.seen.setdefault(name, []).append(value)
        if name not in self.best or conf > self.best[name][1]:
            self.best[name] = (value, conf)

    def confirm(self, name: str, value: object) -> None:
        """Record agreeing evidence (a bio naming the byline's author) without offering a value."""
        self.seen.setdefault(name, []).append(value)

    def extend(self, name: str, more: list[str]) -> None:
        """Add to the chosen list value, keeping its confidence."""
        value, conf = self.best[name]
        self.best[name] = ([*value, *more], conf)  # type: ignore[misc]

    def get(self, name: str) -> object:
        return self.best.get(name, (None, 0.0))[0]

    def text(self, name: str) -> str | None:
        value = self.get(name)
        return str(value) if value else None

    def names(self) -> list[str]:
        return list(self.get("authors") or [])  # type: ignore[call-overload]

    def confidence(self, name: str) -> float:
        value, conf = self.best.get(name, (None, 0.0))
        agree = sum(1 for v in self.seen.get(name, []) if _same(v, value))
        return round(min(0.98, conf + 0.05 * (agree - 1)), 2) if value else 0.0


def _same(a: object, b: object) -> bool:
    if isinstance(a, list) and isinstance(b, list):
        return {surname(x).lower() for x in a} == {surname(x).lower() for x in b}
    return _key(str(a)) == _key(str(b))


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def extract_metadata(source_text: str, text: str, paragraphs: list[Span], hints: dict) -> Metadata:
    """Metadata for a source: ``text``/``paragraphs`` are the cleaned document, ``source_text`` the raw
    file text (its cover-page labels may have been cleaned away), ``hints`` what the file format
    itself declares (keys ``title``, ``authors``, ``date``, ``publication``, ``url``; any may be missing).
    """
    units = lines_of(text, paragraphs)
    header_end = _header_end(text, paragraphs)
    header = [u for u in units if u.para < header_end]
    tail_start = max(header_end, len(paragraphs) - TAIL_PARAGRAPHS)
    tail = [u for u in units if u.para >= tail_start]
    fields = _Fields()
    warnings: list[str] = []

    _from_hints(fields, hints)
    _from_labels(fields, source_text)
    title_unit = _title(fields, header)
    _authors(fields, header, title_unit)
    _publication(fields, header + tail)
    _qualifications(fields, units, header, tail)
    _date(fields, header, tail, source_text)
    page_date = fields.text("date")
    if page_date:
        warnings += _repost_warnings(page_date, units)
    else:
        _infer_year(fields, source_text or text, warnings)

    meta = Metadata(
        authors=fields.names(),
        qualifications=fields.text("qualifications"),
        date=fields.text("date"),
        title=fields.text("title"),
        publication=fields.text("publication"),
        url=fields.text("url"),
        accessed=hints.get("accessed") or None,
        warnings=warnings,
    )
    meta.confidence = {f: fields.confidence(f) for f in META_FIELDS if f != "accessed"}
    meta.confidence["accessed"] = 1.0 if meta.accessed else 0.0
    return meta


def _header_end(text: str, paragraphs: list[Span]) -> int:
    """Index of the paragraph holding the first long line: title, byline and date sit above it.

    Lines, not paragraphs, because a copy may run title, deck and byline together in one block.
    """
    for i, (s, e) in enumerate(paragraphs[:HEADER_PARAGRAPHS]):
        if any(word_count(line) >= 40 for line in text[s:e].splitlines()):
            return max(i, 1)
    return min(len(paragraphs), HEADER_PARAGRAPHS)


def _from_hints(fields: _Fields, hints: dict) -> None:
    """What the file format declares: trusted, but file properties often name a tool or a copier."""
    title = plain(str(hints.get("title") or ""))
    if title and not _JUNK_HINT.search(title):
        # "Title | Site" page titles: the short last part is the site.
        parts = re.split(r"\s+[|–—-]\s+", title)
        if len(parts) > 1 and word_count(parts[-1]) <= 5 and word_count(" ".join(parts[:-1])) >= 3:
            fields.offer("publication", parts[-1], 0.5)
            title = " - ".join(parts[:-1])
        fields.offer("title", title, 0.85)
    raw = hints.get("authors") or []
    names = []
    for item in [raw] if isinstance(raw, str) else raw:
        if not _JUNK_HINT.search(str(item)):
            names += split_names(flip_inverted(str(item))) or [n for n in [clean_name(str(item))] if n]
    fields.offer("authors", names, 0.7)  # below a name line in the text: file authors are often copiers
    date = parse_date(str(hints.get("date") or ""))
    fields.offer("date", date, 0.8)
    if hints.get("publication") and not _JUNK_HINT.search(str(hints["publication"])):
        fields.offer("publication", plain(str(hints["publication"])), 0.85)
    if hints.get("url"):
        fields.offer("url", str(hints["url"]).strip(), 0.95)


def _from_labels(fields: _Fields, source_text: str) -> None:
    """Cover-page labels in the raw text ("Stable URL: …", "Published by: … (2016)")."""
    for line in source_text.splitlines()[:60]:
        line = plain(line)
        for name, pattern in _LABELS.items():
            m = pattern.match(line)
            if not m:
                continue
            value = m.group("v").strip()
            if name == "authors":
                fields.offer(name, split_names(value), 0.9)
            elif name == "publication":
                year = re.search(r"\((?P<y>(?:19|20)\d\d)\)\s*$", value)
                if year:
                    fields.offer("date", year.group("y"), 0.7)
                fields.offer(name, re.sub(r"\s*\([^)]*\)\s*$", "", value), 0.8)
            else:
                fields.offer(name, value, 0.9)


def _is_nav(text: str) -> bool:
    words = [w.lower().strip(".,:|") for w in text.split()]
    return sum(w in NAV_WORDS for w in words) >= 2 and not text.rstrip().endswith((".", "?"))


def _date_unit(unit: Line) -> DateMatch | None:
    """The date on a short line that leads with one ("24/05/2021 Region: …", "Thu. Nov 21st, 2024")."""
    if word_count(unit.text) > 12:
        return None
    dates = find_dates(unit.text)
    if dates and word_count(unit.text[: dates[0].start]) <= 2:
        return dates[0]
    return None


def _title_candidate(unit: Line, next_unit: Line | None) -> bool:
    text = unit.text
    last = text.split()[-1] if text.split() else ""
    continued = next_unit is not None and next_unit.para == unit.para and next_unit.text[:1].islower()
    return (
        2 <= word_count(text) <= 30
        and not continued
        and last.lower() not in _OPEN_ENDINGS
        and not text.endswith((",", ";", ":", "..."))
        and not (text.endswith(".") and last.count(".") == 1)
        and not is_prose(text)
        and not _is_nav(text)
        and not _BYLINE.match(text)
        and not split_names(text)
        and _date_unit(unit) is None
        and not _SERIES.search(text)
        and not ABOUT.match(text)
    )


def _title_shaped(text: str, lines_in_paragraph: int) -> bool:
    """A heading stands alone, or sits in a short block and is title-cased; a line of wrapped prose
    (one line of a long block, two sentences, an opening bracket) is not a title."""
    if lines_in_paragraph > MAX_HEADER_BLOCK_LINES or text.startswith("(") or re.search(r"[.!?] [A-Z]", text):
        return False
    long_words = [w for w in text.split() if len(w) >= 4]
    title_cased = bool(long_words) and sum(w[0].isupper() for w in long_words) >= 0.6 * len(long_words)
    return lines_in_paragraph == 1 or title_cased


def _title(fields: _Fields, header: list[Line]) -> Line | None:
    """The first title-like line above the first prose; an all-caps kicker above a title is skipped."""
    top: list[Line] = []
    for unit in header:
        if is_prose(unit.text):
            break
        top.append(unit)
    nexts = [*header[1:], None][: len(top)]
    lines_in = Counter(u.para for u in header)
    candidates = [
        u
        for u, nxt in zip(top, nexts, strict=True)
        if _title_candidate(u, nxt) and _title_shaped(u.text, lines_in[u.para])
    ]
    if not candidates:
        return None
    chosen = candidates[0]
    if chosen.text.isupper() and word_count(chosen.text) <= 5 and len(candidates) > 1:
        chosen = candidates[1]
    title = chosen.text
    fields.offer("title", title, 0.7)
    return chosen


def _byline_names(who: str) -> list[str]:
    """Names from the text after "By": cut at dates and separators, then drop trailing roles."""
    dates = find_dates(who)
    if dates:
        who = who[: dates[0].start]
    who = re.split(r"\s+[|·•—–-]\s+|\s+on\s+|\s*\|\s*", who)[0]
    parts = who.split(",")
    for k in range(len(parts), 0, -1):
        names = split_names(",".join(parts[:k]))
        if names:
            return names
    return []


def _authors(fields: _Fields, header: list[Line], title_unit: Line | None) -> None:
    for unit in header:
        m = _BYLINE.match(unit.text)
        names = _byline_names(m.group("who")) if m else []
        if names:
            fields.offer("authors", names, 0.9)
            return
    for unit in header:
        if unit is not title_unit and word_count(unit.text) <= 16 and not is_prose(unit.text):
            names = split_names(unit.text)
            if names:
                fields.offer("authors", names, 0.75)
                return


def _qualifications(fields: _Fields, units: list[Line], header: list[Line], tail: list[Line]) -> None:
    """The authors' bios become the qualifications; with no byline, bios at the end name the authors."""
    found = find_bios(units, header, tail)
    authors = fields.names()
    if not authors:
        authors = list(dict.fromkeys(b.person for b in found if b.person and b.names_author))
        fields.offer("authors", authors, 0.6)
    surnames = {surname(a).lower() for a in authors}
    mine = [b for b in found if b.person is None or surname(b.person).lower() in surnames]
    if any(b.person for b in mine):
        fields.confirm("authors", authors)  # a bio naming the byline's author backs it up
    coauthors = [n for b in mine if b.names_author for n in b.others if surname(n).lower() not in surnames]
    if coauthors:  # a bio block at the end that also introduces others: page metadata named only one
        fields.extend("authors", list(dict.fromkeys(coauthors)))
    if authors and mine:
        text = " ".join(dict.fromkeys(b.text for b in mine))
        fields.offer("qualifications", text, max(b.confidence for b in mine))


def _publication(fields: _Fields, units: list[Line]) -> None:
    """Credit and copyright lines, or a publisher's name standing alone at the top or end."""
    counts: dict[str, int] = {}
    for unit in units:
        m = _CREDIT.match(unit.text) or _COPYRIGHT.match(unit.text)
        if m and not _URL.match(m.group("pub")):
            fields.offer("publication", m.group("pub").strip(), 0.6)
        elif (
            word_count(unit.text) <= 8
            and _ORG_WORDS.search(unit.text)
            and not unit.text.rstrip().endswith((".", "?", "!"))
            and all(w[0].isupper() or w in {"of", "for", "on", "the", "and", "&"} for w in unit.text.split())
        ):
            counts[unit.text] = counts.get(unit.text, 0) + 1
    for name, n in counts.items():
        fields.offer("publication", name, 0.6 if n > 1 else 0.45)


def _date(fields: _Fields, header: list[Line], tail: list[Line], source_text: str) -> None:
    """The page's own date: a labelled one, the file's, a lone date line, or a series line's year."""
    for unit in header + tail:
        for label in _DATE_LABEL.finditer(unit.text):
            dates = [d for d in find_dates(unit.text) if 0 <= d.start - label.end() <= 3]
            if dates:
                kind = label.group("label").lower()
                fields.offer("date", dates[0].iso, 0.7 if "updated" in kind or "modified" in kind else 0.9)
    for unit in header:
        lead = _date_unit(unit)
        if lead:
            fields.offer("date", lead.iso, 0.75)
            break
    for unit in header:
        dates = find_dates(unit.text) if _BYLINE.match(unit.text) else []
        if dates:
            fields.offer("date", dates[0].iso, 0.8)  # "By Jane Doe | March 3, 2021"
            break
    lines = source_text.splitlines()
    for line in lines[:80] + lines[-80:]:
        m = _SERIES.search(line)
        if m and word_count(line) <= 12:
            fields.offer("date", m.group("year"), 0.6)
            break


def _infer_year(fields: _Fields, source_text: str, warnings: list[str]) -> None:
    """For an undated piece: the year of the latest month- or day-precise date it cites.

    The raw source is searched because cleaning drops the footnotes that carry most such dates;
    download and access stamps ("… downloaded from <address> on <date>") are not the
    piece's dates and are skipped.
    """
    lines = [line for line in source_text.splitlines() if not _STAMP.search(line)]
    dates = find_dates("\n".join(lines))
    if not dates:
        return
    year = max(d.year for d in dates)
    fields.offer("date", str(year), 0.3)
    warnings.append(f"date not stated: year {year} inferred from the latest dates the text cites")


def _repost_warnings(page_date: str, units: list[Line]) -> list[str]:
    """Signs that the page date is not when the text was written: a repost or a re-dated page."""
    body = []  # (unit, its dates) for every line but the ones stating the page date
    for unit in units:
        dates = find_dates(unit.text)
        if not _DATE_LABEL.match(unit.text) and all(d.iso != page_date for d in dates):
            body.append((unit, dates))
    for unit, _ in body:
        m = _REPOST.search(unit.text)
        if m:
            said = re.split(r"(?<=[.!?])\s", unit.text[m.start() :])[0].rstrip(".")
            return [f'page dated {page_date} but the text says "{said}": a repost? cite the original date']
    warnings = []
    # Years long before the page date ("the crisis of 1962") are history, not signs of a repost.
    page_year = int(page_date[:4])
    years = [
        y for unit, dates in body for y in find_years(unit.text, dates) if page_year - y <= HISTORY_YEARS
    ]
    if years and page_year - max(years) >= REPOST_GAP_YEARS:
        warnings.append(
            f"page dated {page_date} but the latest recent year the text mentions is {max(years)}: "
            "a repost or re-dated page? check the original date"
        )
    later = max((d.iso for _, dates in body for d in dates if len(d.iso) == 10), default="")
    if len(page_date) == 10 and later[:7] > page_date[:7]:
        warnings.append(f"page dated {page_date} but the text mentions {later}, after that date")
    return warnings
