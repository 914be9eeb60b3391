"""Paragraphs: group cleaned lines into paragraphs and re-join ones a page break cut in two.

Blank lines (and page breaks) always end a block. Inside a block, lines are either wrapped
prose (PDF text: joined, broken at short lines that end a sentence, list items and headings) or
separate one-line paragraphs. A paragraph that stops mid-sentence is merged with the next when
that one plainly continues it ("…shared sense of strategic" + "vulnerability between…").
"""

from __future__ import annotations

import re

from cardsmith.sources.mapped import Builder, Mapped, Span

#: Characters that may end a paragraph: sentence ends, list introductions, closing quotes.
TERMINAL = frozenset('.?!:;…"”’\')]')
LIST_MARKER = re.compile(r"^(?:\d{1,2}[.)]|[-•*–▪●◦]|\([a-z0-9]\))\s")
#: A paragraph needs this many words to count as prose rather than a heading or a label.
PROSE_WORDS = 8
#: A fragment this long ending in a lowercase word is cut prose, not a lowercase-ending heading.
FRAGMENT_WORDS = 15

Lines = list[Span]


def _strip(m: Mapped, start: int, end: int) -> Span:
    while start < end and m.text[start].isspace():
        start += 1
    while end > start and m.text[end - 1].isspace():
        end -= 1
    return start, end


def blocks(m: Mapped) -> list[Lines]:
    """Runs of non-blank lines (stripped spans), split at blank lines and page breaks."""
    out: list[Lines] = [[]]
    for start, end in m.line_spans():
        span = _strip(m, start, end)
        if span[0] == span[1]:
            if out[-1]:
                out.append([])
        else:
            out[-1].append(span)
    return [block for block in out if block]


def split_block(lines: list[str]) -> list[list[int]]:
    """Indices of the lines that form each paragraph of one block."""
    width = max(len(line) for line in lines)
    full = sum(len(line) >= 0.6 * width for line in lines)
    if len(lines) == 1 or width < 40 or full < max(2, len(lines) / 2):
        return _separate_lines(lines)
    paras: list[list[int]] = [[]]
    for i, line in enumerate(lines):
        if paras[-1] and LIST_MARKER.match(line):
            paras.append([])
        paras[-1].append(i)
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        ends = line[-1] in TERMINAL and len(line) < 0.8 * width
        short = len(line) < 0.6 * width and line[-1] not in TERMINAL
        heading = len(paras[-1]) == 1 and short and nxt[:1].isupper()
        if ends or heading:
            paras.append([])
    return [p for p in paras if p]


def _separate_lines(lines: list[str]) -> list[list[int]]:
    """Unwrapped lines are paragraphs of their own, unless a line plainly goes on in the next."""
    paras = [[0]]
    for i in range(1, len(lines)):
        if lines[i - 1][-1] not in TERMINAL and lines[i][0].islower():
            paras[-1].append(i)
        else:
            paras.append([i])
    return paras


def is_heading(text: str) -> bool:
    """Short, or Title Case: a heading, title or byline rather than a sentence."""
    words = text.split()
    if len(words) < PROSE_WORDS:
        return True
    long_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
    return bool(long_words) and sum(w[0].isupper() for w in long_words) >= 0.7 * len(long_words)


def ends_mid_sentence(text: str) -> bool:
    return text[-1] not in TERMINAL and not is_heading(text)


def continues(prev: str, nxt: str) -> bool:
    """Does ``nxt`` carry on the sentence ``prev`` left open (and is not a new list item)?"""
    if LIST_MARKER.match(nxt):
        return False
    if nxt[0].islower():
        return True
    words = prev.split()
    return (
        not is_heading(nxt)
        and len(words) >= FRAGMENT_WORDS
        and (prev.endswith(",") or words[-1].islower())
    )


def paragraph_lines(m: Mapped) -> list[Lines]:
    """Every paragraph as the line spans it is made of, page-split paragraphs re-joined."""
    paras: list[Lines] = []
    for block in blocks(m):
        texts = [m.text[s:e] for s, e in block]
        paras += [[block[i] for i in group] for group in split_block(texts)]
    merged: list[Lines] = []
    for para in paras:
        prev = _text(m, merged[-1]) if merged else ""
        if prev and ends_mid_sentence(prev) and continues(prev, _text(m, para)):
            merged[-1] = merged[-1] + para
        else:
            merged.append(para)
    return merged


def _text(m: Mapped, lines: Lines) -> str:
    return " ".join(m.text[s:e] for s, e in lines)


def assemble(m: Mapped, paras: list[Lines]) -> tuple[Mapped, list[Span]]:
    """Emit paragraphs separated by a blank line, each line joined by one space.

    Inserted whitespace maps to the source whitespace (the newline) that it replaces.
    """
    out, spans, prev_end = Builder(), [], None
    for para in paras:
        if prev_end is not None:
            gap = _whitespace_after(m, prev_end)
            out.put("\n", gap)
            out.put("\n", gap)
        start = len(out)
        for k, (s, e) in enumerate(para):
            if k:
                out.put(" ", _whitespace_after(m, para[k - 1][1]))
            _add_collapsed(out, m, s, e)
        spans.append((start, len(out)))
        prev_end = para[-1][1]
    return out.build(), spans


def _whitespace_after(m: Mapped, pos: int) -> int:
    """Source index of the whitespace right after ``pos`` in ``m`` (the line's newline)."""
    while pos < len(m.text) and not m.text[pos].isspace():
        pos += 1
    return m.offsets[min(pos, len(m.text) - 1)]


def _add_collapsed(out: Builder, m: Mapped, start: int, end: int) -> None:
    """Append ``m[start:end]`` with each whitespace run reduced to one space."""
    pos = start
    for run in re.finditer(r"\s+", m.text[start:end]):
        a, b = start + run.start(), start + run.end()
        out.add(m, pos, a)
        out.put(" ", m.offsets[a])
        pos = b
    out.add(m, pos, end)
