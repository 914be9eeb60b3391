"""Cutting: a Document and a claim become a Card (passage choice, cite, tag, marks)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cardsmith.cut.cite import make_cite
from cardsmith.cut.passage import PassageOptions, rank_passages
from cardsmith.cut.tag import suggest_tag
from cardsmith.embed import Encoder
from cardsmith.errors import CardsmithError
from cardsmith.marking import mark
from cardsmith.model import Card, Cite, Document, SourceRef


@dataclass(frozen=True)
class CutOptions:
    """Everything a user can tune about a cut, in one place so the CLI and web app agree."""

    passage: PassageOptions = field(default_factory=PassageOptions)
    initials: str | None = None
    accessed: str | None = None
    cite_template: str | None = None
    underline: float | None = None
    highlight: float | None = None
    #: Highlight only the short form of some long words ("gov" of "government"), as debaters do.
    clip: bool = False
    #: The event whose learned densities mark the card ("policy", "ld", "pf"; None: the default).
    style: str | None = None


def cut_cards(
    doc: Document,
    claim: str | None = None,
    *,
    count: int = 1,
    options: CutOptions | None = None,
    encoder: Encoder | None = None,
) -> list[Card]:
    """The ``count`` best cards for ``claim`` from ``doc``, best first.

    With no claim the passages are ranked against the document's title (or opening) and each
    card gets a suggested tag taken verbatim from its body.
    """
    options = options or CutOptions()
    if not doc.text.strip():
        raise CardsmithError(f"{doc.path or '<document>'}: the document has no text to cut")
    query = claim or doc.metadata.title or doc.text[:300]
    passages = rank_passages(doc, query, limit=count, encoder=encoder, options=options.passage)
    if not passages:
        raise CardsmithError(f"{doc.path or '<document>'}: no passage long enough to cut a card")
    cite = _cite(doc, options)
    return [_card(doc, p.start, p.end, claim, cite, options) for p in passages]


def cut_selection(
    doc: Document, selection: str, claim: str | None = None, *, options: CutOptions | None = None
) -> Card:
    """The card whose body is the passage a user selected in ``doc`` (whatever its length).

    A selection copied from a page differs from the text as read in its spacing and, at its ends,
    in what the reader dropped, so it is found by its words: all of them, else its first and last few.
    """
    options = options or CutOptions()
    span = find_words(doc.text, selection)
    if span is None:
        raise CardsmithError(f"{doc.path or '<document>'}: the selected text is not in the article as read")
    return _card(doc, *span, claim, _cite(doc, options), options)


#: Words at each end of a selection that locate it when the whole does not match.
_ANCHOR_WORDS = 8


def find_words(text: str, selection: str) -> tuple[int, int] | None:
    """``(start, end)`` of ``selection`` in ``text``, any whitespace between its words; None when absent."""
    words = selection.split()
    if not words:
        return None
    whole = re.search(r"\s+".join(map(re.escape, words)), text)
    if whole:
        return whole.span()
    head = re.search(r"\s+".join(map(re.escape, words[:_ANCHOR_WORDS])), text)
    tail = head and re.search(r"\s+".join(map(re.escape, words[-_ANCHOR_WORDS:])), text[head.start() :])
    return (head.start(), head.start() + tail.end()) if head and tail else None


def _cite(doc: Document, options: CutOptions) -> Cite:
    return make_cite(doc.metadata, initials=options.initials, accessed=options.accessed, template=options.cite_template)


def _card(doc: Document, start: int, end: int, claim: str | None, cite: Cite, options: CutOptions) -> Card:
    body = doc.text[start:end]
    tag = claim or suggest_tag(body)
    marks = mark(
        tag, body, underline=options.underline, highlight=options.highlight, clip=options.clip, style=options.style
    )
    return Card(tag=tag, cite=cite, body=body, marks=marks, source=SourceRef(doc.path, start, end))
