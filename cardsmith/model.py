"""The data that flows through cardsmith: plain dataclasses, no behaviour beyond small helpers.

A source file is read into a :class:`Document`; a Document and a claim are cut into a
:class:`Card`; cards go into the library and out through ``cardsmith.formats``.
All spans are half-open ``(start, end)`` character offsets.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

Span = tuple[int, int]

#: Longest card body cut by default, in words (a third of real PF cards run past 900 words: whole articles).
MAX_CARD_WORDS = 2000
#: Colours Word accepts for ``w:highlight`` (the colours a card's read-aloud words may be marked in)
#: and their RGB, so a highlight and a shading fill of the same colour can be compared.
HIGHLIGHT_RGB = {
    "yellow": "FFFF00", "green": "00FF00", "cyan": "00FFFF", "magenta": "FF00FF", "blue": "0000FF",
    "red": "FF0000", "darkBlue": "000080", "darkCyan": "008080", "darkGreen": "008000",
    "darkMagenta": "800080", "darkRed": "800000", "darkYellow": "808000", "darkGray": "808080",
    "lightGray": "C0C0C0", "black": "000000", "white": "FFFFFF",
}  # fmt: skip
HIGHLIGHT_COLOURS = frozenset(HIGHLIGHT_RGB)

#: Metadata fields that carry a confidence score, in cite order.
META_FIELDS = ("authors", "qualifications", "date", "title", "publication", "url", "accessed")


@dataclass
class Metadata:
    """What is known about a source. ``None``/empty means unknown, never a guess.

    ``date`` is ISO: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` depending on what the source states.
    ``confidence`` maps a field name from :data:`META_FIELDS` to a score in [0, 1].
    """

    authors: list[str] = field(default_factory=list)
    qualifications: str | None = None
    date: str | None = None
    title: str | None = None
    publication: str | None = None
    url: str | None = None
    accessed: str | None = None
    confidence: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date and self.date[:4].isdigit() else None


@dataclass
class Document:
    """A cleaned source.

    ``text`` is the cleaned text; every character of it comes from ``source_text``:
    ``offsets[i]`` is the index in ``source_text`` of ``text[i]``.
    ``paragraphs`` are spans into ``text``.
    """

    text: str
    paragraphs: list[Span]
    metadata: Metadata
    source_text: str = ""
    offsets: list[int] = field(default_factory=list)
    path: str | None = None

    def paragraph_texts(self) -> list[str]:
        return [self.text[s:e] for s, e in self.paragraphs]

    def source_span(self, start: int, end: int) -> Span:
        """Map a span of cleaned text back to the source text."""
        if not self.offsets or start >= end:
            return (start, end)
        return (self.offsets[start], self.offsets[end - 1] + 1)


@dataclass
class Passage:
    """A contiguous stretch of a Document (whole sentences) proposed as a card body."""

    start: int
    end: int
    score: float


@dataclass
class Cite:
    """A card's citation: ``short`` ("Sun 16") in bold, then ``full`` (the rest of the line)."""

    short: str = ""
    full: str = ""
    authors: list[str] = field(default_factory=list)
    qualifications: str | None = None
    date: str | None = None
    year: int | None = None
    title: str | None = None
    publication: str | None = None
    url: str | None = None
    accessed: str | None = None
    initials: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The whole cite line as a debater reads it."""
        return f"{self.short} {self.full}".strip()


@dataclass
class Marks:
    """Formatting on a card body: spans into ``Card.body``.

    ``underline`` includes emphasised text; ``emphasis`` is Verbatim's bold+underline style;
    ``highlight`` is what is read aloud and should be inside ``underline``.
    """

    underline: list[Span] = field(default_factory=list)
    emphasis: list[Span] = field(default_factory=list)
    highlight: list[Span] = field(default_factory=list)


@dataclass(frozen=True)
class RunFormat:
    """What Word shows for a stretch of text, resolved through its styles.

    ``style`` is the character style's name (``Emphasis``, ``style 13 pt bold``; lower case),
    ``underline`` Word's underline kind ("single", "double", ...), ``highlight`` a Word highlight
    colour name or a ``#RRGGBB`` shading fill, ``size`` the font size in half-points.
    """

    style: str | None = None
    bold: bool = False
    italic: bool = False
    underline: str | None = None
    highlight: str | None = None
    size: int | None = None


#: A run of formatted text: ``(start, end, format)`` over the text it describes.
FormatSpan = tuple[int, int, RunFormat]


@dataclass
class Formatting:
    """A card as Word showed it when imported: runs over the tag, the cite line (``Cite.text``, a
    newline between its lines) and the body; and for each entry of ``Card.outline`` its heading
    level (1 Pocket, 2 Hat, 3 Block) and runs, so the outline can be rebuilt as it was. Cards cut
    by cardsmith have none.

    ``paragraphs`` is the style each paragraph had (one of :data:`PARAGRAPH_STYLES`): the tag,
    each cite line, each body line; a Tag-styled line of card text stays one; a body line that
    went on the paragraph above after a line break is :data:`LINE_BREAK`.
    """

    tag: list[FormatSpan] = field(default_factory=list)
    cite: list[FormatSpan] = field(default_factory=list)
    body: list[FormatSpan] = field(default_factory=list)
    outline: list[int] = field(default_factory=list)
    headings: list[list[FormatSpan]] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)


_FORMATTING_PARTS = ("tag", "cite", "body")
#: Paragraph styles an imported paragraph is written back in (by style id).
LINE_BREAK = "break"
PARAGRAPH_STYLES = frozenset({"Normal", "Title", LINE_BREAK, *(f"Heading{n}" for n in range(1, 10))})


def formatting_to_json(formatting: Formatting) -> dict:
    """Compact JSON: each distinct format once in ``formats``, runs as ``[start, end, index]``."""
    table: dict[RunFormat, int] = {}
    out: dict = {}

    def runs(spans: list[FormatSpan]) -> list[list[int]]:
        return [[s, e, table.setdefault(f, len(table))] for s, e, f in spans]

    for part in _FORMATTING_PARTS:
        out[part] = runs(getattr(formatting, part))
    out["outline"] = list(formatting.outline)
    out["headings"] = [runs(spans) for spans in formatting.headings]
    out["paragraphs"] = list(formatting.paragraphs)
    out["formats"] = [{k: v for k, v in asdict(f).items() if v not in (None, False)} for f in table]
    return out


def formatting_from_json(data: object) -> Formatting:
    """The inverse of :func:`formatting_to_json`; raises ValueError on anything malformed."""
    if not isinstance(data, dict) or not isinstance(data.get("formats"), list):
        raise ValueError("formatting must be an object with a 'formats' list")
    types = {"style": str, "bold": bool, "italic": bool, "underline": str, "highlight": str, "size": int}
    table = []
    for item in data["formats"]:
        if not isinstance(item, dict) or any(k not in types or type(v) is not types[k] for k, v in item.items()):
            raise ValueError(f"bad run format {item!r}")
        table.append(RunFormat(**item))

    def runs(value: object, part: str) -> list[FormatSpan]:
        if not isinstance(value, list) or not all(
            isinstance(r, list) and len(r) == 3 and all(type(x) is int for x in r)
            and 0 <= r[0] <= r[1] and 0 <= r[2] < len(table)
            for r in value
        ):
            raise ValueError(f"formatting {part!r} must be a list of [start, end, format index]")
        return [(s, e, table[i]) for s, e, i in value]

    parts = {part: runs(data.get(part) or [], part) for part in _FORMATTING_PARTS}
    levels, headings = data.get("outline") or [], data.get("headings") or []
    if not isinstance(levels, list) or not all(type(x) is int and 1 <= x <= 3 for x in levels):
        raise ValueError("formatting 'outline' must be a list of heading levels 1-3")
    if not isinstance(headings, list):
        raise ValueError("formatting 'headings' must be a list of run lists")
    paragraphs = data.get("paragraphs") or []
    if not isinstance(paragraphs, list) or not all(x in PARAGRAPH_STYLES for x in paragraphs):
        raise ValueError(f"formatting 'paragraphs' must be a list of {', '.join(sorted(PARAGRAPH_STYLES))}")
    return Formatting(
        **parts, outline=levels, headings=[runs(h, "headings") for h in headings], paragraphs=paragraphs
    )


@dataclass
class SourceRef:
    """Where a card came from: a file and the span of the cleaned document it covers."""

    path: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class Card:
    """A debate card. An *analytic* is a card with a tag and no cite or body."""

    tag: str
    cite: Cite = field(default_factory=Cite)
    body: str = ""
    marks: Marks = field(default_factory=Marks)
    source: SourceRef = field(default_factory=SourceRef)
    outline: list[str] = field(default_factory=list)
    id: str | None = None
    formatting: Formatting | None = None

    @property
    def is_analytic(self) -> bool:
        return not self.body.strip() and not self.cite.text


@dataclass
class Heading:
    """An outline heading in a Verbatim file: level 1 Pocket, 2 Hat, 3 Block (4 is a card tag)."""

    level: int
    text: str
    #: Runs over ``text`` as Word showed them when imported (None: the Heading style's look).
    formatting: list[FormatSpan] | None = None
    #: The paragraph style it was imported in when not its level's Heading style (a Title).
    style: str | None = None


def to_dict(obj: object) -> dict:
    """A dataclass as plain JSON-ready data (tuples become lists)."""
    return asdict(obj)  # type: ignore[call-overload]
