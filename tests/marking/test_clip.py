"""Clipping (opt-in): only table words are cut, to a true prefix, case kept; off = whole words."""

from __future__ import annotations

import pytest

from cardsmith.marking import clip as clipmod
from cardsmith.marking import mark
from cardsmith.marking.clip import CLIPS, MIN_SAVED, clip_length, clip_spans
from cardsmith.marking.text import words
from cardsmith.model import Marks

# Written for these tests.
TAG = "Government technology spending helps the economy"
BODY = (
    "The Government said new technology investments will strengthen the economic recovery. "
    "Officials told reporters that nuclear plants and agricultural information systems matter. "
    "A cat sat on the mat, and the government's plan was government-run."
)


def _in_word(body: str, i: int) -> bool:
    return 0 < i < len(body) and body[i - 1].isalnum() and body[i].isalnum()


def _well_formed(body: str, marks: Marks) -> None:
    for spans in (marks.underline, marks.highlight):
        assert spans == sorted(spans)
        assert all(0 <= s < e <= len(body) for s, e in spans)
        assert all(e1 < s2 for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False)), "overlap"
    assert all(any(us <= s and e <= ue for us, ue in marks.underline) for s, e in marks.highlight)


def test_table_is_lowercase_true_prefixes() -> None:
    assert 30 <= len(CLIPS) <= 60
    for start, short in CLIPS.items():
        assert start == start.lower() and start.isalpha() and start.startswith(short) and len(short) >= 2


@pytest.mark.parametrize(
    ("word", "n"),
    [
        ("government", 3),
        ("Governments", 3),
        ("GOVERNMENTAL", 3),
        ("government's", 3),
        ("technological", 4),
        ("biotechnology", 7),  # the longest matching start wins
        ("nonproliferation", 9),
        ("Economic", 4),
        ("information", 4),
        ("administration", 5),
        ("approximately", 6),
        ("government-run", 0),  # compounds are left whole
        ("gov", 0),
        ("cat", 0),
        ("governor", 0),  # not in the table
        ("2024", 0),
        ("", 0),
    ],
)
def test_clip_length(word: str, n: int) -> None:
    assert clip_length(word) == n


def test_clip_needs_the_word_long_enough(monkeypatch: pytest.MonkeyPatch) -> None:
    assert MIN_SAVED == 3
    assert clip_length("bioterrorist") == 9 and clip_length("bioterroris") == 0  # saves only 2
    monkeypatch.setattr(clipmod, "CLIPS", {"ab": "a"})
    monkeypatch.setattr(clipmod, "_STARTS", ["ab"])
    assert clip_length("abc") == 0 and clip_length("abcd") == 1


def test_clip_spans_splits_after_the_clipped_word() -> None:
    body = "the government said so"
    assert clip_spans(body, [(0, 19)]) == [(0, 7), (15, 19)]
    assert clip_spans(body, [(4, 14)]) == [(4, 7)]
    assert clip_spans(body, [(4, 19)]) == [(4, 7), (15, 19)]
    assert clip_spans(body, [(0, 3), (15, 22)]) == [(0, 3), (15, 22)]
    assert clip_spans("Government technology", [(0, 21)]) == [(0, 3), (11, 15)]
    # A word only partly inside a span is not clipped.
    assert clip_spans(body, [(6, 14)]) == [(6, 14)]
    assert clip_spans(body, []) == []


def test_clip_off_never_marks_inside_a_word() -> None:
    for highlight in (None, 0.3, 1.0):
        marks = mark(TAG, BODY, highlight=highlight)
        _well_formed(BODY, marks)
        for s, e in marks.underline + marks.highlight:
            assert not _in_word(BODY, s) and not _in_word(BODY, e)


def test_clip_cuts_only_table_words_to_their_prefix() -> None:
    plain = mark(TAG, BODY, highlight=1.0)
    clipped = mark(TAG, BODY, highlight=1.0, clip=True)
    _well_formed(BODY, clipped)
    assert clipped.underline == plain.underline
    read = " ".join(BODY[s:e] for s, e in clipped.highlight).split()
    for short in ("Gov", "tech", "econ", "nuc", "ag", "info", "gov"):
        assert short in read
    for whole in ("Government", "technology", "economic", "nuclear", "information", "government's"):
        assert whole not in read
    assert "government-run" in read and "cat" in read and "reporters" in read
    # Every highlighted character is one the unclipped marker highlighted too.
    assert all(any(ps <= s and e <= pe for ps, pe in plain.highlight) for s, e in clipped.highlight)
    ws = words(BODY)
    for s, e in clipped.highlight:
        assert not _in_word(BODY, s), "clips never start inside a word"
        if _in_word(BODY, e):
            a, b = next(span for span in ws.spans if span[0] < e < span[1])
            assert e - a == clip_length(BODY[a:b]) > 0


def test_clip_is_deterministic_and_a_no_op_without_table_words() -> None:
    assert mark(TAG, BODY, clip=True) == mark(TAG, BODY, clip=True)
    body = "A cat sat on the mat while dogs barked at the moon."
    assert mark("cats sit", body, highlight=0.5, clip=True) == mark("cats sit", body, highlight=0.5)
    assert mark(TAG, "", clip=True) == Marks()
