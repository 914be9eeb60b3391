"""The real encoders: checked weights, unit vectors, paraphrases close and unrelated text far."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from cardsmith.embed import DIM, MODEL_ID, default_encoder, encoder_for, minilm
from cardsmith.embed.static import StaticEncoder
from cardsmith.errors import CardsmithError

TEXTS = [
    "Nuclear war would cause human extinction.",
    "A nuclear conflict could wipe out humanity.",
    "The recipe needs two cups of flour.",
    "word " * 600,  # longer than MiniLM's window: truncated, not an error
    "?!",  # no word pieces at all
]


@pytest.mark.parametrize(("encoder", "close"), [(minilm, 0.7), (default_encoder, 0.3)], ids=["minilm", "static"])
def test_encoders_embed_paraphrases_close_and_unrelated_far(encoder, close):
    vecs = encoder().encode(TEXTS)
    assert vecs.shape == (len(TEXTS), DIM)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    sims = vecs @ vecs.T
    assert sims[0, 1] > close
    assert sims[0, 2] < 0.2


def test_a_library_keeps_the_encoder_of_its_vectors():
    assert encoder_for(MODEL_ID) is minilm()
    assert encoder_for(default_encoder().model_id) is default_encoder()
    with pytest.raises(CardsmithError, match="cardsmith reindex"):
        encoder_for("some-other-model")


def test_static_table_is_checked_before_use(tmp_path: Path, monkeypatch):
    import cardsmith.embed.static as static

    fake = tmp_path / "static.npz"
    fake.write_bytes(b"not the table")
    (tmp_path / "static.npz.sha256").write_text(static.model_sha256())
    monkeypatch.setattr(static, "MODEL", fake)
    with pytest.raises(CardsmithError, match="sha256 mismatch"):
        StaticEncoder()
