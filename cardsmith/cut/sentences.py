"""Sentence boundaries as spans, so a passage always starts and ends on whole sentences."""

from __future__ import annotations

import re

from cardsmith.model import Span

# Words after which a period does not end a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st vs etc e.g i.e al fig no vol pp p ed eds inc ltd co corp gov gen
    sen rep col lt sgt capt maj adm jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n
    e.u d.c a.m p.m approx est dept univ""".split()
)
_END = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+|$)""")
_OPENER = re.compile(r"""\s+["'“‘(\[]*[A-Z0-9]""")
# A list item's marker ("3.", "(b)", "iv.") is the start of its sentence, not a sentence of its own.
_LIST_MARKER = re.compile(r"""(?:^|[:;])\s*[("'“]?(?:\d{1,2}|[A-Za-z]|[ivxIVX]{1,4})$""")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Split ``text[start:end]`` into sentence spans (absolute offsets, surrounding spaces trimmed)."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    begin = start
    for match in _END.finditer(text, start, end):
        stop = match.end()
        if _LIST_MARKER.search(text[begin : match.start()]) or not _is_boundary(text, match.start(), stop, end):
            continue
        _append_trimmed(text, begin, stop, spans)
        begin = stop
    _append_trimmed(text, begin, end, spans)
    return spans


def _is_boundary(text: str, dot: int, stop: int, end: int) -> bool:
    if stop >= end:
        return True
    if not _OPENER.match(text, stop):
        return False
    if text[dot] != ".":
        return True
    word = re.search(r"([\w.]+)$", text[max(0, dot - 12) : dot])
    if not word:
        return True
    token = word.group(1).lower()
    if token in _ABBREVIATIONS:
        return False
    # Initials such as "J. Smith" and single letters.
    return not (len(token) == 1 and token.isalpha())


def _append_trimmed(text: str, begin: int, stop: int, spans: list[Span]) -> None:
    while begin < stop and text[begin].isspace():
        begin += 1
    while stop > begin and text[stop - 1].isspace():
        stop -= 1
    if stop > begin:
        spans.append((begin, stop))
