"""The raw WordprocessingML layer: a .docx becomes a list of paragraphs of formatted text segments.

python-docx resolves formatting one run property at a time, which is too slow for files with tens
of thousands of runs and blind to tracked changes, so we walk the XML with lxml once, resolving
each style's inherited formatting a single time.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from lxml import etree

from cardsmith.errors import SourceError
from cardsmith.formats.spans import EMPHASIS, HIGHLIGHT, UNDERLINE
from cardsmith.model import RunFormat
from cardsmith.sources.userfile import read_user_file
from cardsmith.sources.zipguard import Archive

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"

# Segment flags beyond the marks: what else a stretch of text looks like in Word.
BOLD = 8
SHORT_CITE = 16

#: Style names (lower case) that carry a Verbatim meaning for runs.
EMPHASIS_NAME = "emphasis"
SHORT_CITE_NAME = "style 13 pt bold"
#: Paragraph style some files use for headings or tags instead of Heading 1-4.
TITLE_NAME = "title"
#: Verbatim's character styles: a style based on one of them is recorded as it (the writer has
#: these, and the marks are read from them).
VERBATIM_CHAR_STYLES = (EMPHASIS_NAME, SHORT_CITE_NAME, "style underline")
#: Character styles whose underline is decoration, not the cutter's mark.
DECORATIVE_STYLES = frozenset({"hyperlink", "followedhyperlink"})

_HEADING_NAME = re.compile(r"heading ([1-9])$")
_FALSE = frozenset({"0", "false", "off", "none"})
_NO_FILL = frozenset({"auto", "ffffff", ""})
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"

# Text-bearing leaves inside a run and what they read as.
_LEAF_TEXT = {W + "tab": "\t", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "-"}
_RUN, _RPR, _TEXT, _SYM = W + "r", W + "rPr", W + "t", W + "sym"
# Containers whose content is not (or no longer) part of the text.
_SKIP = frozenset({W + "del", W + "moveFrom", W + "pPr", W + "rPr", W + "txbxContent"})


@dataclass
class Paragraph:
    """One paragraph: its outline level (1-4, 0 for body text) and (text, flags) segments.

    ``formats`` is what Word shows for each run, as (length, format) pieces covering ``text`` in
    order; ``heading`` is the style's heading level 1-9 (0: none) before clamping to the outline;
    ``title``: the paragraph is styled Title.
    """

    level: int
    segments: list[tuple[str, int]] = field(default_factory=list)
    formats: list[tuple[int, RunFormat]] = field(default_factory=list)
    heading: int = 0
    title: bool = False

    @cached_property
    def text(self) -> str:
        """The paragraph's text; read once its runs are collected (the reader asks many times)."""
        return "".join([text for text, _ in self.segments])

    @property
    def style(self) -> str:
        """The paragraph style id that shows it the same way: Title, Heading1-9 or Normal."""
        return "Title" if self.title else f"Heading{self.heading}" if self.heading else "Normal"

    def has(self, flag: int) -> bool:
        return any(flags & flag and text.strip() for text, flags in self.segments)


@dataclass
class _Style:
    name: str
    based_on: str | None
    props: Props
    level: int | None


def _on(element: etree._Element) -> bool:
    return (element.get(W + "val") or "1").lower() not in _FALSE


#: Run properties: "u" underline kind or None, "b"/"i" bools, "h" highlight colour name or "#RRGGBB"
#: shading (None: none), "sz" size in half-points. Absent keys are inherited.
Props = dict[str, object]


def _run_props(rpr: etree._Element | None) -> Props:
    """The formatting a ``w:rPr`` sets explicitly (absent = inherited); values are truthy when on."""
    props: Props = {}
    if rpr is None:
        return props
    for child in rpr:
        tag = child.tag
        if tag == W + "u":
            kind = child.get(W + "val") or "single"
            props["u"] = None if kind.lower() in _FALSE else kind
        elif tag == W + "b":
            props["b"] = _on(child)
        elif tag == W + "i":
            props["i"] = _on(child)
        elif tag == W + "sz":
            value = child.get(W + "val") or ""
            if value.isdigit():
                props["sz"] = int(value)
        elif tag == W + "highlight":
            colour = child.get(W + "val") or ""
            props["h"] = colour if colour.lower() not in _FALSE else None
        elif tag == W + "shd" and "h" not in props:
            fill = (child.get(W + "fill") or "").lower()
            props["h"] = None if fill in _NO_FILL else f"#{fill.upper()}"
    return props


def _outline_level(ppr: etree._Element | None) -> int | None:
    node = ppr.find(W + "outlineLvl") if ppr is not None else None
    if node is None:
        return None
    value = node.get(W + "val") or ""
    return int(value) + 1 if value.isdigit() else None


class Styles:
    """Style definitions with inheritance resolved on demand and cached."""

    def __init__(self, root: etree._Element | None) -> None:
        self._styles: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr") if root is not None else None
        #: Document-wide run defaults (Word's own default size is 10 pt).
        self.defaults: Props = {"sz": 20, **_run_props(defaults)}
        for node in root.iter(W + "style") if root is not None else ():
            style_id = node.get(W + "styleId") or ""
            name_node, based = node.find(W + "name"), node.find(W + "basedOn")
            name = name_node.get(W + "val") if name_node is not None else style_id
            self._styles[style_id] = _Style(
                name=(name or style_id).lower(),
                based_on=based.get(W + "val") if based is not None else None,
                props=_run_props(node.find(W + "rPr")),
                level=_outline_level(node.find(W + "pPr")),
            )
            if node.get(W + "type") == "paragraph" and _on_attr(node.get(W + "default")):
                self.default_paragraph = style_id
        self._chains: dict[str | None, list[_Style]] = {}

    def chain(self, style_id: str | None) -> list[_Style]:
        """The style and its ancestors, nearest first (cycles cut)."""
        if style_id not in self._chains:
            chain: list[_Style] = []
            current = style_id
            while current in self._styles and len(chain) < 20:
                style = self._styles[current]
                if style in chain:
                    break
                chain.append(style)
                current = style.based_on
            self._chains[style_id] = chain
        return self._chains[style_id]

    def props(self, style_id: str | None) -> Props:
        """Inherited run formatting of a style (nearest definition wins)."""
        merged: Props = {}
        for style in self.chain(style_id):
            for key, value in style.props.items():
                merged.setdefault(key, value)
        return merged

    def names(self, style_id: str | None) -> set[str]:
        return {style.name for style in self.chain(style_id)}

    def level(self, style_id: str | None) -> int:
        """Heading level 1-9 of a paragraph style (1-4: Pocket..Tag), 0 for anything else."""
        for style in self.chain(style_id):
            match = _HEADING_NAME.match(style.name)
            if match:
                return int(match.group(1))
            if style.level is not None:
                return style.level
        return 0

    def char_style(self, style_id: str | None) -> str | None:
        """A character style's name (lower case): the Verbatim style it is based on, if any, else
        its own; None for none or the default font."""
        chain = [style.name for style in self.chain(style_id)]
        name = next((n for n in chain if n in VERBATIM_CHAR_STYLES), chain[0] if chain else None)
        return None if name == "default paragraph font" else name


def _on_attr(value: str | None) -> bool:
    return value is not None and value.lower() not in _FALSE


def _char_flags(styles: Styles, style_id: str | None) -> tuple[int, Props]:
    """Flags a character style implies by name, and its inherited formatting."""
    names = styles.names(style_id)
    flags = (EMPHASIS | UNDERLINE if EMPHASIS_NAME in names else 0) | (
        SHORT_CITE if SHORT_CITE_NAME in names else 0
    )
    props = {} if names & DECORATIVE_STYLES else styles.props(style_id)
    return flags, props


def resolve(styles: Styles, rpr: etree._Element | None, para_props: Props) -> tuple[int, RunFormat]:
    """A run's flags and what Word shows for it: direct formatting, then its character style, then
    the paragraph style, then the document defaults."""
    style_node = rpr.find(W + "rStyle") if rpr is not None else None
    style_id = style_node.get(W + "val") if style_node is not None else None
    flags, style_props = _char_flags(styles, style_id)
    merged = {**styles.defaults, **para_props, **style_props, **_run_props(rpr)}
    for key, bit in (("u", UNDERLINE), ("b", BOLD), ("h", HIGHLIGHT)):
        if merged.get(key):
            flags |= bit
    return flags, RunFormat(
        style=styles.char_style(style_id),
        bold=bool(merged.get("b")),
        italic=bool(merged.get("i")),
        underline=merged.get("u") or None,  # type: ignore[arg-type]
        highlight=merged.get("h") or None,  # type: ignore[arg-type]
        size=merged.get("sz"),  # type: ignore[arg-type]
    )


class _RunReader:
    """Turns runs into (text, flags) and formats, memoised per distinct ``w:rPr`` for the document."""

    def __init__(self, styles: Styles) -> None:
        self.styles = styles
        self._resolved: dict[tuple[tuple, str | None], tuple[int, RunFormat]] = {}
        #: One object per distinct format, so runs compare formats by identity (``is``), not field by field.
        self._interned: dict[RunFormat, RunFormat] = {}

    def format(self, rpr: etree._Element | None, para_style: str | None) -> tuple[int, RunFormat]:
        # Keyed on each child's tag and attributes, all that ``resolve`` reads: about twice as fast
        # as serialising the element, and this runs once per run of the document.
        key = (tuple([(child.tag, *child.items()) for child in rpr]) if rpr is not None else (), para_style)
        found = self._resolved.get(key)
        if found is None:
            flags, fmt = resolve(self.styles, rpr, self.styles.props(para_style))
            found = self._resolved[key] = (flags, self._interned.setdefault(fmt, fmt))
        return found

    def paragraph(self, p: etree._Element) -> Paragraph:
        ppr = p.find(W + "pPr")
        style_node = ppr.find(W + "pStyle") if ppr is not None else None
        style_id = style_node.get(W + "val") if style_node is not None else self.styles.default_paragraph
        heading = _outline_level(ppr) or self.styles.level(style_id)
        title = TITLE_NAME in self.styles.names(style_id)
        para = Paragraph(level=heading if heading <= 4 else 0, heading=heading, title=title)
        self._collect(p, para, style_id)
        return para

    def _collect(self, node: etree._Element, para: Paragraph, para_style: str | None) -> None:
        segments, formats = para.segments, para.formats
        for child in node:
            tag = child.tag
            if tag == _RUN:
                text = _run_text(child)
                if text:
                    first = child[0]  # a run with text has children; its rPr, if any, comes first
                    flags, fmt = self.format(first if first.tag == _RPR else None, para_style)
                    if segments and segments[-1][1] == flags:
                        segments[-1] = (segments[-1][0] + text, flags)
                    else:
                        segments.append((text, flags))
                    if formats and formats[-1][1] is fmt:  # interned: equal formats are one object
                        formats[-1] = (formats[-1][0] + len(text), fmt)
                    else:
                        formats.append((len(text), fmt))
            elif tag not in _SKIP and isinstance(tag, str) and len(child):
                self._collect(child, para, para_style)


def _run_text(run: etree._Element) -> str:
    parts = []
    for child in run:
        tag = child.tag
        if tag == _TEXT:
            parts.append(child.text or "")
        elif tag in _LEAF_TEXT:
            parts.append(_LEAF_TEXT[tag])
        elif tag == _SYM:
            code = child.get(W + "char") or ""
            parts.append(_symbol(code))
    return "".join(parts)


def _symbol(code: str) -> str:
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    # Symbol fonts map into the private-use area at F000; the low byte is the glyph.
    return chr(value - 0xF000) if value >= 0xF000 else chr(value)


def _walk_paragraphs(node: etree._Element):
    """Block-level paragraphs in reading order, inside tables and content controls too."""
    for child in node:
        if child.tag == W + "p":
            yield child
        elif child.tag not in _SKIP and isinstance(child.tag, str):
            yield from _walk_paragraphs(child)


def _open_parts(path: Path) -> tuple[bytes, bytes | None]:
    data = read_user_file(path)
    if not data:
        raise SourceError(path, "empty file")
    if data[:4] == _OLE_MAGIC:
        raise SourceError(path, "a legacy Word .doc file, not .docx: open it in Word and save as .docx")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise SourceError(path, "not a .docx file (not a zip archive)")
    archive = Archive(data, path)
    if "word/document.xml" not in archive.names:
        raise SourceError(path, "not a Word document (no word/document.xml in the archive)")
    styles = archive.read("word/styles.xml") if "word/styles.xml" in archive.names else None
    return archive.read("word/document.xml"), styles


def _parse(path: Path, data: bytes, part: str) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise SourceError(path, f"corrupt {part}: {err}") from None


def read_paragraphs(path: str | Path) -> list[Paragraph]:
    """All block-level paragraphs of a .docx body; raises SourceError for unreadable files."""
    path = Path(path)
    document_xml, styles_xml = _open_parts(path)
    root = _parse(path, document_xml, "word/document.xml")
    styles = Styles(_parse(path, styles_xml, "word/styles.xml") if styles_xml else None)
    body = root.find(W + "body")
    if body is None:
        raise SourceError(path, "not a Word document (document.xml has no body)")
    reader = _RunReader(styles)
    return [line for p in _walk_paragraphs(body) for line in _split_breaks(reader.paragraph(p))]


def _split_breaks(para: Paragraph) -> list[Paragraph]:
    """Body text broken with line breaks reads as separate paragraphs (a cite and its card text
    are often one paragraph split by a break); headings stay whole."""
    if para.level or not any("\n" in text for text, _ in para.segments):
        return [para]
    lines = [Paragraph(level=0, heading=para.heading)]
    for text, flags in para.segments:
        for i, piece in enumerate(text.split("\n")):
            if i:
                lines.append(Paragraph(level=0, heading=para.heading))
            if piece:
                lines[-1].segments.append((piece, flags))
    pos = 0
    for line in lines:  # each line's formats: the pieces under its text, one char per line break
        line.formats = format_slice(para.formats, pos, pos + len(line.text))
        pos += len(line.text) + 1
    return lines


def format_slice(formats: list[tuple[int, RunFormat]], start: int, end: int) -> list[tuple[int, RunFormat]]:
    """The (length, format) pieces covering characters ``start:end`` of the text they describe."""
    out: list[tuple[int, RunFormat]] = []
    pos = 0
    for length, fmt in formats:
        lo, hi = max(pos, start), min(pos + length, end)
        if lo < hi:
            out.append((hi - lo, fmt))
        pos += length
    return out
