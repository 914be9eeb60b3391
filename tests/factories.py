"""The one way tests make a card: sensible defaults, every field overridable.

Suites keep their own content (library topics, the verify article, hostile strings for renderers)
as thin wrappers over :func:`card`, so a change to :class:`~cardsmith.model.Card` is made here once.
"""

from __future__ import annotations

from cardsmith.model import Card, Cite, Marks, Span

#: Invented names and text: nothing here comes from real cards.
DEFAULT_BODY = "Shared arrays cut bills by eighteen percent for every subscriber in the town."


def make_cite(author: str = "Natarajan", year: int = 2023, full: str | None = None, **fields: object) -> Cite:
    """A cite whose short form is ``Surname YY``, with the author and year filled in."""
    full = full if full is not None else f"{author}, research fellow, {year}"
    return Cite(short=f"{author.split()[-1]} {year % 100:02d}", full=full, authors=[author], year=year, **fields)


def card(
    body: str = DEFAULT_BODY,
    *,
    tag: str = "Shared solar saves money",
    cite: Cite | None = None,
    underline: list[Span] | None = None,
    emphasis: list[Span] | None = None,
    highlight: list[Span] | None = None,
    **fields: object,
) -> Card:
    """A card; marks default to none, the cite to an invented author's."""
    marks = Marks(underline=underline or [], emphasis=emphasis or [], highlight=highlight or [])
    return Card(tag=tag, cite=cite if cite is not None else make_cite(), body=body, marks=marks, **fields)
