"""The real seed articles in ../shared: their junk goes, their page-split paragraphs come back.

Checks are structural (derived from the files at run time) so no seed text enters the repo.
"""

import re

import pytest

from cardsmith.sources import read_document
from cardsmith.sources.junk import TAIL_START, is_footnote_line, is_share_debris
from tests.conftest import SHARED, needs_shared
from tests.sources.make import check_offsets

pytestmark = [needs_shared, pytest.mark.shared]


def seed(prefix: str):
    return read_document(next((SHARED / "seeds").glob(f"{prefix}_*.txt")))


@pytest.mark.parametrize("prefix", ["001", "002", "003", "004"])
def test_seed_junk_removed(prefix):
    doc = seed(prefix)
    check_offsets(doc)
    for para in doc.paragraph_texts():
        assert not is_share_debris(para)
        assert not is_footnote_line(para)
        assert not TAIL_START.match(para)
        assert not re.fullmatch(r"\d{1,3}", para)
        assert not para[0].islower(), para[:60]
    for junk in ("¹", "²", "³", "**", "\\$", "<sup>", "](", "This content downloaded"):
        assert junk not in doc.text


def test_seed_004_navigation_bar_removed():
    doc = seed("004")
    first_line = doc.source_text.strip().splitlines()[0]
    assert first_line not in doc.text


def test_seed_001_page_split_paragraphs_rejoined():
    doc = seed("001")
    lines = [line.strip() for line in doc.source_text.splitlines()]
    prose = [line for line in lines if len(line.split()) >= 8 and not is_footnote_line(line)]
    split_starts = [i for i, line in enumerate(prose) if line[0].islower()]
    assert len(split_starts) >= 3
    for i in split_starts:
        tail, head = prose[i - 1][-30:], prose[i][:30]
        assert any(tail in p and head in p and p.index(tail) < p.index(head) for p in doc.paragraph_texts())
