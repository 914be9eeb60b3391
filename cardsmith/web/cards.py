"""Cards as the browser sees them: the JSON contract in and out, and marked segments for templates."""

from __future__ import annotations

from typing import Any

from cardsmith.errors import CardsmithError
from cardsmith.formats.spans import EMPHASIS, HIGHLIGHT, UNDERLINE, segments_from_marks
from cardsmith.model import Card
from cardsmith.web.errors import WebError


def card_json(card: Card) -> dict[str, Any]:
    """A card in the contract's JSON shape."""
    from cardsmith.formats import card_to_json

    return card_to_json(card)


def card_from(data: Any) -> Card:
    """A card from request JSON; anything malformed is a 422 naming the problem."""
    from cardsmith.formats import card_from_json

    if not isinstance(data, dict):
        raise WebError(422, "a card must be a JSON object")
    try:
        card = card_from_json(data)
    except CardsmithError as err:
        raise WebError(422, f"bad card: {err}") from err
    except (KeyError, TypeError, ValueError) as err:
        raise WebError(422, f"bad card: {err.__class__.__name__}: {err}") from err
    return card


def segments(card: Card) -> list[tuple[str, str]]:
    """The body as (text, css classes) pieces: ``u`` underline, ``e`` emphasis, ``h`` highlight."""
    out = []
    for text, flags in segments_from_marks(card.body, card.marks):
        classes = [c for bit, c in ((UNDERLINE, "u"), (EMPHASIS, "e"), (HIGHLIGHT, "h")) if flags & bit]
        out.append((text, " ".join(classes) or "plain"))
    return out
