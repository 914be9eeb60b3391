"""Library cards as the library page lists them: by tag, under where each came from.

A debater finds a card by the file and the pocket › hat › block it sat in, so the list is headed
by that place; cards imported together are stored together, so consecutive cards share a heading.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from cardsmith.library import Library
from cardsmith.model import Card


@dataclass
class Listed:
    """One card in the list, with the files it was imported from."""

    id: str
    card: Card
    origins: list[str]

    @property
    def place(self) -> str:
        """``file › pocket › hat › block``: the first file it came from and its outline there."""
        origin = self.origins[0] if self.origins else self.card.source.path or "saved without a file"
        return " › ".join([origin, *self.card.outline])


def listed(lib: Library, cards: list[tuple[str, Card]]) -> list[Listed]:
    """The cards with their origins looked up."""
    return [Listed(card_id, card, lib.origins(card_id)) for card_id, card in cards]


def by_place(items: list[Listed]) -> list[tuple[str, list[Listed]]]:
    """Runs of consecutive cards from the same place, in list order."""
    return [(place, list(group)) for place, group in groupby(items, key=lambda i: i.place)]
