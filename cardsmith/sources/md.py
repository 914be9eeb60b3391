"""Markdown (and text copied through a Markdown converter): drop the markup, keep the words.

``\\$20`` becomes ``$20``, ``**f**`` becomes ``f``, ``[text](url)`` becomes ``text``, heading
and quote markers go; offsets still point into the Markdown source.
"""

from __future__ import annotations

import re

from cardsmith.sources.extracted import Extracted
from cardsmith.sources.mapped import Mapped

#: Line starts that are markup: headings, quotes, rules, fences, note definitions. List bullets
#: stay: they keep list items apart as paragraphs.
LINE_MARKUP = re.compile(
    r"^(?:[ \t]{0,3}#{1,6}[ \t]+|(?:[ \t]{0,3}>[ \t]?)+)"
    r"|[ \t]+#+[ \t]*$"
    r"|^[ \t]{0,3}(?:([-*_=])(?:[ \t]*\1){2,}|`{3,}.*|~{3,}.*)[ \t]*$"
    r"|^\[\^[^\]\n]+\]:.*$",
    re.MULTILINE,
)
#: Inline markup; the named group says what to keep of a match (nothing when absent). No scan runs
#: past the next opening bracket, so a crafted line of ``![![![…`` costs linear time, not quadratic.
INLINE_MARKUP = re.compile(
    r"(?=[\\!\[\]<*_`])"  # every alternative starts with one of these: skip other positions fast
    r"(?:\\(?P<esc>[\\`*_{}\[\]()#+\-.!|$<>~\"'])"
    r"|!\[[^\[\]\n]*\]\([^()\n]*\)"
    r"|\[\^[^\[\]\n]+\]"
    r"|\[(?=[^\[\]\n]*\](?:\([^()\n]*\)|\[[^\[\]\n]*\]))"
    r"|\](?:\([^()\n]*\)|\[[^\[\]\n]*\])"
    r"|<(?P<url>(?:https?|mailto):[^<>\s]+)>"
    r"|<sup>\s*\d{1,3}\s*</sup>"
    r"|</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>\n]*)?/?>"
    r"|(?<![\\\w*])[*_]{1,3}(?=[^\s*_])"
    r"|(?<=[^\s\\*_])[*_]{1,3}(?![\w*])"
    r"|`+)",
)
#: Signs that a .txt file went through a Markdown converter.
MARKDOWN_SIGNS = re.compile(
    r"^#{1,6} \S|\\[$*_#\[\]()]|\*\*\S[^*\n]*\S\*\*|\*\S[^*\n]*\S\*|\[[^\[\]\n]+\]\([^()\n]+\)|</?sup>",
    re.MULTILINE,
)


def looks_like_markdown(text: str, min_signs: int = 2) -> bool:
    return sum(1 for _ in zip(range(min_signs), MARKDOWN_SIGNS.finditer(text), strict=False)) >= min_signs


def strip_markdown(source: str) -> Mapped:
    mapped = Mapped.identity(source).remove_matches(LINE_MARKUP)
    spans = []
    for match in INLINE_MARKUP.finditer(mapped.text):
        keep = next((g for g in ("esc", "url") if match.start(g) >= 0), None)
        if keep is None:
            spans.append(match.span())
        else:
            spans += [(match.start(), match.start(keep)), (match.end(keep), match.end())]
    return mapped.remove(spans)


def read_md(text: str) -> Extracted:
    return Extracted(text, mapped=strip_markdown(text))
