"""Cleaning: from extracted source text to the article's own words, with an offset map.

The pipeline is a fixed sequence of small named rules (see :mod:`junk` for whole lines,
:mod:`inline` for junk inside lines), then paragraph assembly (:mod:`paragraphs`). Rules only
delete characters, so every character of the result still comes from the source.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cardsmith.sources import inline, junk
from cardsmith.sources.mapped import Mapped, Span
from cardsmith.sources.paragraphs import assemble, paragraph_lines

Rule = Callable[[Mapped], Mapped]

#: Order matters: stamps and debris go before repeats are counted, page furniture before
#: footnotes are looked for at page bottoms, note blocks before inline note markers.
RULES: tuple[Rule, ...] = (
    inline.drop_invisible,
    inline.drop_stamps,
    junk.drop_share_debris,
    junk.drop_nav_lines,
    junk.drop_comment_tail,
    junk.drop_running_lines,
    junk.drop_page_numbers,
    junk.drop_footnote_blocks,
    inline.drop_footnote_markers,
    inline.join_hyphenated_words,
)


@dataclass
class Cleaned:
    """Cleaned text, ``offsets[i]`` = source index of ``text[i]``, paragraph spans into text."""

    text: str
    offsets: list[int]
    paragraphs: list[Span]


def clean(source: str | Mapped) -> Cleaned:
    """Run every rule, then group what is left into paragraphs."""
    mapped = Mapped.identity(source) if isinstance(source, str) else source
    for rule in RULES:
        mapped = rule(mapped)
    text, spans = assemble(mapped, paragraph_lines(mapped))
    return Cleaned(text.text, text.offsets, spans)
