"""Inline rules: junk inside lines (stamps, footnote markers, hyphenation, invisible characters).

Each rule maps a :class:`Mapped` to a :class:`Mapped` by deleting characters only.
"""

from __future__ import annotations

import re

from cardsmith.sources.mapped import Mapped

#: Zero-width characters, BOMs and carriage returns: never part of the words.
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\r]|\u00ad(?![ \t]*\n)")

#: Stamps databases and publishers print on every page of a downloaded PDF (JSTOR, Taylor &
#: Francis, SSRN, De Gruyter, ...). Case-sensitive on purpose: prose such as "data downloaded from
#: the census by researchers in 2019" must survive. Card verification reuses this pattern.
STAMPS = re.compile(
    r"This\s+content\s+downloaded\s+from\s+\S+(?:\s+on\s+[^\n]{0,60}?\b(?:UTC|GMT)\b)?"
    r"(?:\s*All\s+use\s+subject\s+to\s+\S+)?"
    r"|All\s+use\s+subject\s+to\s+\S*jstor\.org/terms"
    r"|Downloaded\s+from\s+\S+\s+(?:by|at)\s+[^\n]{0,80}?\b(?:19|20)\d{2}\b"
    r"|Downloaded\s+by\s+\[[^\]\n]{0,80}\]\s+at\s+[\d:]+\s+\d{1,2}\s+\w+\s+\d{4}"
    r"|Electronic\s+copy\s+available\s+at:\s*\S+"
    r"|Brought\s+to\s+you\s+by\s+[^\n]{0,80}?\s+Download\s+Date\s+\|\s+[\d/ :APM]+"
    r"|For\s+personal\s+use\s+only\.?"
)

#: Superscript digits are always note markers in running text. Marker patterns open with a
#: ``(?=\d)`` test so the regex engine skips non-digit positions cheaply.
SUPERSCRIPT_MARKER = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
#: ``countries.12 The`` / ``said,”3 and``: a number glued behind punctuation that ends a word.
PUNCT_MARKER = re.compile(r"(?=\d)(?:(?<=[A-Za-z%][.,;:!?\"”’)])|(?<=[.,;:!?][\"”’)]))\d{1,3}(?=[ \t\n]|$)")
#: ``transactions12 and``: a number glued to a lowercase word (``G20``, ``COVID19`` are not).
WORD_MARKER = re.compile(r"(?=\d)(?<=[a-z]{4})\d{1,3}(?=[ \t\n]|[.,;:](?:[ \t\n]|$)|$)")
#: ``claim[12]`` / ``claim.[3, 4]``: bracketed note numbers glued to a word.
BRACKET_MARKER = re.compile(r"(?=\[)(?<=[\w.,;:\"”’)])\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]")
#: Abbreviations whose period is followed by a real number (``p.12``, ``No.5``).
NUMBERED_ABBREV = re.compile(r"(?:\b(?:p|pp|no|vol|fig|art|sec|ch|para|op|ed)\.)$", re.IGNORECASE)

#: A line that ends in a hyphen (or PDFium's U+0002 / a soft hyphen) before a lowercase word.
LINE_END_HYPHEN = re.compile(r"\b(?P<left>[A-Za-z]+)(?P<hyphen>[-\u2010\u00ad\x02])[ \t]*\n[ \t]*(?=[a-z])")
#: First halves of compounds that keep their hyphen before a word (``well-known``, ``self-interest``);
#: prefixes that also start plain words (``pre-vious``, ``pro-duction``) are left out on purpose.
HYPHEN_PREFIXES = frozenset(
    [
        "well", "self", "non", "so", "half", "state", "long", "high", "full", "ill", "co", "one", "two",
        "three", "four", "five", "ten"
    ]
)
#: A right half shorter than this is a suffix (``self-ish``), never a compound's second word.
MIN_COMPOUND_RIGHT = 4


def drop_invisible(m: Mapped) -> Mapped:
    return m.remove_matches(INVISIBLE)


def drop_stamps(m: Mapped) -> Mapped:
    """JSTOR-style "… downloaded from … All use subject to …" stamps, wherever they sit."""
    return m.remove_matches(STAMPS)


def drop_footnote_markers(m: Mapped) -> Mapped:
    """Note numbers glued to words or punctuation; free-standing numbers (``in 2016``) stay."""
    text = m.text
    spans = [x.span() for x in SUPERSCRIPT_MARKER.finditer(text)]
    spans += [x.span() for x in BRACKET_MARKER.finditer(text)]
    spans += [x.span() for x in WORD_MARKER.finditer(text) if not _inside_token(text, x.start())]
    spans += [
        x.span()
        for x in PUNCT_MARKER.finditer(text)
        if not NUMBERED_ABBREV.search(text[max(0, x.start() - 6): x.start()])
        and not _inside_token(text, x.start())
    ]
    return m.remove(spans)


def _inside_token(text: str, pos: int) -> bool:
    """Is ``pos`` inside a URL, e-mail address or file name (no spaces back to a ``/`` or ``@``)?"""
    start = max(text.rfind(" ", 0, pos), text.rfind("\n", 0, pos)) + 1
    token = text[start:pos]
    return "/" in token or "@" in token or "www." in token


def join_hyphenated_words(m: Mapped) -> Mapped:
    """``ex-\\nample`` -> ``example``; ``well-\\nknown`` -> ``well-known``.

    What the document itself spells elsewhere decides (``example`` or ``well-known`` on one
    line); failing that, the hyphen stays only after a usual compound prefix; otherwise the
    break was soft hyphenation.
    """
    text = m.text
    spans = []
    for match in LINE_END_HYPHEN.finditer(text):
        left, right = match["left"], re.match(r"[a-z]+", text[match.end():]).group()
        keep = match["hyphen"] in "-\u2010" and _keeps_hyphen(text, left, right)
        spans.append((match.end("left") + keep, match.end()))
    return m.remove(spans)


def _keeps_hyphen(text: str, left: str, right: str) -> bool:
    if re.search(rf"\b{re.escape(left + right)}\b", text, re.IGNORECASE):
        return False
    if f"{left}-{right}" in text:
        return True
    return left.casefold() in HYPHEN_PREFIXES and len(right) >= MIN_COMPOUND_RIGHT
