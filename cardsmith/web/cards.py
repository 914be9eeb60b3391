"""Cards as the browser sees them: the JSON contract in and out, and marked segments for templates."""

from __future__ import annotations

import re
from dataclasses import fields
from functools import cache
from types import NoneType, UnionType
from typing import Any, Union, get_args, get_origin, get_type_hints

from cardsmith.errors import CardsmithError
from cardsmith.formats.html import highlight_css
from cardsmith.formats.spans import EMPHASIS, HIGHLIGHT, UNDERLINE, segments_from_marks
from cardsmith.formats.verbatim.runs import covers, pieces
from cardsmith.model import Card, Cite, RunFormat, SourceRef
from cardsmith.web.errors import WebError

#: Integers are stored in SQLite, whose integers are 64-bit.
_INT_RANGE = range(-(2**63), 2**63)


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
    check_types(card.cite, "cite")
    check_types(card.source, "source")
    return card


def check_types(part: Cite | SourceRef, name: str) -> None:
    """Refuse fields whose JSON value is not of the declared type (``"authors": 5``): the JSON reader
    checks only some, and the library, the cite formatter and the Word writer trust all of them."""
    for field_name, hint, declared in _declared(type(part)):
        if not _fits(getattr(part, field_name), hint):
            raise WebError(422, f"bad card: '{name}.{field_name}' must be {declared}")


@cache
def _declared(cls: type) -> tuple[tuple[str, Any, Any], ...]:
    """Each field's name, resolved type and type as written, once per class (resolving the string
    annotations is most of the cost of a check, and an export may check thousands of cards)."""
    hints = get_type_hints(cls)
    return tuple((f.name, hints[f.name], f.type) for f in fields(cls))


def _fits(value: object, hint: Any) -> bool:
    """Whether ``value`` is a ``hint`` (the simple types model fields use: str, int, None, lists, unions)."""
    if get_origin(hint) in (Union, UnionType):
        return any(_fits(value, arg) for arg in get_args(hint))
    if get_origin(hint) is list:
        return isinstance(value, list) and all(_fits(v, get_args(hint)[0]) for v in value)
    if hint is int:
        return type(value) is int and value in _INT_RANGE
    return value is None if hint is NoneType else isinstance(value, hint)


_BLANK_LINES = re.compile(r"\n\s*\n")
_LEADING_BLANK = re.compile(r"^\s*\n")
_ENDS_LINE = re.compile(r"\n[^\S\n]*$")
_AFTER_BREAK = re.compile(r"(?<=\n)")


def segments(card: Card) -> list[tuple[str, str, str]]:
    """The body as (text, css classes, inline style) pieces: ``u`` underline, ``e`` emphasis, ``h``
    highlight; an imported card's pieces carry the size and highlight colour it was imported with,
    as its .docx export keeps them. Blank lines are dropped, as the .docx drops them, and a piece
    ends at each paragraph break, where the page adds Word's space after a paragraph
    (static/cardview.js draws an edited card the same)."""
    stored = card.formatting.body if card.formatting and covers(card.formatting.body, card.body) else None
    out = []
    line_start, pos = True, 0
    for text, flags in segments_from_marks(card.body, card.marks):
        classes = " ".join(c for bit, c in ((UNDERLINE, "u"), (EMPHASIS, "e"), (HIGHLIGHT, "h")) if flags & bit)
        looks = [(t, _look(f)) for t, f in pieces(stored, card.body, pos, pos + len(text))] if stored else [(text, "")]
        pos += len(text)
        for piece, style in looks:
            piece = _BLANK_LINES.sub("\n", piece)
            if line_start:
                piece = _LEADING_BLANK.sub("", piece)
            line_start = bool(_ENDS_LINE.search(piece)) or (line_start and not piece.strip())
            out.extend((line, classes or "plain", style) for line in _AFTER_BREAK.split(piece) if line)
    return out


def _look(fmt: RunFormat) -> str:
    """An imported run's size, bold, italic and highlight colour, over what the marks' classes draw."""
    parts = [
        f"font-size:{fmt.size / 2:g}pt" if fmt.size else "",
        "font-weight:bold" if fmt.bold else "",
        "font-style:italic" if fmt.italic else "",
        highlight_css(fmt.highlight) if fmt.highlight else "",
    ]
    return ";".join(part for part in parts if part)
