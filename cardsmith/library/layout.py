"""An imported file's headings and analytics, kept beside its cards.

Only cards are search results, but a file is more than its cards: pockets, hats and blocks (their
levels and look), analytics, titles. Keeping them, each placed before the file's N-th card, lets
the library export its cards as they were imported with nothing around them lost. A card the file
repeats with another tag, cite or marks is stored once, so the layout keeps that repeat as it was.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict

from cardsmith.model import Card, Cite, Formatting, Heading, Marks, formatting_from_json, formatting_to_json

#: A heading or analytic placed before the file's ``position``-th stored card, or a card (one with
#: a body or cite) standing in for that card: a repeat as the file had it.
LayoutItem = tuple[int, Heading | Card]


def split_file(items: Iterable[Heading | Card], key: Callable[[Card], str]) -> tuple[list[Card], list[LayoutItem]]:
    """The cards to store, and everything else with its place among them; ``key`` is the dedupe key,
    by which a repeat that differs from the file's first copy is found."""
    cards: list[Card] = []
    layout: list[LayoutItem] = []
    first: dict[str, Card] = {}
    for item in items:
        if isinstance(item, Card) and not item.is_analytic:
            original = first.setdefault(key(item), item)
            if original is not item and _content(original) != _content(item):
                layout.append((len(cards), item))
            cards.append(item)
        else:
            layout.append((len(cards), item))
    return cards, layout


def _content(card: Card) -> tuple:
    """What a reader sees of a card, wherever in the file it is."""
    f = card.formatting
    look = (f.tag, f.cite, f.body, f.paragraphs) if f else None
    return card.tag, card.cite, card.body, card.marks, look


def item_to_json(item: Heading | Card) -> str:
    """A heading (``level`` 1-3) or an analytic (``level`` 0) as stored JSON."""
    if isinstance(item, Heading):
        formatting = Formatting(tag=item.formatting) if item.formatting is not None else None
        data = {"level": item.level, "text": item.text, "style": item.style}
    else:
        formatting = item.formatting
        data = {"level": 0, "text": item.tag, "outline": item.outline}
        if not item.is_analytic:
            data["card"] = {"cite": asdict(item.cite), "body": item.body, "marks": asdict(item.marks)}
    if formatting is not None:
        data["formatting"] = formatting_to_json(formatting)
    return json.dumps(data)


def item_from_json(text: str) -> Heading | Card:
    data = json.loads(text)
    formatting = formatting_from_json(data["formatting"]) if "formatting" in data else None
    if data["level"]:
        return Heading(data["level"], data["text"], formatting.tag if formatting else None, data.get("style"))
    card = Card(tag=data["text"], outline=data.get("outline", []), formatting=formatting)
    if "card" in data:
        card.cite = Cite(**data["card"]["cite"])
        card.body = data["card"]["body"]
        card.marks = Marks(**{k: [tuple(s) for s in v] for k, v in data["card"]["marks"].items()})
    return card


def interleave(layout: Sequence[LayoutItem], cards: Sequence[Sequence[Card]]) -> list[Heading | Card]:
    """A file's items in order: its layout around the cards at each card position (none where a
    card was deleted or already exported; several where cards were added to the origin in
    separate batches, as cards saved one by one are; the layout's own copy where it has one)."""
    out: list[Heading | Card] = []
    pending = sorted(layout, key=lambda entry: entry[0])
    own = {position for position, item in layout if isinstance(item, Card) and not item.is_analytic}
    i = 0
    for position in range(len(cards) + 1):
        while i < len(pending) and pending[i][0] <= position:
            out.append(pending[i][1])
            i += 1
        if position < len(cards) and position not in own:
            out.extend(cards[position])
    out.extend(item for _, item in pending[i:])
    return out


def by_origin(
    card_rows: Iterable[tuple[str, int, int]], layout_rows: Iterable[tuple[str, int, str]]
) -> list[tuple[str, list[LayoutItem], list[list[int]]]]:
    """What :meth:`~cardsmith.library.store.Store.layouts` answers, from a store's rows in the order
    they were stored: (origin, ordinal, card id) of card origins, (origin, position, JSON) of layouts."""
    cards: dict[str, dict[int, list[int]]] = {}
    for origin, ordinal, card_id in card_rows:
        cards.setdefault(origin, {}).setdefault(ordinal, []).append(card_id)
    layout: dict[str, list[LayoutItem]] = {}
    for origin, position, item in layout_rows:
        layout.setdefault(origin, []).append((position, item_from_json(item)))
    out = []
    for origin in dict.fromkeys([*cards, *layout]):
        ids = cards.get(origin, {})
        out.append((origin, layout.get(origin, []), [ids.get(i, []) for i in range(max(ids, default=-1) + 1)]))
    return out
