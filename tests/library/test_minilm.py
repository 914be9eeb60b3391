"""The real MiniLM encoder: checked weights, unit vectors, paraphrases close and unrelated text far."""

from __future__ import annotations

import numpy as np

from cardsmith.embed import DIM, default_encoder


def test_minilm_embeds_paraphrases_close_and_unrelated_far():
    vecs = default_encoder().encode([
        "Nuclear war would cause human extinction.",
        "A nuclear conflict could wipe out humanity.",
        "The recipe needs two cups of flour.",
        "word " * 600,  # longer than the model's window: truncated, not an error
    ])
    assert vecs.shape == (4, DIM)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    sims = vecs @ vecs.T
    assert sims[0, 1] > 0.7
    assert sims[0, 2] < 0.2
