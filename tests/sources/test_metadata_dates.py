"""Dates and names: the building blocks of metadata extraction."""

from __future__ import annotations

import pytest

from cardsmith.sources.dates import find_dates, find_years, human_date, parse_date
from cardsmith.sources.people import clean_name, flip_inverted, join_names, split_names, surname


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Published March 3, 2021", "2021-03-03"),
        ("Mar. 3rd, 2021", "2021-03-03"),
        ("Thu. Nov 21st, 2024", "2024-11-21"),
        ("3 March 2021", "2021-03-03"),
        ("the 3rd of March, 2021", "2021-03-03"),
        ("2021-03-03", "2021-03-03"),
        ("2021-03-03T10:15:00Z", "2021-03-03"),
        ("2021/03/03", "2021-03-03"),
        ("03/04/2021", "2021-03-04"),  # slashes: US month-first when ambiguous
        ("24/05/2021 Region: Global", "2021-05-24"),  # day > 12: day-first
        ("05/24/2021", "2021-05-24"),
        ("03.04.2021", "2021-04-03"),  # dots: European day-first
        ("Updated September 2019", "2019-09"),
        ("in 2016 alone", "2016"),
        ("no date here", None),
        ("February 30, 2021", "2021"),  # an impossible day: only the year it states survives
    ],
)
def test_parse_date_formats(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


def test_find_dates_prefers_the_most_precise_reading_and_keeps_order() -> None:
    text = "Signed on June 5, 2016 and revised in October 2017; see 2018-01-02."
    assert [d.iso for d in find_dates(text)] == ["2016-06-05", "2017-10", "2018-01-02"]


def test_find_years_counts_dated_and_bare_years_once() -> None:
    assert sorted(find_years("In 2014, and again on May 1, 2015.")) == [2014, 2015]


@pytest.mark.parametrize(
    ("iso", "printed"),
    [
        ("2021-03-03", "March 3, 2021"),
        ("2021-03", "March 2021"),
        ("2021", "2021"),
        ("last week", "last week"),
        ("2021-13", "2021-13"),
    ],
)
def test_human_date(iso: str, printed: str) -> None:
    assert human_date(iso) == printed


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Yun Sun", "Yun Sun"),
        ("Professor Robert SUTTER", "Robert Sutter"),
        ("DAVID J. KRAMER", "David J. Kramer"),
        ("Dr. Jane Q. Okafor", "Jane Q. Okafor"),
        ("SEAN O'BRIEN", "Sean O'Brien"),
        ("ANNA VAN DER BERG", "Anna van der Berg"),
        ("Martin Luther King, Jr.", "Martin Luther King Jr."),
        ("Strategic Alignment and Potential Impact of a Presidency", None),
        ("Senior Fellow", None),
        ("China's Assessment", None),
        ("Madonna", None),
    ],
)
def test_clean_name(text: str, name: str | None) -> None:
    assert clean_name(text) == name


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("Jane Doe, John Roe and Ann Poe", ["Jane Doe", "John Roe", "Ann Poe"]),
        ("Jane Doe, John Roe, and Ann Poe", ["Jane Doe", "John Roe", "Ann Poe"]),
        ("JANE DOE & JOHN ROE", ["Jane Doe", "John Roe"]),
        ("Jane Doe; John Roe", ["Jane Doe", "John Roe"]),
        ("Sam Smith, Jr. and Jane Doe", ["Sam Smith Jr.", "Jane Doe"]),
        ("CHINA AND RUSSIA", []),
        ("Jane Doe and the Water Board", []),
    ],
)
def test_split_names_is_all_or_nothing(byline: str, names: list[str]) -> None:
    assert split_names(byline) == names


@pytest.mark.parametrize(
    ("name", "last"),
    [
        ("Yun Sun", "Sun"),
        ("Anna van der Berg", "van der Berg"),
        ("Ludwig von Mises", "von Mises"),
        ("José Martínez-López Jr.", "Martínez-López"),
        ("Martin Luther King, Jr.", "King"),
        ("Henry Ford III", "Ford"),
    ],
)
def test_surname(name: str, last: str) -> None:
    assert surname(name) == last


def test_flip_inverted_and_join() -> None:
    assert flip_inverted("Sun, Yun") == "Yun Sun"
    assert flip_inverted("King, Jr.") == "King, Jr."
    assert join_names(["A"]) == "A"
    assert join_names(["A", "B"]) == "A and B"
    assert join_names(["A", "B", "C"]) == "A, B, and C"
    assert join_names(["A", "B", "C"], et_al_from=3) == "A et al."
