"""Verify a card against its source: where it was cut from, what differs, what was cut around it.

``verify(card, sources)`` is the one entry point. Pipeline (pure functions, one module each):
:mod:`normalize` folds cosmetic differences into comparable words, :mod:`locate` finds the source and
region by shingle anchors, :mod:`align` aligns word by word, :mod:`classify` names each difference,
:mod:`context` reads the sentences around the excerpt and :mod:`citecheck` checks the cite. Cards
and sources come from strangers, so every step stays near-linear in their length (:mod:`diff` for
the alignment, :mod:`spans` for the lookups), whatever a crafted file holds.

Verdicts: ``verbatim`` (identical up to whitespace), ``cosmetic`` (no altering difference: only
quotes, dashes, ligatures, punctuation, hyphenation, or ``junk`` debris such as footnotes and download
stamps, which are still listed so the debater can clean them), ``altered`` (any added, deleted,
changed, number_changed, reordered, ellipsis or bracket difference) and ``not_found`` (no source holds
at least :data:`FOUND_MIN` of the card's words in order).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from cardsmith.errors import CardsmithError
from cardsmith.model import Card, Document, SourceRef
from cardsmith.verify.align import Op, align
from cardsmith.verify.citecheck import cite_missing
from cardsmith.verify.classify import ALTERING, Difference, Side, classify
from cardsmith.verify.context import Context, context, sentences
from cardsmith.verify.junk import footnote_paragraphs, stamp_spans
from cardsmith.verify.locate import locate
from cardsmith.verify.normalize import squash, tokenize
from cardsmith.verify.spans import Spans

#: Share of the card's (non-debris) words that must align with a source for it to count as found.
FOUND_MIN = 0.3
VERDICTS = ("verbatim", "cosmetic", "altered", "not_found")


@dataclass
class Verification:
    """The outcome of :func:`verify`; :meth:`to_dict` is the ``--format json`` shape."""

    verdict: str
    source: SourceRef = field(default_factory=SourceRef)
    fidelity: float = 0.0
    differences: list[Difference] = field(default_factory=list)
    context: Context = field(default_factory=Context)
    cite_missing: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        diffs = [{k: v for k, v in asdict(d).items() if k != "words"} for d in self.differences]
        return {
            "verdict": self.verdict,
            "source": asdict(self.source),
            "fidelity": self.fidelity,
            "differences": diffs,
            "context": asdict(self.context),
            "cite_missing": self.cite_missing,
        }


def _paragraphs(doc: Document) -> list[tuple[int, int]]:
    """The document's paragraphs, or its lines when the reader gave none."""
    if doc.paragraphs:
        return list(doc.paragraphs)
    spans, start = [], 0
    for line in doc.text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def verify(card: Card, sources: list[Document]) -> Verification:
    """Check ``card`` against ``sources`` (the best-matching one is taken as its source).

    No sources at all (an empty library search) is simply ``not_found``.
    """
    card_tokens = tokenize(card.body)
    if not card_tokens:
        raise CardsmithError("card has no body text to verify")
    missing = cite_missing(card.cite)
    doc_tokens = [tokenize(doc.text) for doc in sources]
    where = locate(card_tokens, doc_tokens)
    if where is None:
        return Verification("not_found", cite_missing=missing)
    doc, tokens = sources[where.doc], doc_tokens[where.doc]
    ops = align(card_tokens, tokens, where.lo, where.hi)
    debris = footnote_paragraphs(doc.text, _paragraphs(doc)) + stamp_spans(doc.text)
    card_side, source_side = Side(card.body, card_tokens), Side(doc.text, tokens)
    diffs = classify(ops, card_side, source_side, debris)
    matched, card_words, source_words = _counts(ops, card_side, source_side, diffs, debris)
    if matched < FOUND_MIN * max(card_words, 1):
        return Verification("not_found", cite_missing=missing)
    covered = [o for o in ops if o.s1 > o.s0]
    start, end = _edges(card.body, doc.text, tokens[covered[0].s0].start, tokens[covered[-1].s1 - 1].end)
    fidelity = round(2 * matched / max(card_words + source_words, 1), 4)
    if any(d.kind in ALTERING for d in diffs):
        verdict = "altered"
    elif diffs or squash(card.body) != squash(doc.text[start:end]):
        verdict = "cosmetic"
    else:
        verdict = "verbatim"
    card_sentences = sentences(card.body)
    last = card.body[card_sentences[-1][0] : card_sentences[-1][1]] if card_sentences else ""
    return Verification(
        verdict,
        SourceRef(doc.path, start, end),
        fidelity,
        diffs,
        context(doc.text, start, end, last, debris),
        cite_missing(card.cite, doc),
    )


_OPENING = "\"'“‘([«"
_CLOSING = ".!?…;:\"'”’)]»"


def _edges(body: str, text: str, start: int, end: int) -> tuple[int, int]:
    """Widen the source span over the quotes and final punctuation the card also carries."""
    if body.strip() and body.strip()[0] in _OPENING:
        while start > 0 and text[start - 1] in _OPENING:
            start -= 1
    if body.strip() and body.strip()[-1] in _CLOSING:
        while end < len(text) and text[end] in _CLOSING:
            end += 1
    return start, end


def _counts(
    ops: list[Op], card: Side, source: Side, diffs: list[Difference], debris: list[tuple[int, int]]
) -> tuple[int, int, int]:
    """Matched words, card words and source-span words, leaving out debris on either side."""
    junk = Spans((d.card_start, d.card_end) for d in diffs if d.kind == "junk")
    card_junk = {i for i, t in enumerate(card.tokens) if t.start in junk}
    covered = [o for o in ops if o.s1 > o.s0]
    lo, hi = (covered[0].s0, covered[-1].s1) if covered else (0, 0)
    source_debris = Spans(debris)
    source_words = sum(1 for t in source.tokens[lo:hi] if t.start not in source_debris)
    matched = sum(1 for o in ops if o.tag == "equal" for i in range(o.c0, o.c1) if i not in card_junk)
    return matched, len(card.tokens) - len(card_junk), source_words
