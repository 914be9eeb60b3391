"""Cards as JSON per the contract in the brief: the cut command's output and JSON-lines import/export.

``card_from_json`` is strict about types and span bounds because JSON comes from other tools.
"""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path
from typing import Any

from cardsmith.errors import CardsmithError, SourceError
from cardsmith.formats.cite_text import split_cite, year_of
from cardsmith.formats.spans import merge_spans
from cardsmith.jsonin import parse_json
from cardsmith.model import Card, Cite, Formatting, Marks, SourceRef, Span, formatting_from_json, formatting_to_json
from cardsmith.sources.userfile import read_user_file

_CITE_FIELDS = tuple(f.name for f in fields(Cite))
_MARKS = ("underline", "emphasis", "highlight")
#: Card files above this size are refused before reading (a JSON-lines export of 50,000 cards fits).
MAX_CARD_FILE_BYTES = 200_000_000


def card_to_json(card: Card) -> dict[str, Any]:
    """A card as the contract's JSON object (``id`` only when set)."""
    obj: dict[str, Any] = {} if card.id is None else {"id": card.id}
    obj["tag"] = card.tag
    obj["cite"] = {name: getattr(card.cite, name) for name in _CITE_FIELDS}
    obj["body"] = card.body
    for name in _MARKS:
        obj[name] = [[start, end] for start, end in getattr(card.marks, name)]
    obj["outline"] = list(card.outline)
    obj["source"] = {"path": card.source.path, "start": card.source.start, "end": card.source.end}
    if card.formatting is not None:
        obj["formatting"] = formatting_to_json(card.formatting)
    return obj


def _str(obj: dict, key: str, default: str = "") -> str:
    value = obj.get(key, default)
    if value is None:
        return default
    if not isinstance(value, str):
        raise CardsmithError(f"{key!r} must be a string")
    return value


def cite_from_json(value: Any) -> Cite:
    """A cite from the contract's object or from a plain cite line ("Sun 16 (Yun Sun, …)")."""
    if value is None:
        return Cite()
    if isinstance(value, str):
        short, full = split_cite(" ".join(value.split()))
        return Cite(short=short, full=full, year=year_of(short))
    if not isinstance(value, dict):
        raise CardsmithError("'cite' must be a string or an object")
    cite = Cite(**{k: v for k, v in value.items() if k in _CITE_FIELDS and v is not None})
    if not isinstance(cite.short, str) or not isinstance(cite.full, str):
        raise CardsmithError("'cite.short' and 'cite.full' must be strings")
    if cite.year is None and cite.short:
        cite.year = year_of(cite.short)
    return cite


def _spans(obj: dict, key: str, length: int) -> list[Span]:
    raw = obj.get(key) or []
    spans = []
    for item in raw if isinstance(raw, list) else [None]:
        if not (isinstance(item, list | tuple) and len(item) == 2 and all(isinstance(x, int) for x in item)):
            raise CardsmithError(f"{key!r} must be a list of [start, end] integer pairs")
        start, end = item
        if not 0 <= start <= end <= length:
            raise CardsmithError(f"{key!r} span {[start, end]} is outside the body ({length} characters)")
        spans.append((start, end))
    return merge_spans(spans)


def card_from_json(obj: Any) -> Card:
    """A card from a contract object; raises CardsmithError naming the bad field."""
    if not isinstance(obj, dict):
        raise CardsmithError("a card must be a JSON object")
    body = _str(obj, "body")
    source = obj.get("source") or {}
    outline = obj.get("outline") or []
    if not isinstance(outline, list) or not all(isinstance(x, str) for x in outline):
        raise CardsmithError("'outline' must be a list of strings")
    card_id = obj.get("id")
    tag, cite = _str(obj, "tag"), cite_from_json(obj.get("cite"))
    return Card(
        tag=tag,
        cite=cite,
        body=body,
        marks=Marks(**{name: _spans(obj, name, len(body)) for name in _MARKS}),
        source=SourceRef(source.get("path"), source.get("start"), source.get("end"))
        if isinstance(source, dict)
        else SourceRef(),
        outline=outline,
        id=None if card_id is None else str(card_id),
        formatting=_formatting(obj.get("formatting"), {"tag": tag, "cite": cite.text, "body": body}),
    )


def _formatting(value: Any, texts: dict[str, str]) -> Formatting | None:
    """Optional runs as Word showed the card (absent in cut cards and older JSON)."""
    if value is None:
        return None
    try:
        formatting = formatting_from_json(value)
    except ValueError as err:
        raise CardsmithError(f"'formatting': {err}") from None
    for part, text in texts.items():
        if any(end > len(text) for _, end, _ in getattr(formatting, part)):
            raise CardsmithError(f"'formatting' {part!r} runs go past the {part} ({len(text)} characters)")
    return formatting


def read_json_cards(path: str | Path) -> list[Card]:
    """Cards from a JSON-lines file (or a .json file holding one card or a list of cards)."""
    path = Path(path)
    try:
        text = read_user_file(path, MAX_CARD_FILE_BYTES).decode("utf-8")
    except UnicodeDecodeError as err:
        raise SourceError(path, f"cannot read as UTF-8 text: {err}") from None
    if path.suffix.lower() == ".json":
        data = _parse(path, text, "")
        records = [(1, obj) for obj in (data if isinstance(data, list) else [data])]
    else:
        lines = enumerate(text.splitlines(), 1)
        records = [(number, _parse(path, line, f"line {number}: ")) for number, line in lines if line.strip()]
    cards = []
    for number, obj in records:
        try:
            cards.append(card_from_json(obj))
        except CardsmithError as err:
            raise SourceError(path, f"line {number}: {err}") from None
    return cards


def _parse(path: Path, text: str, where: str) -> Any:
    """One JSON value; ``where`` prefixes the error ("line 3: ")."""
    try:
        return parse_json(text)
    except CardsmithError as err:
        raise SourceError(path, f"{where}{err}") from None
