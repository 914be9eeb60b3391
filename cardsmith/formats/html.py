"""Cards as HTML that looks like the Word file: underline, bold-underlined emphasis, highlight, shrink.

Every run carries its look as an inline style, the kind Word and LibreOffice keep when the HTML is
pasted or opened (classes and stylesheets are dropped on paste): the web app's "copy" puts this
HTML on the clipboard, so the download, the copy and the .docx agree. An imported card is drawn
from the formatting it was imported with (sizes, colours, bold, as the .docx export writes it);
a cut card from its marks. Card text is untrusted: every string is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape

from cardsmith.formats.outline import Item
from cardsmith.formats.spans import EMPHASIS, HIGHLIGHT, UNDERLINE, segments_from_marks
from cardsmith.formats.verbatim.ooxml import EMPHASIS_NAME
from cardsmith.formats.verbatim.runs import covers, pieces
from cardsmith.model import LINE_BREAK, Card, FormatSpan, Heading, RunFormat

#: Each ``w:highlight`` name (model.HIGHLIGHT_COLOURS) and the CSS keyword of the same RGB.
WORD_HIGHLIGHTS = {
    "yellow": "yellow", "green": "lime", "cyan": "cyan", "magenta": "magenta", "blue": "blue", "red": "red",
    "darkBlue": "navy", "darkCyan": "teal", "darkGreen": "green", "darkMagenta": "purple", "darkRed": "maroon",
    "darkYellow": "olive", "darkGray": "gray", "lightGray": "silver", "black": "black", "white": "white",
}  # fmt: skip

PAGE_STYLE = """
body { font-family: Calibri, Carlito, Arial, sans-serif; font-size: 11pt; max-width: 50em; margin: 2em auto; }
h1.pocket { font-size: 26pt; text-align: center; border: 3px double; }
h2.hat { font-size: 22pt; text-align: center; text-decoration: underline double; }
h3.block { font-size: 16pt; text-align: center; text-decoration: underline; text-transform: uppercase; }
section.card { margin-top: 1em; }
"""
#: Paragraph looks, inline: Verbatim's Normal (11 pt, 8 pt after, as the .docx writer sets it), Tag
#: (Heading 4: 13 pt bold, 2 pt above, none after). Lengths carry units: LibreOffice ignores a bare 0.
_P = "margin:0pt 0pt 8pt 0pt;font-size:11pt"
_TAG = "margin:2pt 0pt 0pt 0pt;font-size:13pt;font-weight:bold"
#: The short cite, as Verbatim's ``Style 13 pt Bold``.
_SHORT = "font-weight:bold;font-size:13pt"
_UNDERLINE = "text-decoration:underline;font-size:11pt"
#: Emphasis goes in ``<em>``, which Word and LibreOffice paste as their Emphasis character style
#: (Verbatim's bold underline; theirs is italic, hence the explicit look).
_EMPHASIS = "font-style:normal;font-weight:bold;text-decoration:underline;font-size:11pt"
#: Verbatim's shrink: text outside the underline at 8 pt.
_SHRUNK = "font-size:8pt"
_HEADINGS = {1: ("h1", "pocket"), 2: ("h2", "hat"), 3: ("h3", "block")}
_FILL = re.compile(r"#[0-9A-Fa-f]{6}")


def highlight_css(colour: str) -> str:
    """A Word highlight name as browsers (``background``) and Word (``mso-highlight``) read it; a
    ``#RRGGBB`` shading fill as a background. Anything else (a card's JSON says what it likes) is
    yellow, so no card text reaches a style attribute."""
    if _FILL.fullmatch(colour):
        return f"background:{colour}"
    name = colour if colour in WORD_HIGHLIGHTS else "yellow"
    return f"background:{WORD_HIGHLIGHTS[name]};mso-highlight:{name}"


def mark_css(flags: int, highlight: str, shrink: bool) -> str:
    """The inline style of a marked stretch of a cut card's body (as the .docx writer lays it out)."""
    look = _EMPHASIS if flags & EMPHASIS else _UNDERLINE if flags & UNDERLINE else _SHRUNK if shrink else ""
    colour = highlight_css(highlight) if flags & HIGHLIGHT else ""
    return ";".join(part for part in (look, colour) if part)


def format_css(fmt: RunFormat) -> str:
    """The inline style of an imported run: what Word showed, stated in full where a paragraph's
    own look (a bold tag) would otherwise show through."""
    parts = [f"font-weight:{'bold' if fmt.bold else 'normal'}"]
    parts.append(f"font-style:{'italic' if fmt.italic else 'normal'}")
    if fmt.underline == "double":
        parts.append("text-decoration:underline double;text-underline:double")
    elif fmt.underline and fmt.underline != "none":
        parts.append("text-decoration:underline")
    else:
        parts.append("text-decoration:none")
    if fmt.size:
        parts.append(f"font-size:{fmt.size / 2:g}pt")
    if fmt.highlight:
        parts.append(highlight_css(fmt.highlight))
    return ";".join(parts)


def _span(text: str, css: str, emphasis: bool = False) -> str:
    html = escape(text, quote=False)
    element = "em" if emphasis else "span"
    return f'<{element} style="{css}">{html}</{element}>' if css else html


def _runs(text: str, spans: list[FormatSpan], start: int, end: int) -> str:
    """Imported runs of ``text[start:end]``, each in the look it was imported with."""
    return "".join(_span(t, format_css(f), f.style == EMPHASIS_NAME) for t, f in pieces(spans, text, start, end))


def _marked_lines(card: Card, highlight: str, shrink: bool) -> list[str]:
    """A cut card's body lines as HTML, blank lines dropped (Verbatim's cards have none)."""
    lines: list[list[str]] = [[]]
    for text, flags in segments_from_marks(card.body, card.marks):
        for i, piece in enumerate(text.split("\n")):
            if i:
                lines.append([])
            if piece:
                lines[-1].append(_span(piece, mark_css(flags, highlight, shrink), bool(flags & EMPHASIS)))
    return ["".join(parts) for parts in lines if parts]


def _formatted_lines(text: str, spans: list[FormatSpan]) -> list[str]:
    """Imported text's lines as HTML, each run in the look it was imported with."""
    lines, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        lines.append(_runs(text, spans, start, end))
        start = end + 1
    return lines


def _paragraphs(lines: list[str], joined: list[bool] | None = None) -> str:
    """Lines as paragraphs; a ``joined`` line goes on the paragraph above after a line break."""
    out: list[str] = []
    for i, line in enumerate(lines):
        if joined and joined[i] and out:
            out[-1] += f"<br>{line}"
        else:
            out.append(line)
    return "".join(f'<p style="{_P}">{line}</p>' for line in out)


def body_html(card: Card, *, highlight: str = "yellow", shrink: bool = True) -> str:
    """The card body as paragraphs: as imported when the card keeps its formatting, else from its
    marks, with ``shrink`` setting text outside the underline at 8 pt."""
    stored = card.formatting
    if stored and covers(stored.body, card.body):
        body_styles = stored.paragraphs[-(card.body.count("\n") + 1) :]
        joined = [i > 0 and s == LINE_BREAK for i, s in enumerate(body_styles)]
        return _paragraphs(_formatted_lines(card.body, stored.body), joined)
    return _paragraphs(_marked_lines(card, highlight, shrink))


def card_html(card: Card, *, highlight: str = "yellow", shrink: bool = True) -> str:
    """One card: tag (a Heading 4, as Verbatim's Tag), cite with its short cite, body."""
    stored = card.formatting
    if stored and covers(stored.tag, card.tag):
        tag = _runs(card.tag, stored.tag, 0, len(card.tag))
    else:
        tag = escape(card.tag, quote=False)
    parts = [f'<section class="card"><h4 class="tag" style="{_TAG}">{tag}</h4>']
    if stored and card.cite.text and covers(stored.cite, card.cite.text):
        parts.append(_paragraphs(_formatted_lines(card.cite.text, stored.cite)))
    elif card.cite.text:
        short = f"{_span(card.cite.short, _SHORT)} " if card.cite.short else ""
        parts.append(f'<p class="cite" style="{_P}">{short}{escape(card.cite.full, quote=False)}</p>')
    if card.body:
        parts.append(f'<div class="body">{body_html(card, highlight=highlight, shrink=shrink)}</div>')
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
    """HTML for headings and cards; ``standalone`` wraps it in a full page; ``highlight`` is the Word
    colour of cut cards' highlights; ``shrink`` sets their text outside the underline at 8 pt."""
    chunks = []
    for item in items:
        if isinstance(item, Heading):
            tag, css = _HEADINGS.get(item.level, ("h3", "block"))
            if item.formatting and covers(item.formatting, item.text):
                text = _runs(item.text, item.formatting, 0, len(item.text))
            else:
                text = escape(item.text)
            chunks.append(f'<{tag} class="{css}">{text}</{tag}>')
        else:
            chunks.append(card_html(item, highlight=highlight, shrink=shrink))
    content = "\n".join(chunks)
    if not standalone:
        return content
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{PAGE_STYLE}</style></head>\n<body>\n{content}\n</body></html>\n"
    )
