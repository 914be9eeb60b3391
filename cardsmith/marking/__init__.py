"""Underline, highlight and emphasise a card body the way a debater would.

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
from cardsmith.marking.density import style_index
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
    tag: str,
    body: str,
    *,
    underline: float | None = None,
    highlight: float | None = None,
    clip: bool = False,
    style: str | None = None,
) -> Marks:
    """Underline, highlight and emphasise ``body`` so that it proves ``tag``.

    ``underline`` / ``highlight`` are densities: the fraction of the body's words to mark
    (``None`` = the share the model predicts for this card in ``style``: "policy", "ld" or "pf",
    default policy); the highlight is capped at the underline, and highlighted words are always
    underlined; emphasis (Verbatim's bold underline on key words) lies inside the underline.
    ``clip`` cuts highlighted long words to their conventional short form ("gov" of "government"),
    the only case where a highlight ends inside a word. Deterministic; spans are whole words (but
    for clips). Raises :class:`MarkingError` for bad densities or styles, or absurdly long bodies.
    """
    _check_share("underline", underline)
    _check_share("highlight", highlight)
    try:
        style_index(style)
    except ValueError as err:
        raise MarkingError(str(err)) from None
    ws = words(body)
    if len(ws) > MAX_WORDS:
        raise MarkingError(f"body has {len(ws)} words; at most {MAX_WORDS} can be marked")
    if not len(ws):
        return Marks()
    u_mask, h_mask, e_mask = mark_words(load_scorer(), ws, tag, underline, highlight, style)
    spans = mask_to_spans(ws, h_mask)
    return Marks(
        underline=mask_to_spans(ws, u_mask),
        emphasis=mask_to_spans(ws, e_mask),
        highlight=clip_spans(body, spans, ws.spans) if clip else spans,
    )


def mark_words(
    scorer: Scorer,
    ws: Words,
    tag: str,
    underline: float | None = None,
    highlight: float | None = None,
    style: str | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Underline, highlight and emphasis masks over ``ws`` from ``scorer`` (benchmarks compare scorers here).

    The highlight is decoded on its own and then underlined too, rather than searched for only
    inside the predicted underline, where it could never recover a phrase the underline missed.
    Its runs never cut a negation, particle or number off its phrase (``strict`` switch costs).
    """
    u_scores = scorer.underline(ws, tag)
    explicit = underline is not None
    if underline is None:
        underline = scorer.share("underline", style, u_scores)
    u_mask = decode(u_scores, switch_costs(ws, *scorer.underline_switch), underline)
    h_scores = scorer.highlight(ws, tag, u_scores)
    h_switch = switch_costs(ws, *scorer.highlight_switch, strict=True)
    if highlight is None:
        highlight = scorer.share("highlight", style, h_scores)
    if not explicit:
        h_mask = decode(h_scores, h_switch, highlight)
        u_mask = u_mask | h_mask
    else:
        # An explicit underline density is honoured exactly: the highlight is sought inside it.
        if highlight is not None and u_mask.any():
            highlight = min(1.0, highlight * len(ws) / u_mask.sum())
        h_mask = decode(h_scores, h_switch, highlight, allowed=u_mask) & u_mask
    return u_mask, h_mask, _emphasis(scorer, ws, tag, h_scores, u_mask, style)


def _emphasis(
    scorer: Scorer, ws: Words, tag: str, h_scores: np.ndarray, u_mask: np.ndarray, style: str | None
) -> np.ndarray:
    """Emphasised words: the scorer's key words, inside the underline, at the share it predicts."""
    e_scores = scorer.emphasis(ws, tag, h_scores)
    share = None if e_scores is None else scorer.share("emphasis", style, e_scores)
    if e_scores is None or share is None or not u_mask.any():
        return np.zeros(len(ws), dtype=bool)
    share = min(1.0, share * len(ws) / u_mask.sum())
    return decode(e_scores, switch_costs(ws, 2.0, 0.5), share, allowed=u_mask) & u_mask
