"""The human-readable verification report: verdict first, then what a judge would ask about."""

from __future__ import annotations

from cardsmith.verify import Verification

_VERDICTS = {
    "verbatim": "VERBATIM: the card matches its source word for word",
    "cosmetic": "COSMETIC differences only: the author's words are intact",
    "altered": "ALTERED: the card's words differ from its source",
    "not_found": "SOURCE NOT FOUND: no source given holds this card",
}
#: Longest quote shown per difference; longer ones keep their head and tail.
QUOTE_MAX = 160


def _quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > QUOTE_MAX:
        half = QUOTE_MAX // 2 - 2
        text = f"{text[:half]} … {text[-half:]}"
    return f"“{text}”"


def render_text(result: Verification) -> str:
    """A plain-text report, one fact per line."""
    lines = [_VERDICTS[result.verdict]]
    if result.verdict == "not_found":
        if result.cite_missing:
            lines.append(f"Cite lacks: {', '.join(result.cite_missing)}")
        return "\n".join(lines)
    src = result.source
    lines.append(f"Source: {src.path} [{src.start}:{src.end}]  fidelity {result.fidelity:.3f}")
    lines.append(f"Differences: {len(result.differences) or 'none'}")
    for d in result.differences:
        card = _quote(d.card_text) if d.card_text else "(nothing)"
        lines.append(f"  {d.kind:<14} card {d.card_start}-{d.card_end}: {card}")
        if d.source_text and d.kind != "junk":
            lines.append(f"  {'':<14} source has: {_quote(d.source_text)}")
    ctx = result.context
    if ctx.before:
        lines.append(f"Before: {_quote(ctx.before)}")
    if ctx.after:
        lines.append(f"After:  {_quote(ctx.after)}")
    for flag in ctx.flags:
        lines.append(f"  ! the text {flag['where']} the card {flag['kind']} it ({flag['cue']})")
    lines.append(f"Cite lacks: {', '.join(result.cite_missing)}" if result.cite_missing else "Cite: complete")
    return "\n".join(lines)
