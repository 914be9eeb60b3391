"""Verbatim paragraphs into the outline: headings, cards (tag, cite, body with marks), analytics.

Real files are messy, so the rules are forgiving, and every rule reads its own output back the
same way (export then import is lossless):
- Heading 1-3 are Pocket/Hat/Block and Heading 4 starts a card. A heading followed by a bold
  short cite is used as the card's tag; a bold Normal line followed by a cite and card text is a
  tag; a cite with no tag above it starts a card whose tag is the plain line before it when that
  is short enough for a tag, else "". Right after a tag, a bold line with a year is the first
  line of a two-line cite, unless it runs on past the year and the next line opens with its own
  short cite ("Lakes are cleaner, Moss 21 finds" / "Moss 21, ..."): then it is the tag.
- Inside a card that has its cite and body, an unmarked paragraph with a bold short cite followed
  by card text ("Indeed – Weiss 25 (...)") starts another card: its tag is the short bold-or-plain
  line just before it when there is one (a tag the file did not style), else the same tag again.
- Files with no headings at all are read when they hold at least one card (bold Normal tags).
  Bold tags may be underlined or highlighted; a Title-styled paragraph is read as a Block (and,
  like Heading 1-3, as a tag when a cite and card text follow it).
- In files with no formatting at all, an unformatted line opening with a short cite ("Greenberg
  25 [...", "Jo Kato 19, Professor ...") followed by more text is a cite, as a bold short cite is.
- Other text outside any card is kept as an analytic (one per paragraph) so no words are lost.
- Cites are unhighlighted, except that a short highlighted line with both a date and an address
  (URL) is a cite too: some files highlight their cites whole.
- The cite is the first paragraph after the tag when it looks like one; a second short unmarked
  line that still looks like a cite (title, URL) joins it after a newline in ``Cite.full``.
- A Tag-styled paragraph inside a card that carries highlighting, or that follows the tag and
  reads like a long cite, is mis-styled card text, not a new tag.
- Line breaks in body text split paragraphs; bodies keep their text verbatim: condensed ¶
  pilcrows, shrunk text and "[Table omitted]" notes stay as written, paragraphs joined by newlines.
- Tracked changes: insertions are kept, deletions dropped; comments and text boxes are ignored.
"""

from __future__ import annotations

import re
from pathlib import Path

from cardsmith.errors import SourceError
from cardsmith.formats.cite_text import SHORT_CITE_MAX, split_cite, year_of
from cardsmith.formats.spans import HIGHLIGHT, UNDERLINE, marks_from_segments
from cardsmith.formats.verbatim.ooxml import BOLD, SHORT_CITE, Paragraph, read_paragraphs
from cardsmith.formats.verbatim.runs import project
from cardsmith.model import LINE_BREAK, Card, Cite, Formatting, Heading, SourceRef

#: How far into the cite line the bold short cite may start ("Charles D. *Ferguson 07*").
SHORT_CITE_REACH = 40
#: Longest paragraph accepted as the second line of a cite.
CITE_LINE2_MAX = 300
#: A cite line longer than this is complete (a second short line after it is body text).
CITE_LINE1_MAX = 500
#: A mis-styled Heading 4 that reads like a cite must be at least this long (tags are short).
LONG_CITE = 120
#: Longest bold Normal paragraph taken for a tag in files that do not use the Tag style.
TAG_MAX = 300
#: A Title-styled paragraph reads as a Block: it nests under any pockets and hats around it.
TITLE_LEVEL = 3

_YEAR = re.compile(r"\b(?:19|20)\d\d\b|['‘’]\d\d\b|^\D{1,40}?\b\d\d\b(?![%.,]?\d|\s*(?:%|percent))")
_URL = re.compile(r"https?://|www\.|\.(?:com|org|edu|gov|net)\b", re.I)
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*$")
_SPACES = re.compile(r"\s+")
_YEAR_END = re.compile(r"\d\d\W*$")
# "Greenberg 25 [", "Markus K. Binder 23, M.A.": a short cite in files with no formatting at all.
# The word before the year has no period ("Jan. 20", "No. 78"), and a comma after the year is
# followed by a capital or a date ("May 15, 2020" is a date, "Starr 15, 2/28/2015" a cite).
_PLAIN_CITE = re.compile(r"(?:[A-Z][\w.'’&-]*\s){0,3}?[A-Z][\w'’-]+\s['‘’]?\d\d\s*(?:\[|\(|,\s*(?:[A-Z]|\d\d?/))")

Item = Heading | Card


def read_verbatim(path: str | Path) -> list[Item]:
    """Parse a Verbatim .docx into headings and cards in outline order.

    Raises :class:`SourceError` for files that are not .docx, are corrupt, or have no Verbatim
    structure at all (no heading paragraphs and no card found by its tag and cite): best effort on
    a plain Word file would turn every paragraph into an "analytic", which is worse than a clear
    refusal. Files with bold Normal tags and no headings are common, so cards alone suffice.
    """
    paragraphs = read_paragraphs(path)
    items = assemble(paragraphs, str(path))
    if not any(p.level for p in paragraphs if p.text.strip()) and not any(
        isinstance(item, Card) and not item.is_analytic for item in items
    ):
        raise SourceError(path, "not a Verbatim file: no Pocket/Hat/Block/Tag (Heading 1-4) paragraphs or cards")
    return items


def assemble(paragraphs: list[Paragraph], path: str | None = None) -> list[Item]:
    """Group paragraphs into the outline; ``path`` goes into each card's SourceRef."""
    items: list[Item] = []
    outline: list[str] = []
    levels: list[int] = []
    tag_index: int | None = None
    card_paras: list[Paragraph] = []

    def flush(end: int) -> None:
        if tag_index is not None:
            # A card found by its cite alone (no tag paragraph) has an empty tag.
            tagless = bool(card_paras) and card_paras[0] is paragraphs[tag_index]
            tag = Paragraph(level=4) if tagless else paragraphs[tag_index]
            items.append(_card(tag, card_paras, list(outline), path, tag_index, end))

    texts = [i for i, p in enumerate(paragraphs) if p.text.strip()]
    for position, index in enumerate(texts):
        para = paragraphs[index]
        ahead = [paragraphs[i] for i in texts[position + 1 : position + 4]]
        level = _effective_level(para, ahead, tag_index is not None, card_paras)
        if level == 0 and tag_index is not None and _cites_again(para, ahead, card_paras):
            previous = texts[position - 1]
            if _tag_line(card_paras[-1]) and len(card_paras) - 1 > len(_cite_paragraphs(card_paras[:-1])):
                # The unmarked line before the new cite was its tag, not the end of the last card.
                card_paras.pop()
                flush(previous)
                tag_index = previous
            else:
                # Another cite and body under the same tag (a tagless card's tag index is its own
                # cite, so the next card is tagless too).
                same_tag = card_paras[0] is not paragraphs[tag_index]
                flush(index)
                tag_index = tag_index if same_tag else index
            card_paras = [para]
        elif level in (1, 2, 3):
            flush(index)
            tag_index, card_paras = None, []
            while levels and levels[-1] >= level:
                levels.pop()
                outline.pop()
            levels.append(level)
            outline.append(_one_line(para.text))
            style = None if para.style == f"Heading{level}" else para.style
            items.append(Heading(level, outline[-1], project([para], outline[-1]), style))
        elif level == 4:
            flush(index)
            tag_index, card_paras = index, []
        elif tag_index is None and _cited_text([para, *ahead]):
            # A cite with no tag: the plain line just before it, if any and short, was the tag.
            stray = items[-1] if position and items and _is_stray(items[-1], texts[position - 1], paragraphs) else None
            if stray is not None:
                items.pop()
            tag_index, card_paras = (texts[position - 1] if stray else index), [para]
        elif tag_index is None:
            source = SourceRef(path, index, index + 1)
            tag = _one_line(para.text)
            formatting = Formatting(tag=project([para], tag), paragraphs=[para.style])
            items.append(Card(tag=tag, outline=list(outline), source=source, formatting=formatting))
        else:
            card_paras.append(para)
    flush(len(paragraphs))
    _outline_formatting(items)
    return items


def _outline_formatting(items: list[Item]) -> None:
    """Give each card the level and runs of the headings above it (its ``outline``), so a card
    exported on its own, from the library, gets its headings back as they were."""
    open_headings: list[Heading] = []
    for item in items:
        if isinstance(item, Heading):
            while open_headings and open_headings[-1].level >= item.level:
                open_headings.pop()
            open_headings.append(item)
        elif item.formatting is not None:
            item.formatting.outline = [h.level for h in open_headings]
            item.formatting.headings = [h.formatting or [] for h in open_headings]


def _is_stray(item: Item, index: int, paragraphs: list[Paragraph]) -> bool:
    """The item is the analytic made from the stray text paragraph at ``index``, and that paragraph
    is short enough for a tag (a long one before a cite is card text in a file without tags)."""
    span = (item.source.start, item.source.end) if isinstance(item, Card) else None
    return span == (index, index + 1) and item.is_analytic and len(paragraphs[index].text.strip()) <= TAG_MAX


def _effective_level(para: Paragraph, ahead: list[Paragraph], in_card: bool, card_paras: list) -> int:
    """The level a paragraph plays, correcting common mis-styling (see the module docstring)."""
    level = para.level or (TITLE_LEVEL if para.title else 0)
    if level == 4 and in_card and _misstyled(para, card_paras, ahead):
        return 0
    if level in (1, 2, 3) and ahead and (
        (_starts_card(ahead) and not _bold_tag(ahead[0], cite_like=False)) or _cited_text(ahead)
    ):
        return 4
    # Right after a tag, a bold line with a year is the short cite of a two-line cite, unless it
    # goes on past the year and the next line opens with its own short cite ("Water is cleaner,
    # GAO 24 finds" then "GAO 24, ...").
    own_cite = bool(ahead) and 0 < _short_end(ahead[0]) < len(ahead[0].text.rstrip())
    after_tag_ok = not card_paras and (
        not _looks_like_cite(para.text) or (own_cite and not _YEAR_END.search(para.text.strip()))
    )
    if (
        level == 0
        and (not in_card or card_paras[1:] or after_tag_ok)
        and _bold_tag(para)
        and _starts_card(ahead)
    ):
        return 4
    return level


def _starts_card(ahead: list[Paragraph]) -> bool:
    """The next paragraphs are a cite (one or two lines) and marked card text, so what precedes
    them is a tag."""
    if len(ahead) < 2 or ahead[0].level or ahead[1].level or not _is_cite(ahead[0]):
        return False
    if ahead[1].has(UNDERLINE | HIGHLIGHT):
        return True
    return (
        len(ahead) == 3
        and not ahead[2].level
        and ahead[2].has(UNDERLINE | HIGHLIGHT)
        and _cite_line2(ahead[1].text.strip())
    )


def _cited_text(ahead: list[Paragraph]) -> bool:
    """A bold (or, unformatted, plain) short cite ("Sun 16 ...") followed by more text: card text,
    whatever its marks."""
    return (
        len(ahead) >= 2
        and not ahead[0].level
        and not ahead[1].level
        and not ahead[0].has(HIGHLIGHT)
        and 0 < _short_end(ahead[0]) <= SHORT_CITE_MAX
        and _looks_like_cite(ahead[0].text)
    ) or _plain_cite(ahead)


def _plain_cite(ahead: list[Paragraph]) -> bool:
    """An unformatted line opening with a short cite ("Greenberg 25 [...") followed by more text:
    files with no formatting at all have nothing else to tell a cite by."""
    return (
        len(ahead) >= 2
        and not ahead[0].level
        and not ahead[1].level
        and not ahead[0].has(BOLD | UNDERLINE | HIGHLIGHT)
        and bool(_PLAIN_CITE.match(ahead[0].text.strip()))
    )


def _cites_again(para: Paragraph, ahead: list[Paragraph], card_paras: list[Paragraph]) -> bool:
    """Inside a card that has its cite and body, an unmarked paragraph with a bold short cite
    ("Indeed – Weiss 25 (...)") followed by a cite line or marked text is the next card's cite."""
    return (
        len(card_paras) > len(_cite_paragraphs(card_paras)) > 0
        and not para.has(UNDERLINE)
        and (not _bold_tag(para) or bool(_YEAR.search(para.text)))
        and (_plain_cite([para, *ahead]) or (_cited_text([para, *ahead]) and _starts_card([para, *ahead[:2]])))
    )


def _tag_line(para: Paragraph) -> bool:
    """A bold tag line, or a short unmarked one: a tag when a cite follows it."""
    return _bold_tag(para) or (len(para.text.strip()) <= TAG_MAX and not para.has(UNDERLINE | HIGHLIGHT))


def _misstyled(para: Paragraph, card_paras: list[Paragraph], ahead: list[Paragraph]) -> bool:
    """A Tag-styled paragraph that is really card text: highlighted, or a long cite right after the
    tag that is followed by marked card text."""
    if para.has(HIGHLIGHT):
        return True
    return (
        not card_paras
        and len(para.text) >= LONG_CITE
        and _looks_like_cite(para.text)
        and bool(ahead)
        and (ahead[0].level == 0 or ahead[0].has(HIGHLIGHT))
        and ahead[0].has(UNDERLINE | HIGHLIGHT)
    )


def _bold_tag(para: Paragraph, *, cite_like: bool = True) -> bool:
    """A Normal paragraph written like a tag: short and bold throughout (files that do not use the
    Tag style often underline or highlight their tags too) and, with ``cite_like=False``, not a
    bold short cite such as "Sun 16"."""
    return (
        len(para.text.strip()) <= TAG_MAX
        and all(flags & BOLD for text, flags in para.segments if text.strip())
        and (cite_like or not _looks_like_cite(para.text))
    )


def _card(
    tag: Paragraph, paras: list[Paragraph], outline: list[str], path: str | None, start: int, end: int
) -> Card:
    cite_paras = _cite_paragraphs(paras)
    body_paras = paras[len(cite_paras) :]
    cite = _cite(cite_paras) if cite_paras else Cite()
    segments: list[tuple[str, int]] = []
    for para in body_paras:
        if segments:
            segments.append(("\n", 0))
        segments.extend(_strip(para.segments))
    body, marks = marks_from_segments(segments)
    tag_text = _one_line(tag.text)
    formatting = Formatting(
        tag=project([tag], tag_text),
        cite=project(cite_paras, cite.text),
        body=project(body_paras, body),
        paragraphs=_paragraph_styles(tag, cite_paras, cite.text, body_paras),
    )
    return Card(
        tag=tag_text,
        cite=cite,
        body=body,
        marks=marks,
        source=SourceRef(path, start, end),
        outline=outline,
        formatting=formatting,
    )


def _paragraph_styles(
    tag: Paragraph, cite_paras: list[Paragraph], cite_text: str, body_paras: list[Paragraph]
) -> list[str]:
    """The style of each paragraph the card is written as: tag, one per cite line, one per body
    line (a Tag-styled paragraph of card text keeps its line breaks: its later lines continue it)."""
    styles = [tag.style if tag.text.strip() else "Heading4"]
    cite_lines = cite_text.count("\n") + 1 if cite_text else 0
    if cite_lines in (len(cite_paras), len(cite_paras) - 1):  # one less: a short cite alone on its line
        styles += [para.style for para in cite_paras]
    else:
        styles += [cite_paras[0].style] * cite_lines
    for para in body_paras:
        styles += [para.style] + [LINE_BREAK] * para.text.strip().count("\n")
    return styles


def _cite_paragraphs(paras: list[Paragraph]) -> list[Paragraph]:
    """The leading paragraphs that form the cite: none, one, or two lines."""
    if not paras or not _is_cite(paras[0]):
        return []
    first = paras[0]
    if len(paras) >= 3 or (len(paras) == 2 and _short_only(first)):
        second = paras[1]
        text = second.text.strip()
        if (
            not second.has(UNDERLINE | HIGHLIGHT)
            and len(text) <= CITE_LINE2_MAX
            and len(first.text) <= CITE_LINE1_MAX
            and not text[:1].islower()
            and (_short_only(first) or _cite_line2(text))
        ):
            return [first, second]
    return [first]


def _cite_line2(text: str) -> bool:
    """A title, URL or bracketed qualification line rather than a sentence of card text."""
    return bool(_URL.search(text)) or text.startswith(("[", "(")) or not _SENTENCE_END.search(text)


def _is_cite(para: Paragraph) -> bool:
    """Unhighlighted, and either a bold short cite at the start or cite-like text; or, highlighted
    as some files highlight their cites, a short line with both a date and an address."""
    text = para.text
    if para.has(HIGHLIGHT):
        return len(text) <= CITE_LINE1_MAX and bool(_URL.search(text) and _YEAR.search(text[:200]))
    return 0 < _short_end(para) <= SHORT_CITE_MAX or _looks_like_cite(text)


def _looks_like_cite(text: str) -> bool:
    head = text.strip()[:200]
    return bool(_URL.search(text) or _YEAR.search(head) or head.startswith(("[", "(")))


def _short_only(para: Paragraph) -> bool:
    """A cite line that is nothing but the bold short cite ("Sun 16" on its own line)."""
    end = _short_end(para)
    return bool(end) and not para.text[end:].strip()


def _short_end(para: Paragraph) -> int:
    """Where the bold short cite ends in the paragraph text (0: no short cite)."""
    pos, end, started = 0, 0, False
    for text, flags in para.segments:
        bold = flags & (BOLD | SHORT_CITE) and text.strip()
        if bold:
            if not started and pos > SHORT_CITE_REACH:
                return 0
            started, end = True, pos + len(text.rstrip())
        elif started and text.strip():
            break
        pos += len(text)
    # Bold that stops inside a word ("Sun 1" + "6") would split the word between short and full.
    full = para.text
    while 0 < end < len(full) and _same_word(full[end - 1], full[end]):
        end += 1
    return end


def _same_word(left: str, right: str) -> bool:
    return (left.isalpha() and right.isalpha()) or (left.isdigit() and right.isdigit())


def _cite(paras: list[Paragraph]) -> Cite:
    """Short cite and the rest; a second cite line stays on its own line after a newline, so
    writing the card back reproduces the same two paragraphs."""
    first = paras[0].text
    end = _short_end(paras[0])
    lines = [_one_line(p.text) for p in paras[1:]]
    if 0 < end <= SHORT_CITE_MAX:
        short, rest = _one_line(first[:end]), _one_line(first[end:])
    else:
        short, rest = split_cite(_one_line(first))
    full = "\n".join(line for line in [rest, *lines] if line)
    return Cite(short=short, full=full, year=year_of(short))


def _one_line(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _strip(segments: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Drop leading and trailing whitespace of a paragraph, keeping each segment's flags."""
    out = list(segments)
    while out and not out[0][0].strip():
        out.pop(0)
    while out and not out[-1][0].strip():
        out.pop()
    if out:
        out[0] = (out[0][0].lstrip(), out[0][1])
        out[-1] = (out[-1][0].rstrip(), out[-1][1])
    return out
