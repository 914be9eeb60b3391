"""Outline helpers shared by the renderers: headings back from card outlines."""

from __future__ import annotations

from collections.abc import Iterable

from cardsmith.model import Card, Heading

Item = Heading | Card


def with_headings(items: Iterable[Item]) -> list[Item]:
    """Items as given when they carry headings; otherwise headings rebuilt from each card's outline.

    An imported card keeps its headings' levels and look (``Card.formatting``); for other cards
    (JSON keeps only the heading texts) levels are taken as 1, 2, 3 in order.
    """
    items = list(items)
    if any(isinstance(item, Heading) for item in items):
        return items
    out: list[Item] = []
    current: list[str] = []
    for card in items:
        outline = card.outline[:3]
        common = 0
        while common < min(len(outline), len(current)) and outline[common] == current[common]:
            common += 1
        out.extend(_outline_headings(card)[common:])
        current = outline
        out.append(card)
    return out


def _outline_headings(card: Card) -> list[Heading]:
    outline, stored = card.outline[:3], card.formatting
    if stored is None or len(stored.outline) < len(outline) or len(stored.headings) < len(outline):
        return [Heading(level=i + 1, text=text) for i, text in enumerate(outline)]
    return [Heading(stored.outline[i], text, stored.headings[i]) for i, text in enumerate(outline)]


def cards_only(items: Iterable[Item]) -> list[Card]:
    return [item for item in items if isinstance(item, Card)]
