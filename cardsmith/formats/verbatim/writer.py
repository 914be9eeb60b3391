"""Cards and headings into a .docx that Verbatim's macros accept.

Verbatim finds things by style name and id, so the writer installs the template's styles
(Pocket/Hat/Block/Tag = Heading 1-4, ``Style 13 pt Bold``, ``Style Underline``, ``Emphasis``)
into python-docx's blank document, built here in code so no third-party template ships with us.
Paragraphs are emitted as raw XML: python-docx's per-run API is slow on big files.
"""

from __future__ import annotations

import copy
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import docx
from lxml import etree

from cardsmith.errors import CardsmithError
from cardsmith.formats.spans import EMPHASIS, HIGHLIGHT, UNDERLINE, segments_from_marks
from cardsmith.formats.verbatim.ooxml import W_NS, Styles, W, resolve
from cardsmith.formats.verbatim.runs import covers, pieces
from cardsmith.model import HIGHLIGHT_COLOURS, LINE_BREAK, Card, FormatSpan, Heading, RunFormat

_BREAK_TAGS = {"\t": "tab", "\n": "br"}
_BREAKS = re.compile(r"([\t\n])")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# Verbatim's styles: id, name, type, and the body of the w:style element.
_STYLES = (
    (
        "Normal",
        "Normal",
        "paragraph",
        '<w:qFormat/><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" '
        'w:cs="Calibri"/><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr>',
    ),
    (
        "Heading1",
        "heading 1",
        "paragraph",
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
        '<w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:pageBreakBefore/>'
        '<w:pBdr><w:top w:val="double" w:sz="4" w:space="1" w:color="auto"/><w:left w:val="double" w:sz="4" '
        'w:space="4" w:color="auto"/><w:bottom w:val="double" w:sz="4" w:space="1" w:color="auto"/><w:right '
        'w:val="double" w:sz="4" w:space="4" w:color="auto"/></w:pBdr><w:jc w:val="center"/>'
        '<w:outlineLvl w:val="0"/></w:pPr>'
        '<w:rPr><w:b/><w:bCs/><w:sz w:val="52"/><w:szCs w:val="32"/></w:rPr>',
    ),
    (
        "Heading2",
        "heading 2",
        "paragraph",
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
        '<w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/>'
        '<w:pageBreakBefore/><w:jc w:val="center"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:bCs/>'
        '<w:sz w:val="44"/><w:szCs w:val="26"/><w:u w:val="double"/></w:rPr>',
    ),
    (
        "Heading3",
        "heading 3",
        "paragraph",
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
        '<w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/>'
        '<w:pageBreakBefore/><w:jc w:val="center"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:caps/><w:b/>'
        '<w:bCs/><w:sz w:val="32"/><w:szCs w:val="26"/><w:u w:val="single"/></w:rPr>',
    ),
    (
        "Heading4",
        "heading 4",
        "paragraph",
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
        '<w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/>'
        '<w:spacing w:before="40" w:after="0"/><w:outlineLvl w:val="3"/></w:pPr><w:rPr><w:b/><w:bCs/>'
        '<w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr>',
    ),
    (
        "Style13ptBold",
        "Style 13 pt Bold",
        "character",
        '<w:basedOn w:val="DefaultParagraphFont"/>'
        '<w:qFormat/><w:rPr><w:b/><w:bCs/><w:sz w:val="26"/><w:u w:val="none"/></w:rPr>',
    ),
    (
        "StyleUnderline",
        "Style Underline",
        "character",
        '<w:basedOn w:val="DefaultParagraphFont"/>'
        '<w:qFormat/><w:rPr><w:b w:val="0"/><w:sz w:val="22"/><w:u w:val="single"/></w:rPr>',
    ),
    (
        "Emphasis",
        "Emphasis",
        "character",
        '<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority '
        'w:val="7"/><w:qFormat/><w:rPr><w:b/><w:iCs/><w:i w:val="0"/><w:sz w:val="22"/><w:u w:val="single"/>'
        '<w:bdr w:val="none" w:sz="0" w:space="0" w:color="auto"/></w:rPr>',
    ),
)


#: Paragraph spacing of Verbatim's template (Word's: 8 pt after, 1.08 lines); python-docx's blank
#: document has Word 2007's 10 pt and 1.15, which spread a card out.
_PARAGRAPH_SPACING = {"after": "160", "line": "259", "lineRule": "auto"}


def _install_styles(document: docx.document.Document) -> None:
    """Replace python-docx's versions of Verbatim's styles and paragraph spacing with Verbatim's."""
    root = document.styles.element
    for spacing in root.iterfind(f"{W}docDefaults/{W}pPrDefault/{W}pPr/{W}spacing"):
        for key, value in _PARAGRAPH_SPACING.items():
            spacing.set(W + key, value)
    for style_id, name, kind, inner in _STYLES:
        for old in root.findall(f"{W}style[@{W}styleId='{style_id}']"):
            root.remove(old)
        default = ' w:default="1"' if style_id == "Normal" else ""
        root.append(
            etree.fromstring(
                f'<w:style xmlns:w="{W_NS}" w:type="{kind}"{default} w:styleId="{style_id}">'
                f'<w:name w:val="{name}"/>{inner}</w:style>'
            )
        )


def _el(tag: str, **attrs: str) -> etree._Element:
    node = etree.Element(W + tag)
    for key, value in attrs.items():
        node.set(W + key, value)
    return node


def _paragraph(style: str | None, runs: Iterable[etree._Element]) -> etree._Element:
    p = _el("p")
    if style:
        ppr = etree.SubElement(p, W + "pPr")
        ppr.append(_el("pStyle", val=style))
    p.extend(runs)
    return p


def _run(
    text: str, char_style: str | None = None, highlight: str | None = None, size: int | None = None
) -> etree._Element:
    """A run of ``text`` in a character style, highlight colour and size (half-points)."""
    r = _el("r")
    if char_style or highlight or size:
        rpr = etree.SubElement(r, W + "rPr")
        if char_style:
            rpr.append(_el("rStyle", val=char_style))
        if highlight:
            rpr.append(_el("highlight", val=highlight))
        if size:
            rpr.append(_el("sz", val=str(size)))
            rpr.append(_el("szCs", val=str(size)))
    for piece in _BREAKS.split(text):
        if piece in _BREAK_TAGS:
            r.append(_el(_BREAK_TAGS[piece]))
        elif piece:
            t = etree.SubElement(r, W + "t")
            t.text = piece
            t.set(_XML_SPACE, "preserve")
    return r


#: Verbatim's shrunk size for text outside the underline: 8 pt, in half-points.
SHRUNK_SIZE = 16
PILCROW = " \u00b6 "


@dataclass(frozen=True)
class Layout:
    """How cut cards (cards without stored formatting) are laid out, as Verbatim's tools would:
    ``shrink`` sets text outside the underline at 8 pt; ``condense`` joins a card's paragraphs
    into one, with a ``pilcrow`` (¶) where each paragraph ended when asked."""

    shrink: bool = True
    condense: bool = False
    pilcrow: bool = False


def _body_runs(segments: list[tuple[str, int]], highlight: str, layout: Layout) -> list[etree._Element]:
    runs = []
    for text, flags in segments:
        style = "Emphasis" if flags & EMPHASIS else "StyleUnderline" if flags & UNDERLINE else None
        size = SHRUNK_SIZE if layout.shrink and style is None else None
        runs.append(_run(text, style, highlight if flags & HIGHLIGHT else None, size))
    return runs


def _split_lines(segments: list[tuple[str, int]], layout: Layout) -> list[list[tuple[str, int]]]:
    """Body segments cut at newlines: one list per Word paragraph, blank lines dropped (Verbatim's
    cards have none); condensed, one list with a space or a pilcrow where each line ended."""
    lines: list[list[tuple[str, int]]] = [[]]
    for text, flags in segments:
        for i, piece in enumerate(text.split("\n")):
            if i:
                lines.append([])
            if piece:
                lines[-1].append((piece, flags))
    lines = [line for line in lines if line]
    if not layout.condense or len(lines) < 2:
        return lines
    joint = (PILCROW if layout.pilcrow else " ", 0)
    return [[seg for i, line in enumerate(lines) for seg in ([joint] if i else []) + line]]


#: Character styles the writer installs, by the lower-case name a RunFormat keeps.
_CHAR_STYLES = {name.lower(): style_id for style_id, name, kind, _ in _STYLES if kind == "character"}


class _Formatter:
    """Runs that look exactly as imported: the stored character style when the writer has it, and
    direct formatting wherever the output's styles would show something else."""

    def __init__(self, styles: Styles) -> None:
        self.styles = styles
        self._rpr: dict[tuple[RunFormat, str], etree._Element | None] = {}

    def run(self, text: str, fmt: RunFormat, para_style: str) -> etree._Element:
        key = (fmt, para_style)
        if key not in self._rpr:
            self._rpr[key] = self._properties(fmt, para_style)
        r = _run(text)
        if self._rpr[key] is not None:
            r.insert(0, copy.deepcopy(self._rpr[key]))
        return r

    def runs(self, text: str, spans: list[FormatSpan], para_style: str) -> list[etree._Element]:
        return [self.run(piece, fmt, para_style) for piece, fmt in pieces(spans, text, 0, len(text))]

    def _properties(self, fmt: RunFormat, para_style: str) -> etree._Element | None:
        rpr = _el("rPr")
        style_id = _CHAR_STYLES.get(fmt.style or "")
        if style_id:
            rpr.append(_el("rStyle", val=style_id))
        _, base = resolve(self.styles, rpr, self.styles.props(para_style))
        if fmt.bold != base.bold:
            rpr.append(_el("b", val=str(int(fmt.bold))))
        if fmt.italic != base.italic:
            rpr.append(_el("i", val=str(int(fmt.italic))))
        if fmt.size is not None and fmt.size != base.size:
            rpr.append(_el("sz", val=str(fmt.size)))
        if fmt.highlight and not fmt.highlight.startswith("#"):
            rpr.append(_el("highlight", val=fmt.highlight))
        if fmt.underline != base.underline:
            rpr.append(_el("u", val=fmt.underline or "none"))
        if fmt.highlight and fmt.highlight.startswith("#"):
            rpr.append(_el("shd", val="clear", color="auto", fill=fmt.highlight[1:]))
        return rpr if len(rpr) else None


def _formatted_lines(
    formatter: _Formatter,
    text: str,
    spans: list[FormatSpan],
    para_styles: list[str],
    continued: list[bool] | None = None,
) -> list[list[etree._Element]]:
    """Runs per line of ``text`` (lines are paragraphs in Word, each in its style); a ``continued``
    line starts with the line break that joins it to the line above, in its own format."""
    lines, start = [], 0
    for i, (line, style) in enumerate(zip(text.split("\n"), para_styles, strict=True)):
        end = start + len(line)
        begin = start - 1 if continued and continued[i] else start
        lines.append([formatter.run(t, f, style) for t, f in pieces(spans, text, begin, end)])
        start = end + 1
    return lines


def _style_or_none(style: str) -> str | None:
    """Normal is the default: its paragraphs need no style reference."""
    return None if style == "Normal" else style


def _paragraph_styles(card: Card) -> tuple[str, list[str], list[str], str]:
    """Paragraph style ids of the tag, each cite line and each body line: as imported when the
    card says (an analytic stays body text, a Tag-styled line of card text stays Tag-styled), else
    Tag and Normal; and the cite text as written. Written the same way, the paragraphs read back
    as the same card: a short cite that stood alone on its line (the card has one more cite
    paragraph than cite lines) goes back on its own line."""
    cite, short = card.cite.text, len(card.cite.short)
    cite_lines = cite.count("\n") + 1 if cite else 0
    body_lines = card.body.count("\n") + 1 if card.body else 0
    styles = card.formatting.paragraphs if card.formatting else []
    if len(styles) == 2 + cite_lines + body_lines and short and cite[short : short + 1] == " ":
        cite, cite_lines = f"{cite[:short]}\n{cite[short + 1 :]}", cite_lines + 1
    if len(styles) != 1 + cite_lines + body_lines:
        styles = ["Heading4"] + ["Normal"] * (cite_lines + body_lines)
    return styles[0], styles[1 : 1 + cite_lines], styles[1 + cite_lines :], cite


def _card_paragraphs(card: Card, highlight: str, formatter: _Formatter, layout: Layout) -> list[etree._Element]:
    stored = card.formatting
    tag_style, cite_styles, body_styles, cite_text = _paragraph_styles(card)
    if stored and covers(stored.tag, card.tag):
        paras = [_paragraph(_style_or_none(tag_style), formatter.runs(card.tag, stored.tag, tag_style))]
    else:
        paras = [_paragraph("Heading4", [_run(card.tag)])]
    if stored and card.cite.text and covers(stored.cite, card.cite.text):
        lines = _formatted_lines(formatter, cite_text, stored.cite, cite_styles)
        paras.extend(_paragraph(_style_or_none(style), runs) for style, runs in zip(cite_styles, lines, strict=True))
    elif card.cite.text:
        runs = [_run(card.cite.short, "Style13ptBold")] if card.cite.short else []
        if card.cite.full:
            runs.append(_run(f" {card.cite.full}" if card.cite.short else card.cite.full))
        paras.append(_paragraph(None, runs))
    if stored and card.body and covers(stored.body, card.body):
        # A LINE_BREAK line goes on the paragraph above (a heading-styled paragraph with breaks).
        continued = [i > 0 and style == LINE_BREAK for i, style in enumerate(body_styles)]
        styles = list(itertools.accumulate(body_styles, lambda above, style: above if style == LINE_BREAK else style))
        lines = _formatted_lines(formatter, card.body, stored.body, styles, continued)
        for runs, style, more in zip(lines, styles, continued, strict=True):
            if more:
                paras[-1].extend(runs)
            else:
                paras.append(_paragraph(_style_or_none(style), runs))
    elif card.body:
        for line in _split_lines(segments_from_marks(card.body, card.marks), layout):
            paras.append(_paragraph(None, _body_runs(line, highlight, layout)))
    return paras


def _heading_paragraph(heading: Heading, formatter: _Formatter) -> etree._Element:
    style = heading.style or f"Heading{min(max(heading.level, 1), 3)}"
    if heading.formatting and covers(heading.formatting, heading.text):
        return _paragraph(style, formatter.runs(heading.text, heading.formatting, style))
    return _paragraph(style, [_run(heading.text)])


def write_verbatim(
    items: Iterable[Heading | Card],
    path_or_stream: str | Path | BinaryIO,
    *,
    highlight: str = "yellow",
    shrink: bool = True,
    condense: bool = False,
    pilcrow: bool = False,
) -> None:
    """Write headings and cards as a Verbatim .docx; ``highlight`` is a Word highlight colour name;
    ``shrink``, ``condense`` and ``pilcrow`` lay out cut cards (see ``Layout``)."""
    if highlight not in HIGHLIGHT_COLOURS:
        raise CardsmithError(
            f"unknown highlight colour {highlight!r}; use one of: {', '.join(sorted(HIGHLIGHT_COLOURS))}"
        )
    document = docx.Document()
    _install_styles(document)
    body = document.element.body
    for child in list(body):
        if child.tag != W + "sectPr":
            body.remove(child)
    anchor = body.find(W + "sectPr")
    formatter = _Formatter(Styles(document.styles.element))
    layout = Layout(shrink=shrink, condense=condense, pilcrow=pilcrow)
    for item in items:
        if isinstance(item, Heading):
            paras = [_heading_paragraph(item, formatter)]
        else:
            paras = _card_paragraphs(item, highlight, formatter, layout)
        for para in paras:
            if anchor is not None:
                anchor.addprevious(para)
            else:
                body.append(para)
    document.save(str(path_or_stream) if isinstance(path_or_stream, str | Path) else path_or_stream)
