"""Where a card may start and end: the cues a debater reads before cutting.

A card starts where an argument starts: not on item 3 of a numbered list (it takes the lead-in
and the items from 1), not after a colon's lead-in, not on a caption, not mid-thought ("This
means…"). It ends at a sentence end, not on a lead-in whose list it leaves behind.
"""

from __future__ import annotations

import re

#: "3." "3)" "(c)" "iii." "Third," "•": the marker of a list item, and its ordinal when it has one.
_NUMBERED = re.compile(r"""^\s*[("'“]?(\d{1,2}|[a-hA-H]|[ivxIVX]{1,4})[.)](?=\s)""")
_BULLET = re.compile(r"^\s*[•▪●◦‣∙·*–-]\s")
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
_ORDINAL = re.compile(rf"^\s*({'|'.join(_ORDINALS)})(ly)?\b[,:]?", re.IGNORECASE)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
#: Openers that point back to what came before (a card starting here lacks its antecedent).
_ANAPHORA = frozenset(
    """this these that those it its they their such however but and also moreover furthermore thus therefore
    hence consequently yet still instead otherwise similarly likewise meanwhile nonetheless nevertheless indeed
    accordingly additionally besides then so""".split()
)
_CAPTION = re.compile(r"^\s*(figure|fig\.|table|chart|graph|photo|image|source|credit|caption|map)\b", re.IGNORECASE)
_FIRST_WORD = re.compile(r"[A-Za-z]+")


def list_ordinal(sentence: str) -> int:
    """The ordinal of a list item ("3." -> 3, "(c)" -> 3, "Second," -> 2); 1 for an unnumbered bullet; 0 if none."""
    match = _NUMBERED.match(sentence)
    if match:
        mark = match.group(1).lower()
        if mark.isdigit():
            return int(mark)
        # "i" and "v" read as Roman numerals; any other single letter counts from "a".
        return _ROMAN.get(mark, 0) if len(mark) > 1 or mark in "iv" else ord(mark) - ord("a") + 1
    match = _ORDINAL.match(sentence)
    if match:
        return _ORDINALS.index(match.group(1).lower()) + 1
    return 1 if _BULLET.match(sentence) else 0


def is_lead_in(sentence: str) -> bool:
    """A sentence ending in a colon introduces what follows (a list, a quotation)."""
    return sentence.rstrip().rstrip("\"'”’)").endswith(":")


def is_caption(sentence: str) -> bool:
    """A figure or photo caption, or a source line: never where an argument starts."""
    return bool(_CAPTION.match(sentence)) and len(sentence.split()) <= 40


def opens_mid_thought(sentence: str) -> bool:
    """Starts with a word pointing back ("This means", "However,")."""
    word = _FIRST_WORD.match(sentence.lstrip("\"'“‘([ "))
    return bool(word) and word.group().lower() in _ANAPHORA


def opens_lower_case(sentence: str) -> bool:
    """Starts lower-case: the rest of a sentence split too early, not the start of one."""
    stripped = sentence.lstrip("\"'“‘([ ")
    return bool(stripped) and stripped[0].islower()


def ends_sentence(sentence: str) -> bool:
    """Ends on sentence-final punctuation (possibly inside a closing quote or bracket)."""
    return sentence.rstrip().rstrip("\"'”’)]").endswith((".", "!", "?"))
