"""Markup patterns never scan past the next opening bracket.

That is what keeps them linear: a pattern that may run from a ``[`` to the next ``]`` scans a
crafted line of ``[[[[…`` to its end from every bracket, and a 100 KB line then took two minutes
to read. Checked through what the patterns match (the innermost link, never one spanning another
opening bracket), so the tests need no clock.
"""

from __future__ import annotations

import pytest

from cardsmith.sources.md import MARKDOWN_SIGNS, strip_markdown
from cardsmith.sources.textlines import plain


def test_plain_strips_only_innermost_links_and_tags() -> None:
    assert plain("[a [b](c) <x <i>y</i>") == "[a b <x y"


@pytest.mark.parametrize(
    ("text", "stripped"),
    [
        ("![a ![b](c) d", "![a  d"),
        ("[^a [^b] c", "[^a  c"),
        ("[a] [b](c) d", "[a] b d"),
        ("[a](b (c](d) e", "[a](b (c e"),
    ],
)
def test_markdown_markup_never_spans_an_opening_bracket(text: str, stripped: str) -> None:
    assert strip_markdown(text).text == stripped


def test_markdown_signs_are_innermost_links() -> None:
    assert [m.group() for m in MARKDOWN_SIGNS.finditer("[a [b](c) and [d](e (f](g)")] == ["[b](c)"]

