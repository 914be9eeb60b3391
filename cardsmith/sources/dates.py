"""Find and parse the dates that articles print, so a cite can carry the full date a source states.

Dates come back as ISO strings whose length says how precise the source was:
``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``. Nothing here guesses a missing day or month.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")  # fmt: skip

_MON = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_TIME = r"(?:[T ]\d{1,2}:\d\d(?::\d\d)?(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?)?"

# Most precise first: a day-precision match wins over the month-year inside it.
_PATTERNS = (
    re.compile(rf"\b{_YEAR}-(?P<m>\d\d)-(?P<d>\d\d){_TIME}\b"),
    re.compile(rf"\b{_YEAR}/(?P<m>\d\d)/(?P<d>\d\d)\b"),
    re.compile(rf"\b{_MON}\s+(?P<d>\d{{1,2}}){_ORD},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?{_MON},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b(?P<a>\d{{1,2}})(?P<sep>[/.\-])(?P<b>\d{{1,2}})(?P=sep){_YEAR}\b"),
    re.compile(rf"\b{_MON},?\s+{_YEAR}\b", re.I),
)
_ANY_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_BARE_YEAR = re.compile(r"(?<![\d/.\-])\b(1[89]\d\d|20\d\d)\b(?![\d/\-])")


@dataclass(frozen=True)
class DateMatch:
    """A date found in text: ISO value and its half-open span."""

    iso: str
    start: int
    end: int

    @property
    def year(self) -> int:
        return int(self.iso[:4])


def _valid(year: int, month: int, day: int | None) -> bool:
    try:
        dt.date(year, month, day or 1)
    except ValueError:
        return False
    return True


def _iso(m: re.Match[str]) -> str | None:
    """ISO text for one regex match, or None when the numbers are not a real date."""
    groups = m.groupdict()
    year = int(groups["year"])
    if groups.get("a"):
        a, b = int(groups["a"]), int(groups["b"])
        # 24/05/2021 can only be day-first; 05/24/2021 only month-first. When both read as a
        # valid month, slashes follow the US order and dots/dashes the European one.
        if a > 12 or (b <= 12 and groups["sep"] != "/"):
            day, month = a, b
        else:
            month, day = a, b
    else:
        month = _MONTHS[groups["mon"].lower()] if groups.get("mon") else int(groups["m"])
        day = int(groups["d"]) if groups.get("d") else None
    if not _valid(year, month, day):
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def find_dates(text: str) -> list[DateMatch]:
    """Every month- or day-precision date in ``text``, in text order, without overlaps."""
    if not _ANY_YEAR.search(text):  # every form carries a year: skip the costly patterns on most lines
        return []
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            iso = _iso(m)
            if iso:
                found.append(DateMatch(iso, m.start(), m.end()))
                taken.append(m.span())
    return sorted(found, key=lambda d: d.start)


def find_years(text: str, dates: list[DateMatch] | None = None) -> list[int]:
    """Every year the text mentions, dated or bare (1800–2099); pass ``find_dates(text)`` if known."""
    dates = find_dates(text) if dates is None else dates
    bare = [
        int(m.group(1))
        for m in _BARE_YEAR.finditer(text)
        if not any(d.start <= m.start() < d.end for d in dates)
    ]
    return [d.year for d in dates] + bare


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as ISO, or a bare year, or None."""
    dates = find_dates(text)
    if dates:
        return dates[0].iso
    year = _BARE_YEAR.search(text)
    return year.group(1) if year else None


def human_date(iso: str) -> str:
    """ISO date as debaters print it: ``March 3, 2021``, ``March 2021`` or ``2021``.

    Text that is not ISO is returned unchanged, so a user-supplied date passes through.
    """
    parts = iso.split("-")
    if not all(p.isdigit() for p in parts) or len(parts[0]) != 4 or len(parts) > 3:
        return iso
    if len(parts) > 1 and not 1 <= int(parts[1]) <= 12:
        return iso
    if len(parts) == 1:
        return parts[0]
    month = _MONTH_NAMES[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{month} {int(parts[2])}, {parts[0]}"
