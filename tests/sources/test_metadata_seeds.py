"""Metadata and cites on the real seed articles in ../shared (skipped where it is absent).

Only short facts are asserted (names, years, titles, a few words of a bio): the articles' text
stays out of the repository.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cardsmith.cut.cite import make_cite
from cardsmith.model import Metadata
from cardsmith.sources import read_document
from tests.conftest import SHARED, needs_shared

pytestmark = [needs_shared, pytest.mark.shared]


def seed(number: str) -> Metadata:
    (path,) = Path(SHARED / "seeds").glob(f"{number}_*.txt")
    return read_document(path).metadata


def test_seed_001_policy_brief_gives_sun_16() -> None:
    meta = seed("001")
    cite = make_cite(meta)
    assert meta.authors == ["Yun Sun"]
    assert cite.short == "Sun 16"
    # The title as the hand-cut card's cite quotes it (read from ../shared, not copied here).
    (card,) = Path(SHARED / "seeds").glob("000_*.txt")
    quoted = re.search(r'"([^"]+)"', card.read_text(encoding="utf-8").split("\n")[1]).group(1)
    assert meta.title == quoted
    assert "Stimson Center" in meta.qualifications and "Brookings" in meta.qualifications
    assert meta.publication == "Norwegian Institute of International Affairs"
    assert any("inferred" in w for w in meta.warnings)  # the copy states no date: the year is inferred


def test_seed_002_two_caps_authors_published_on_and_bold_bios() -> None:
    meta = seed("002")
    assert meta.authors == ["Brian Fonseca", "David J. Kramer"]
    assert meta.date == "2018-09-11"
    assert make_cite(meta).short == "Fonseca and Kramer 18"
    assert meta.title == "A Strategic Alliance in the Making?"
    assert "Gordon Institute" in meta.qualifications and "Havel Program" in meta.qualifications
    assert meta.warnings == []


def test_seed_003_repost_is_flagged_and_missing_title_stays_unknown() -> None:
    meta = seed("003")
    assert meta.authors == ["Yun Sun"]
    assert meta.title is None
    assert "China Program at the Stimson Center" in meta.qualifications
    assert any("repost" in w for w in meta.warnings)


def test_seed_004_note_line_and_day_first_date() -> None:
    meta = seed("004")
    assert meta.authors == ["Robert Sutter"]
    assert meta.date == "2021-05-24"
    assert make_cite(meta).short == "Sutter 21"
    assert meta.title == "Key Questions Driving Dangerous Convergence of China and Russia"
    assert "George Washington University" in meta.qualifications
