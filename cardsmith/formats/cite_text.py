"""Splitting a plain cite line into the short cite ("Sun 16") and the rest, and reading its year."""

from __future__ import annotations

import re

#: The longest short cite we believe; longer bold runs are a bolded whole line.
SHORT_CITE_MAX = 60

_LEADING_SHORT = re.compile(
    r"^\s*(?P<short>[\[(]?[^\W\d][^,;:\d]{0,45}?\s?['‘’]?(?:19|20)?\d\d)(?!\d)['‘’]?", re.UNICODE
)


def split_cite(text: str) -> tuple[str, str]:
    """``("Sun 16", "Jane Sun, prof...")`` when the line starts with a name and a year.

    Otherwise ``("", text)``: no short cite is better than a wrong one.
    """
    match = _LEADING_SHORT.match(text)
    if not match:
        return "", text.strip()
    return match.group(0).strip(), text[match.end() :].strip()


def year_of(short: str) -> int | None:
    """The year a short cite names: ``Sun 16`` -> 2016, ``Smith 1998`` -> 1998."""
    match = re.search(r"(\d{4}|\d{2})\D*$", short)
    if not match:
        return None
    value = int(match.group(1))
    if value >= 1000:
        return value
    return 2000 + value if value <= 40 else 1900 + value
