"""Format a cite the way debaters write it: a bold short cite (``Sun 16``) then the parenthetical.

The parenthetical comes from a template so teams can match their own house style. A template
is ordinary ``str.format`` text with named fields; a part in square brackets is *optional*: it
is dropped whole when any field inside it is unknown, so a missing field leaves no placeholder
and no dangling label. Separators left doubled by a dropped part are tidied afterwards.

Fields: ``short`` (``Sun 16``), ``authors`` (full names, ``A and B`` / ``A, B, and C``),
``qualifications``, ``byline`` (authors then qualifications, or just the bio when it opens with
the author's name, as in "Yun Sun is a senior associate…"), ``date`` (as printed:
``March 3, 2021`` / ``March 2021`` / ``2021``),
``iso_date``, ``year`` (``2021``), ``yy`` (``21``), ``title``, ``publication``, ``url``,
``accessed`` (as printed) and ``initials`` (the cutter's).
"""

from __future__ import annotations

import re
import string

from cardsmith.errors import CardsmithError
from cardsmith.model import Cite, Metadata
from cardsmith.sources.dates import human_date
from cardsmith.sources.people import join_names, surname

DEFAULT_TEMPLATE = (
    '([{byline}][, {date}][, "{title},"][, {publication}][, {url}]'
    "[, accessed {accessed}])[ {initials}]"
)
FIELDS = (
    "short", "authors", "byline", "qualifications", "date", "iso_date", "year", "yy", "title",
    "publication", "url", "accessed", "initials",
)  # fmt: skip
#: Short-cite words for a source with no author and no publication: its title, cut to this many words.
SHORT_TITLE_WORDS = 5

_GROUP = re.compile(r"\[([^\[\]]*)\]")
_TIDY = (
    (re.compile(r"\(\s*[,;]\s*"), "("),  # "(, quals" when the author is unknown
    (re.compile(r"([,;])\s*[,;]"), r"\1"),  # doubled separators
    (re.compile(r',"\s*,\s*'), '," '),  # '"Title,", Pub' -> '"Title," Pub'
    (re.compile(r'([?!]),"'), r'\1"'),  # '"Why?,"' -> '"Why?"'
    (re.compile(r',"\s*\)'), '")'),  # '"Title,")' -> '"Title")'
    (re.compile(r"\s*\(\s*\)"), ""),  # nothing known at all
    (re.compile(r"\s{2,}"), " "),
)


def make_cite(
    meta: Metadata,
    *,
    initials: str | None = None,
    accessed: str | None = None,
    template: str | None = None,
) -> Cite:
    """The cite for a source. ``accessed`` (ISO or free text) overrides ``meta.accessed``;
    ``template`` overrides :data:`DEFAULT_TEMPLATE` (see the module docstring for its fields)."""
    accessed = accessed or meta.accessed
    year = meta.year
    cite = Cite(
        authors=list(meta.authors),
        qualifications=meta.qualifications,
        date=meta.date,
        year=year,
        title=meta.title,
        publication=meta.publication,
        url=meta.url,
        accessed=accessed,
        initials=initials,
    )
    cite.short = short_cite(meta)
    values = {
        "short": cite.short,
        "authors": join_names(meta.authors),
        "byline": _byline(meta),
        "qualifications": _trim_period(meta.qualifications or ""),
        "date": human_date(meta.date) if meta.date else "",
        "iso_date": meta.date or "",
        "year": str(year) if year else "",
        "yy": f"{year % 100:02d}" if year else "",
        "title": (meta.title or "").strip(),
        "publication": meta.publication or "",
        "url": meta.url or "",
        "accessed": human_date(accessed) if accessed else "",
        "initials": initials or "",
    }
    cite.full = render(template or DEFAULT_TEMPLATE, values)
    cite.warnings = _missing(meta) + list(meta.warnings)
    return cite


def short_cite(meta: Metadata) -> str:
    """``Sun 16``, ``Fonseca and Kramer 18``, ``Smith et al. 21``; the publication stands in for a
    missing author (then a short title), ``ND`` for a missing date."""
    if meta.authors:
        who = join_names([surname(a) for a in meta.authors], et_al_from=3)
    elif meta.publication:
        who = meta.publication
    else:
        words = (meta.title or "").split()
        who = " ".join(words[:SHORT_TITLE_WORDS]) + ("…" if len(words) > SHORT_TITLE_WORDS else "")
    when = f"{meta.year % 100:02d}" if meta.year else "ND"
    return f"{who} {when}".strip()


def render(template: str, values: dict[str, str]) -> str:
    """Fill ``template``: optional ``[...]`` parts vanish when a field in them is empty."""
    parts, pos = [], 0
    for m in _GROUP.finditer(template):
        parts.append(_fill(template[pos : m.start()], values, optional=False))
        parts.append(_fill(m.group(1), values, optional=True))
        pos = m.end()
    parts.append(_fill(template[pos:], values, optional=False))
    out = "".join(parts)
    for pattern, repl in _TIDY:
        out = pattern.sub(repl, out)
    return out.strip()


def _fill(segment: str, values: dict[str, str], *, optional: bool) -> str:
    if "[" in segment or "]" in segment:
        raise CardsmithError(f"cite template: unbalanced or nested [ ] in {segment!r}")
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(segment) if name is not None]
    except ValueError as err:
        raise CardsmithError(f"cite template: {err}") from None
    unknown = [n for n in names if n not in values]
    if unknown:
        raise CardsmithError(f"cite template: unknown field {unknown[0]!r}; known: {', '.join(FIELDS)}")
    if optional and not all(values[n] for n in names):
        return ""
    return segment.format_map(values)


def _byline(meta: Metadata) -> str:
    """Who wrote it and why they are qualified. A bio that opens with the author's name already
    says who wrote it; printing the name again would read "Yun Sun, Yun Sun is…"."""
    names = join_names(meta.authors)
    quals = _trim_period(meta.qualifications or "")
    if len(meta.authors) == 1 and quals.startswith(meta.authors[0]):
        return quals
    return ", ".join(part for part in (names, quals) if part)


def _trim_period(text: str) -> str:
    """Drop a bio's final full stop so the next comma does not follow it ("regimes., 2016"),
    but keep the one that ends an abbreviation ("D.C.")."""
    text = text.strip()
    last = text.split()[-1] if text else ""
    return text[:-1] if last.endswith(".") and last.count(".") == 1 else text


def _missing(meta: Metadata) -> list[str]:
    """Warnings for the fields a judge or opponent will ask about."""
    warnings = []
    if not meta.authors:
        stand_in = "the publication" if meta.publication else "the title" if meta.title else "nothing"
        warnings.append(f"no author found: the short cite uses {stand_in}")
    if not meta.date:
        warnings.append("no date found: the short cite says ND")
    if not meta.title:
        warnings.append("no title found")
    if not meta.qualifications:
        warnings.append("no author qualifications found")
    return warnings
