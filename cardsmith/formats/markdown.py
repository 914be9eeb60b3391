"""Cards as Markdown: ``==highlight==``, ``<u>underline</u>``, ``**emphasis**`` (common extensions).

Markdown has no underline, so underline uses inline HTML, which most renderers accept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cardsmith.formats.outline import Item
from cardsmith.formats.spans import EMPHASIS, HIGHLIGHT, UNDERLINE, segments_from_marks
from cardsmith.model import Card, Heading

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+!|=~])")


def md_escape(text: str) -> str:
    """Backslash-escape characters Markdown would read as markup."""
    return _SPECIAL.sub(r"\\\1", text)


def _wrap(text: str, flags: int) -> str:
    """Marks around the words of each line, so neither edge spaces nor paragraph breaks inside a
    marked stretch break the markup."""
    if "\n" in text:
        return "\n".join(_wrap(line, flags) for line in text.split("\n"))
    core = text.strip()
    if not core or not flags:
        return md_escape(text)
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    inner = md_escape(core)
    if flags & EMPHASIS:
        inner = f"**<u>{inner}</u>**"
    elif flags & UNDERLINE:
        inner = f"<u>{inner}</u>"
    if flags & HIGHLIGHT:
        inner = f"=={inner}=="
    return f"{lead}{inner}{trail}"


def card_markdown(card: Card) -> str:
    lines = [f"#### {md_escape(card.tag)}", ""]
    if card.cite.text:
        short = f"**{md_escape(card.cite.short)}** " if card.cite.short else ""
        lines += [f"{short}{md_escape(card.cite.full)}".strip(), ""]
    if card.body:
        body = "".join(_wrap(text, flags) for text, flags in segments_from_marks(card.body, card.marks))
        lines += [para.strip() + "\n" for para in body.split("\n") if para.strip()]
    return "\n".join(lines).rstrip() + "\n"


def render_markdown(items: Iterable[Item]) -> str:
    chunks = []
    for item in items:
        if isinstance(item, Heading):
            chunks.append(f"{'#' * min(max(item.level, 1), 3)} {md_escape(item.text)}\n")
        else:
            chunks.append(card_markdown(item))
    return "\n".join(chunks)
