"""Reading and writing cards: Verbatim .docx, JSON / JSON lines, Markdown, HTML and plain text.

``import_file`` reads any supported input into outline items; ``render_cards`` turns items
(or bare cards) into any output format. Both are what the CLI and other modules call.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from pathlib import Path

from cardsmith.errors import CardsmithError, SourceError
from cardsmith.formats.html import render_html
from cardsmith.formats.jsoncards import card_from_json, card_to_json, read_json_cards
from cardsmith.formats.markdown import render_markdown
from cardsmith.formats.outline import Item, cards_only, with_headings
from cardsmith.formats.text import render_text
from cardsmith.formats.verbatim import read_verbatim, write_verbatim

#: Output formats ``render_cards`` accepts; ``text`` is an alias of ``txt``.
FORMATS = ("json", "jsonl", "md", "html", "txt", "text", "docx")
#: Input suffixes ``import_file`` accepts.
IMPORT_SUFFIXES = (".docx", ".jsonl", ".json")

__all__ = [
    "FORMATS",
    "IMPORT_SUFFIXES",
    "card_from_json",
    "card_to_json",
    "import_file",
    "read_verbatim",
    "render_cards",
    "write_verbatim",
]


def import_file(path: str | Path) -> list[Item]:
    """Parse one input file into headings and cards, in outline order (SourceError when unusable)."""
    suffix = Path(path).suffix.lower()
    if suffix == ".docx":
        return read_verbatim(path)
    if suffix in (".jsonl", ".json"):
        return list(read_json_cards(path))
    raise SourceError(path, f"unsupported file type {suffix or '(none)'}; use .docx, .jsonl or .json")


def render_cards(cards_or_items: Iterable[Item], fmt: str, **opts: object) -> str | bytes:
    """Render cards (and any headings among them) in ``fmt``.

    - ``json``: one card gives one JSON object, several give a JSON array (headings are implied by
      each card's ``outline``); ``jsonl``: one object per line.
    - ``md``, ``html`` (``standalone=True``, ``highlight="yellow"``, ``shrink=True``), ``txt``/``text``
      (``marks="brackets"|"ansi"|"none"``, ``width=0``): text; ``docx`` (``highlight="yellow"``,
      ``shrink=True``, ``condense=False``, ``pilcrow=False``: see ``write_verbatim``): bytes.
    For docx, headings are rebuilt from card outlines when only cards are given, so Verbatim's
    navigation pane works; the text formats render exactly the items given.
    """
    items = list(cards_or_items)
    if fmt == "json":
        cards = [card_to_json(card) for card in cards_only(items)]
        return json.dumps(cards[0] if len(cards) == 1 else cards, ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(card_to_json(c), ensure_ascii=False) + "\n" for c in cards_only(items))
    if fmt == "md":
        return render_markdown(items)
    if fmt == "html":
        return render_html(items, **opts)  # type: ignore[arg-type]
    if fmt in ("txt", "text"):
        return render_text(items, **opts)  # type: ignore[arg-type]
    if fmt == "docx":
        buffer = io.BytesIO()
        write_verbatim(with_headings(items), buffer, **opts)  # type: ignore[arg-type]
        return buffer.getvalue()
    raise CardsmithError(f"unknown format {fmt!r}; use one of: {', '.join(FORMATS)}")
