"""The share models: fitted per style with shared slopes, and weighted so that no one file rules."""

from __future__ import annotations

import numpy as np

from cardsmith.marking.density import STYLES, card_features, file_weights, fit_share, predict_share


def test_fit_share_recovers_each_styles_share() -> None:
    rng = np.random.default_rng(0)
    scores = [rng.normal(size=rng.integers(100, 400)) for _ in range(60)]
    styles = np.arange(60) % len(STYLES)
    truth = np.array([0.40, 0.25, 0.10])[styles]
    feats = np.stack([card_features(z) for z in scores])
    coef = fit_share(feats, styles, truth, np.array([len(z) for z in scores], dtype=np.float64))
    for k, style in enumerate(STYLES):
        predicted = [predict_share(coef, style, z) for z, s in zip(scores, styles, strict=True) if s == k]
        assert abs(np.mean(predicted) - truth[styles == k][0]) < 0.02


def test_one_big_file_does_not_outweigh_the_others() -> None:
    lengths = np.array([1000] * 10 + [100] * 5 + [100] * 5 + [300, 300])
    files = ["big"] * 10 + ["a"] * 5 + ["b"] * 5 + ["", ""]  # the last two: DebateSum (no file)
    w = file_weights(lengths, files)
    big, small = w[:10].sum(), w[10:15].sum()
    assert big / small < 10_000 / 500  # less than by words alone (20 times)...
    assert big > small  # ...but a bigger file still counts more
    assert np.isclose(w[:20].sum(), lengths[:20].sum())  # Verbatim keeps its weight beside DebateSum
    assert list(w[20:]) == [300, 300]
    assert list(file_weights(np.array([5, 7]), ["", ""])) == [5, 7]
