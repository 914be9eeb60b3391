"""Cutting: a Document and a claim become a Card (passage choice, cite, tag, marks)."""

from __future__ import annotations

from dataclasses import dataclass, field

from cardsmith.cut.cite import make_cite
from cardsmith.cut.passage import PassageOptions, rank_passages
from cardsmith.cut.tag import suggest_tag
from cardsmith.embed import Encoder
from cardsmith.errors import CardsmithError
from cardsmith.marking import mark
from cardsmith.model import Card, Document, SourceRef


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
    cite = make_cite(
        doc.metadata, initials=options.initials, accessed=options.accessed, template=options.cite_template
    )
    cards = []
    for passage in passages:
        body = doc.text[passage.start : passage.end]
        tag = claim or suggest_tag(body)
        marks = mark(tag, body, underline=options.underline, highlight=options.highlight, clip=options.clip)
        cards.append(
            Card(tag=tag, cite=cite, body=body, marks=marks, source=SourceRef(doc.path, passage.start, passage.end))
        )
    return cards
