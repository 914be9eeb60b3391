"""Recognise and tidy personal names: bylines list authors in many shapes, cites need surnames.

A *name* here is 2–5 tokens of capitalised words, initials and name particles ("van der"),
optionally with a suffix ("Jr."). Anything with ordinary English words or job titles in it
is not a name — that is what keeps titles and headings out of the author list.
"""

from __future__ import annotations

import re


def wordset(text: str) -> frozenset[str]:
    """A set from a whitespace-separated word list: long vocabularies stay readable in source."""
    return frozenset(text.split())


PARTICLES = wordset("van von der den de del della di da das dos du la le ter ten bin ibn al el st. st")
SUFFIXES = wordset("jr jr. sr sr. ii iii iv phd ph.d. md m.d.")
_HONORIFICS = wordset(
    "dr dr. prof prof. professor mr mr. ms ms. mrs mrs. sir dame gen. gen general amb. "
    "ambassador rep. sen. senator hon. col. lt. adm. admiral"
)
# Words that never occur inside a person's name: function words, roles, common title nouns.
_NOT_NAME = wordset(
    """a an and the of in on for to with at by from into over under about after before is are was
    were be been this that these those it its as or not no new how why what when where who our your
    their his her we you they us policy brief report review analysis update news press institute
    center centre university council foundation program programme school department college
    senior junior fellow director editor correspondent reporter writer staff contributor analyst
    associate assistant research researcher president chair chairman chief executive officer
    manager lead deputy head adjunct visiting member partner founder author authors posted
    published updated share print email comments comment home homepage menu search subscribe login
    focus readings issues topics region topic global china russia united states america american
    europe european asia asian war wars world international national strategic strategy relations
    security trade economy alliance partnership convergence impact politics political affairs"""
)
_TOKEN = re.compile(r"^(?:[A-Z]\.){1,3}$|^[A-Z][\w'’\-.]*$", re.UNICODE)
_LIST_SPLIT = re.compile(r"\s*(?:,\s*and\s+|,\s*&\s*|\s+and\s+|\s*&\s*|\s*;\s*|\s*,\s*)", re.I)


def _fix_case(token: str, first: bool) -> str:
    """``SUTTER`` → ``Sutter``, ``MCDONALD`` → ``McDonald``, ``VAN`` → ``van`` (not first)."""
    if not (token.isupper() and sum(c.isalpha() for c in token) > 1):
        return token
    if not first and token.lower() in PARTICLES:
        return token.lower()
    if token.lower() in SUFFIXES:
        return token
    word = re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), token.lower())
    word = re.sub(r"(?<=['’])([a-z])", lambda m: m.group(1).upper(), word)  # O'Brien
    return re.sub(r"^(Ma?c)([a-z])", lambda m: m.group(1) + m.group(2).upper(), word)


def clean_name(text: str) -> str | None:
    """A tidy personal name from ``text`` (honorifics dropped, case fixed), or None if not a name."""
    text = re.sub(r"[*_`]+", "", text).strip(" \t,.;:|·•–—-")
    tokens = [
        t.rstrip(".").capitalize() + "." if t.lower().rstrip(".") in {"jr", "sr"} else t for t in text.split()
    ]
    while tokens and tokens[0].lower() in _HONORIFICS:
        tokens = tokens[1:]
    # "Smith, Jr." stays one name: drop the comma before a suffix.
    tokens = [
        t.rstrip(",") if i + 1 < len(tokens) and tokens[i + 1].lower() in SUFFIXES else t
        for i, t in enumerate(tokens)
    ]
    core = [t for t in tokens if t.lower() not in SUFFIXES]
    if not 2 <= len(core) <= 5:
        return None
    for i, tok in enumerate(core):
        low = tok.lower()
        if low in PARTICLES and 0 < i < len(core) - 1:
            continue
        if low.strip(".’'") in _NOT_NAME or not _TOKEN.match(tok) or tok.endswith(("’s", "'s")):
            return None
        if any(ch.isdigit() for ch in tok):
            return None
    return " ".join(_fix_case(t, i == 0) for i, t in enumerate(tokens))


def split_names(text: str) -> list[str]:
    """Names in a byline list ("A, B and C", "A & B", "A; B"), or [] if any part is not a name.

    All-or-nothing keeps "China and Russia" or "Smith, Senior Fellow" from half-matching.
    """
    text = re.sub(r"[*_`]+", "", text).strip(" \t.;:|")
    parts = [p for p in _LIST_SPLIT.split(text) if p.strip()]
    merged: list[str] = []
    for part in parts:
        if merged and part.strip(" .").lower() + "." in SUFFIXES | {"jr.", "sr."}:
            merged[-1] += ", " + part.strip()
        else:
            merged.append(part)
    names = [clean_name(p) for p in merged]
    if not names or any(n is None for n in names):
        return []
    return [n for n in names if n]


def flip_inverted(name: str) -> str:
    """``Sun, Yun`` (library order, common in file properties) → ``Yun Sun``; other text unchanged."""
    parts = [p.strip() for p in name.split(",")]
    if len(parts) == 2 and parts[1] and parts[1].lower() not in SUFFIXES and " " not in parts[0]:
        return f"{parts[1]} {parts[0]}"
    return name


def surname(name: str) -> str:
    """The part of a name a short cite uses: ``van der Berg``, ``Smith-Jones``, ``King`` (of "King Jr.")."""
    tokens = [t.rstrip(",") for t in name.split()]
    while len(tokens) > 1 and tokens[-1].lower() in SUFFIXES:
        tokens.pop()
    if not tokens:
        return name
    i = len(tokens) - 1
    while i > 1 and tokens[i - 1].lower() in PARTICLES:
        i -= 1
    return " ".join(tokens[i:])


def join_names(names: list[str], *, et_al_from: int | None = None) -> str:
    """``A``, ``A and B``, ``A, B, and C``; with ``et_al_from`` set, ``A et al.`` from that many names."""
    if et_al_from is not None and len(names) >= et_al_from:
        return f"{names[0]} et al."
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]
