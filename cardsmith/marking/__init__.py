"""Underline and highlight a card body the way a debater would.

:func:`mark` is the one entry point (used by ``cardsmith cut`` and ``cardsmith mark``): it scores
every word, decodes the underline and the highlight as whole phrases (see
:mod:`cardsmith.marking.decode`), so that marks never start or end inside a word, and underlines
whatever is highlighted, so that the highlight always lies inside the underline. The one exception
is opt-in: ``clip=True`` highlights only the conventional short form of some long words ("gov" of
"government", see :mod:`cardsmith.marking.clip`).
"""

from __future__ import annotations

import numpy as np

from cardsmith.errors import CardsmithError
from cardsmith.marking.clip import clip_spans
from cardsmith.marking.decode import decode, switch_costs
from cardsmith.marking.scorer import Scorer, load_scorer
from cardsmith.marking.text import Words, mask_to_spans, words
from cardsmith.model import Marks

#: Bodies longer than this are refused: a card is a few hundred words, this is a whole book.
MAX_WORDS = 50_000


class MarkingError(CardsmithError):
    """A body or option that cannot be marked."""


def _check_share(name: str, value: float | None) -> None:
    if value is not None and not 0.0 <= value <= 1.0:
        raise MarkingError(f"{name} density must be between 0 and 1, got {value}")


def mark(
    tag: str, body: str, *, underline: float | None = None, highlight: float | None = None, clip: bool = False
) -> Marks:
    """Underline and highlight ``body`` so that it proves ``tag``.

    ``underline`` / ``highlight`` are densities: the fraction of the body's words to mark
    (``None`` = what the model learned from real cards); the highlight is capped at the underline,
    and highlighted words are always underlined. ``clip`` cuts highlighted long words to their
    conventional short form ("gov" of "government"), the only case where a highlight ends inside a word.
    Deterministic; spans are whole words (but for clips),
    highlight ⊆ underline. Raises :class:`MarkingError` for bad densities or absurdly long bodies.
    """
    _check_share("underline", underline)
    _check_share("highlight", highlight)
    ws = words(body)
    if len(ws) > MAX_WORDS:
        raise MarkingError(f"body has {len(ws)} words; at most {MAX_WORDS} can be marked")
    if not len(ws):
        return Marks()
    u_mask, h_mask = mark_words(load_scorer(), ws, tag, underline, highlight)
    spans = mask_to_spans(ws, h_mask)
    return Marks(underline=mask_to_spans(ws, u_mask), highlight=clip_spans(body, spans, ws.spans) if clip else spans)


def mark_words(
    scorer: Scorer, ws: Words, tag: str, underline: float | None = None, highlight: float | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Underline and highlight masks over ``ws`` from ``scorer`` (benchmarks compare scorers here).

    The highlight is decoded on its own and then underlined too, rather than searched for only
    inside the predicted underline, where it could never recover a phrase the underline missed.
    """
    u_scores = scorer.underline(ws, tag)
    u_mask = decode(u_scores, switch_costs(ws, *scorer.underline_switch), underline)
    h_scores = scorer.highlight(ws, tag, u_scores)
    h_switch = switch_costs(ws, *scorer.highlight_switch)
    if underline is None:
        h_mask = decode(h_scores, h_switch, highlight)
        return u_mask | h_mask, h_mask
    # An explicit underline density is honoured exactly: the highlight is sought inside it.
    if highlight is not None and u_mask.any():
        highlight = min(1.0, highlight * len(ws) / u_mask.sum())
    h_mask = decode(h_scores, h_switch, highlight, allowed=u_mask)
    return u_mask, h_mask & u_mask
