"""Editing a stored card: a new tag, cite or marks on the same verbatim body.

The body is what the author wrote and is never edited; the Word formatting kept from the import
stays only where it still describes the card (the tag's runs while the tag is unchanged, and so on).
"""

from __future__ import annotations

from dataclasses import replace

from cardsmith.errors import CardsmithError
from cardsmith.model import Card, Cite, Formatting, Marks

#: Mark kinds, in the order Marks declares them.
MARK_KINDS = ("underline", "emphasis", "highlight")


def check_marks(marks: Marks, body: str) -> None:
    """CardsmithError unless every span is a ``(start, end)`` inside the body."""
    for kind in MARK_KINDS:
        for span in getattr(marks, kind):
            start, end = span
            if not 0 <= start <= end <= len(body):
                raise CardsmithError(f"{kind} span {[start, end]} is outside the body ({len(body)} characters)")


def edited(card: Card, tag: str | None, cite: Cite | None, marks: Marks | None) -> tuple[Card, dict[str, object]]:
    """The card with the given parts replaced (None keeps a part), and what changed, for the history."""
    new_tag = card.tag if tag is None else tag
    new_cite = card.cite if cite is None else cite
    new_marks = card.marks if marks is None else marks
    check_marks(new_marks, card.body)
    changes: dict[str, object] = {}
    if new_tag != card.tag:
        changes["tag"] = [card.tag, new_tag]
    if new_cite != card.cite:
        changes["cite"] = [card.cite.text, new_cite.text]
    if new_marks != card.marks:
        changes["marks"] = True
    formatting = _formatting(card.formatting, changes)
    return replace(card, tag=new_tag, cite=new_cite, marks=new_marks, formatting=formatting), changes


def _formatting(formatting: Formatting | None, changes: dict[str, object]) -> Formatting | None:
    """The imported runs that still hold: an edited tag or cite loses its runs, and edited marks the
    body's (Word's underlines and highlights were the old marks); the rest (paragraph styles,
    headings) stays."""
    if formatting is None or not changes:
        return formatting
    kept = {"tag": "tag", "cite": "cite", "marks": "body"}
    return replace(formatting, **{kept[part]: [] for part in changes})
