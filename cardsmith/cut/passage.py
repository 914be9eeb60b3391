"""Choose the contiguous passage of a document that best supports a claim.

Debaters cut whole sentences, usually whole paragraphs, start where an argument starts and keep
the context that leads up to the warrant; they do not run a card across a section heading. So the
candidates are runs of whole sentences inside one section (headings, datelines and author notes
excluded), and each is scored by a small linear model (``passage_model.json``, trained by
``training/train_passage.py`` on real cards: a tag is the claim, its card's body the right answer)
over the lexical, dense (the tag->card embedding search shares) and boundary features of
:mod:`cardsmith.cut.spans`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from cardsmith.cut.spans import FEATURES, Sentences, candidates, features, paragraph_cosines, sentences
from cardsmith.embed import Encoder, default_encoder
from cardsmith.errors import CardsmithError
from cardsmith.model import MAX_CARD_WORDS, Document, Passage

_WORDS = re.compile(r"\S+")
#: How much an alternative passage may overlap a better one (shared / joint text).
MAX_OVERLAP = 0.5
MODEL = Path(__file__).with_name("passage_model.json")
#: Cues the training documents (cards one after another) cannot teach, with fixed weights (model
#: logits): articles have section headings, and a card that opens on "This means…" lacks its antecedent.
PRIORS = {"opens_section": 1.0, "starts_mid_thought": -1.0}
#: In an article with headings (the training documents have none) one argument runs through much of a
#: section: there the relevance a span gathers above the article's typical sentence counts this much more,
#: but only for a span that ends on a paragraph at least SECTION_END_SHARE as close to the claim (dense
#: cosine) as its section's best: past the card the section's argument runs on through paragraphs that
#: only touch the claim, and a gain in words alone carried the cut to the section's end.
#: (Both chosen on the training files' documents with their cards' lines kept, which have short unpunctuated lines.)
SECTIONED_GAIN = 0.7
SECTION_END_SHARE = 0.6
#: Where a card never starts or ends while the document offers another candidate: inside a numbered
#: list or after its lead-in (the card takes the lead-in and the items from 1), on a caption,
#: mid-sentence (a lower-case start inside a paragraph, or after text that ends without a full stop: a broken
#: line); on a lead-in, or before the next item of a list.
FORBIDDEN = ("starts_mid_list", "after_lead_in", "starts_caption", "starts_lower_case", "ends_on_lead_in",
             "list_continues")


@dataclass(frozen=True)
class PassageOptions:
    """Knobs for passage choice: ``min_words`` and ``max_words`` bound a card."""

    min_words: int = 25
    max_words: int = MAX_CARD_WORDS


@dataclass(frozen=True)
class _Model:
    """Standardised features -> a linear term plus a small tanh layer (interactions such as "a whole
    paragraph, and the most relevant one")."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    hidden: np.ndarray
    hidden_bias: np.ndarray
    out: np.ndarray

    def score(self, rows: np.ndarray) -> np.ndarray:
        z = (rows - self.mean) / self.scale
        return z @ self.weights + np.tanh(z @ self.hidden + self.hidden_bias) @ self.out


@lru_cache(maxsize=1)
def _model() -> _Model:
    try:
        data = json.loads(MODEL.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise CardsmithError(f"{MODEL}: passage model unreadable ({err}); run training/train_passage.py") from err
    if data.get("features") != list(FEATURES):
        raise CardsmithError(f"{MODEL}: trained on other features; run training/train_passage.py")
    parts = ("mean", "scale", "weights", "hidden", "hidden_bias", "out")
    return _Model(*(np.array(data[k], dtype=float) for k in parts))


def rank_passages(
    doc: Document,
    claim: str,
    *,
    limit: int = 5,
    encoder: Encoder | None = None,
    options: PassageOptions | None = None,
) -> list[Passage]:
    """The best passages for ``claim``, best first (``encoder``: the dense relevance model the scorer
    was trained with, by default the static embedding search uses). Alternatives do not overlap a better passage;
    when the document has too few such, one may overlap a better one by at most :data:`MAX_OVERLAP`
    (so a short article still offers a shorter or shifted next best)."""
    options = options or PassageOptions()
    sents = sentences(doc, _is_boundary_paragraph(doc))
    first, last = candidates(sents, options.min_words, options.max_words)
    if not len(first):
        return []
    par_cos = paragraph_cosines(claim, sents, encoder or default_encoder())
    rows = features(claim, sents, first, last, encoder=encoder, par_cos=par_cos)
    scores = _model().score(rows)
    scores += sum(weight * rows[:, FEATURES.index(name)] for name, weight in PRIORS.items())
    if sents.heading.any():
        ends_well = _ends_on_relevant(sents, last, par_cos)
        scores += SECTIONED_GAIN * rows[:, FEATURES.index("gain")] * ends_well
    forbidden = rows[:, [FEATURES.index(name) for name in FORBIDDEN]].any(axis=1)
    if not forbidden.all():
        scores[forbidden] = -np.inf
    order = np.lexsort((first, -scores))
    order = order[np.isfinite(scores[order])]
    chosen: list[Passage] = []
    for allowed in (0.0, MAX_OVERLAP):
        for k in order:
            if len(chosen) == limit:
                break
            passage = Passage(sents.spans[first[k]][0], sents.spans[last[k]][1], float(scores[k]))
            if all(_overlap(passage, c) <= allowed for c in chosen):
                chosen.append(passage)
    return sorted(chosen, key=lambda p: -p.score)


def _ends_on_relevant(sents: Sentences, last: np.ndarray, par_cos: np.ndarray) -> np.ndarray:
    """Whether each candidate's last paragraph is at least :data:`SECTION_END_SHARE` as close to the
    claim (``par_cos``: :func:`paragraph_cosines`) as the closest paragraph of its section."""
    cosine = par_cos[np.unique(sents.paragraph, return_inverse=True)[1]]
    best = np.zeros(sents.section.max() + 1)
    np.maximum.at(best, sents.section, cosine)
    return cosine[last] >= SECTION_END_SHARE * best[sents.section[last]]


def _overlap(a: Passage, b: Passage) -> float:
    """Shared text over joint text (Jaccard): a shorter cut inside a long one still counts as new."""
    shared = max(0, min(a.end, b.end) - max(a.start, b.start))
    return shared / (max(a.end, b.end) - min(a.start, b.start))


def _is_boundary_paragraph(doc: Document) -> Callable[[str], bool]:
    """What no card may include or run across: headings, and the author's bio or note lines."""
    bio = _squash(doc.metadata.qualifications or "")
    return lambda text: _is_heading(text) or _is_author_note(text, bio)


def _is_heading(text: str) -> bool:
    """Short, unpunctuated lines are headings; so are short Title-Case questions."""
    words = _WORDS.findall(text)
    if not 0 < len(words) <= 14:
        return False
    end = text.rstrip()[-1]
    if end == "?":
        return sum(w[0].isupper() for w in words) >= 0.6 * len(words)
    return end not in ".!:;,\"”'’)"


def _squash(text: str) -> str:
    return " ".join(text.lower().split())


def _is_author_note(text: str, bio: str) -> bool:
    """The author's bio or a "NOTE:" line about the author is front/back matter, not evidence:
    it goes in the cite, so a card neither includes it nor runs across it."""
    squashed = _squash(text)
    if squashed.startswith("note:"):
        return True
    return bool(bio) and len(squashed) > 20 and (squashed in bio or bio in squashed)
