"""Cards as HTML that looks like the Word file: underline, bold-underlined emphasis, highlight.

Card text is untrusted (it comes from the web and other people's files): every string is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from cardsmith.formats.outline import Item
from cardsmith.formats.spans import EMPHASIS, HIGHLIGHT, UNDERLINE, segments_from_marks
from cardsmith.model import Card, Heading

STYLE = """
body { font-family: Calibri, Arial, sans-serif; font-size: 11pt; max-width: 50em; margin: 2em auto; }
h1.pocket { font-size: 26pt; text-align: center; border: 3px double; }
h2.hat { font-size: 22pt; text-align: center; text-decoration: underline double; }
h3.block { font-size: 16pt; text-align: center; text-decoration: underline; text-transform: uppercase; }
h4.tag { font-size: 13pt; margin-bottom: 0; }
.cite .short { font-weight: bold; font-size: 13pt; }
.body p { margin: 0.3em 0; }
.plain { font-size: 8pt; }
.underline { text-decoration: underline; }
.emphasis { font-weight: bold; text-decoration: underline; }
mark { background: var(--highlight, yellow); color: inherit; }
"""

_HEADINGS = {1: ("h1", "pocket"), 2: ("h2", "hat"), 3: ("h3", "block")}


def body_html(card: Card, *, shrink: bool = True) -> str:
    """The card body as HTML paragraphs with its marks; ``shrink`` sets text outside the underline
    in the ``plain`` class (8 pt, as Verbatim's shrink leaves it)."""
    paragraphs: list[list[str]] = [[]]
    for text, flags in segments_from_marks(card.body, card.marks):
        for i, piece in enumerate(text.split("\n")):
            if i:
                paragraphs.append([])
            if not piece:
                continue
            html = escape(piece, quote=False)
            if flags & EMPHASIS:
                html = f'<span class="emphasis">{html}</span>'
            elif flags & UNDERLINE:
                html = f'<span class="underline">{html}</span>'
            elif shrink:
                html = f'<span class="plain">{html}</span>'
            if flags & HIGHLIGHT:
                html = f"<mark>{html}</mark>"
            paragraphs[-1].append(html)
    return "".join(f"<p>{''.join(parts)}</p>" for parts in paragraphs if parts)


def card_html(card: Card, *, shrink: bool = True) -> str:
    """One card: tag, cite with its short cite, body (see ``body_html``)."""
    parts = [f'<section class="card"><h4 class="tag">{escape(card.tag)}</h4>']
    if card.cite.text:
        short = f'<span class="short">{escape(card.cite.short)}</span> ' if card.cite.short else ""
        parts.append(f'<p class="cite">{short}{escape(card.cite.full)}</p>')
    if card.body:
        parts.append(f'<div class="body">{body_html(card, shrink=shrink)}</div>')
    parts.append("</section>")
    return "".join(parts)


def render_html(
    items: Iterable[Item],
    *,
    standalone: bool = True,
    highlight: str = "yellow",
    title: str = "cards",
    shrink: bool = True,
) -> str:
    """HTML for headings and cards; ``standalone`` wraps it in a full page with the stylesheet;
    ``shrink`` sets text outside the underline at 8 pt."""
    chunks = []
    for item in items:
        if isinstance(item, Heading):
            tag, css = _HEADINGS.get(item.level, ("h3", "block"))
            chunks.append(f'<{tag} class="{css}">{escape(item.text)}</{tag}>')
        else:
            chunks.append(card_html(item, shrink=shrink))
    content = "\n".join(chunks)
    if not standalone:
        return content
    colour = escape("".join(ch for ch in highlight if ch.isalnum()))
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{STYLE}:root {{ --highlight: {colour}; }}</style></head>\n"
        f"<body>\n{content}\n</body></html>\n"
    )
