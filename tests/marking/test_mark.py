"""mark(): whole-word spans inside the body, highlight inside underline, same answer every time."""

from __future__ import annotations

import re

import pytest

from cardsmith.marking import MAX_WORDS, MarkingError, mark, mark_words
from cardsmith.marking.scorer import HeuristicScorer
from cardsmith.marking.text import words
from cardsmith.model import Marks

TAG = "Tariffs raise consumer prices because importers pass costs on"
BODY = (
    "Economists have long studied trade policy. When a country imposes tariffs, importers "
    "usually pass most of the cost on to consumers, so prices rise. In 2019 the average household "
    "paid 831 dollars more per year. Some firms absorbed part of the increase, but most did not. "
    "The weather that year was unusually mild, and the harvest was large."
)


def _inside(inner: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s <= inner[0] and inner[1] <= e for s, e in spans)


def _check(body: str, marks: Marks) -> None:
    for spans in (marks.underline, marks.highlight):
        for s, e in spans:
            assert 0 <= s < e <= len(body)
            assert not (s > 0 and body[s - 1].isalnum() and body[s].isalnum()), "starts inside a word"
            assert not (e < len(body) and body[e - 1].isalnum() and body[e].isalnum()), "ends inside a word"
        assert spans == sorted(spans)
    assert all(_inside(h, marks.underline) for h in marks.highlight)


def test_marks_are_whole_words_and_nested() -> None:
    marks = mark(TAG, BODY)
    _check(BODY, marks)
    assert marks.underline, "a relevant body gets some underline"


def test_deterministic() -> None:
    assert mark(TAG, BODY) == mark(TAG, BODY)


@pytest.mark.parametrize("share", [0.0, 0.3, 0.6, 1.0])
def test_underline_density(share: float) -> None:
    marks = mark(TAG, BODY, underline=share, highlight=share / 2)
    _check(BODY, marks)
    n_words = len(re.findall(r"\w+", BODY))
    marked = sum(len(re.findall(r"\w+", BODY[s:e])) for s, e in marks.underline)
    assert abs(marked / n_words - share) < 0.2


@pytest.mark.parametrize("body", ["", "   \n\t ", "—!?"])
def test_empty_bodies_get_no_marks(body: str) -> None:
    assert mark(TAG, body) == Marks()


def test_non_english_body() -> None:
    body = "Les sanctions économiques échouent souvent. 经济制裁往往失败，因为贸易会绕道。 Οι κυρώσεις αποτυγχάνουν."
    marks = mark("sanctions échouent", body)
    _check(body, marks)


def test_huge_body_is_refused_clearly() -> None:
    with pytest.raises(MarkingError, match="words"):
        mark(TAG, "word " * (MAX_WORDS + 1))


def test_long_body_within_limit() -> None:
    body = " ".join([BODY] * 40)
    _check(body, mark(TAG, body))


@pytest.mark.parametrize("bad", [-0.1, 1.5])
def test_bad_density(bad: float) -> None:
    with pytest.raises(MarkingError, match="between 0 and 1"):
        mark(TAG, BODY, underline=bad)


def _share(body: str, spans: list[tuple[int, int]]) -> float:
    return sum(len(re.findall(r"\w+", body[s:e])) for s, e in spans) / len(re.findall(r"\w+", body))


@pytest.mark.parametrize("share", [0.1, 0.5])
def test_highlight_density_alone(share: float) -> None:
    """With only a highlight density, the highlight is chosen on its own and underlined as well."""
    marks = mark(TAG, BODY, highlight=share)
    _check(BODY, marks)
    assert abs(_share(BODY, marks.highlight) - share) < 0.2
    assert _share(BODY, marks.underline) >= _share(BODY, marks.highlight)


def test_heuristic_scorer_keeps_highlight_inside_underline() -> None:
    ws = words(BODY)
    underline, highlight, _emphasis = mark_words(HeuristicScorer(), ws, TAG)
    assert highlight.any()
    assert not (highlight & ~underline).any()


def test_unknown_style_is_refused() -> None:
    with pytest.raises(MarkingError, match="style"):
        mark(TAG, BODY, style="parli")


@pytest.mark.parametrize("style", ["policy", "ld", "pf"])
def test_every_style_marks_inside_the_underline(style: str) -> None:
    marks = mark(TAG, BODY, style=style)
    _check(BODY, marks)
    assert all(any(s <= es and ee <= e for s, e in marks.underline) for es, ee in marks.emphasis)
