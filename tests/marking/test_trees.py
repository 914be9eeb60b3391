"""The numpy evaluation of boosted trees dumped by LightGBM (a hand-written dump: no LightGBM needed)."""

import numpy as np
import pytest

from cardsmith.marking.trees import Trees


def _leaf(value: float) -> dict:
    return {"leaf_value": value}


def _split(feature: int, threshold: float, left: dict, right: dict) -> dict:
    return {"split_feature": feature, "threshold": threshold, "decision_type": "<=", "left_child": left,
            "right_child": right}  # fmt: skip


DUMP = {
    "tree_info": [
        # x0 <= 1 ? (x1 <= 0 ? -1 : 2) : 3   (uneven depth)
        {"tree_structure": _split(0, 1.0, _split(1, 0.0, _leaf(-1.0), _leaf(2.0)), _leaf(3.0))},
        {"tree_structure": _leaf(0.5)},  # a single leaf
        {"tree_structure": _split(1, 5.0, _leaf(10.0), _leaf(20.0))},
    ]
}


def reference(row: np.ndarray) -> float:
    first = (-1.0 if row[1] <= 0 else 2.0) if row[0] <= 1 else 3.0
    return first + 0.5 + (10.0 if row[1] <= 5 else 20.0)


def test_sum_of_trees_matches_a_direct_walk() -> None:
    trees = Trees.from_lightgbm(DUMP)
    x = np.array([[0.0, -1.0], [1.0, 0.0], [1.0, 0.5], [2.0, 9.0], [1.5, 5.0], [-3.0, 6.0]])
    assert trees.logits(x).tolist() == [reference(r) for r in x]


def test_arrays_round_trip() -> None:
    trees = Trees.from_lightgbm(DUMP)
    again = Trees.from_arrays(trees.arrays("t"), "t")
    x = np.random.default_rng(0).normal(size=(50, 2)) * 4
    assert np.array_equal(again.logits(x), trees.logits(x))


def test_no_rows_gives_no_scores() -> None:
    assert Trees.from_lightgbm(DUMP).logits(np.zeros((0, 2))).shape == (0,)


def test_categorical_splits_are_refused() -> None:
    dump = {"tree_info": [{"tree_structure": {**_split(0, 1.0, _leaf(0), _leaf(1)), "decision_type": "=="}}]}
    with pytest.raises(ValueError, match="unsupported split"):
        Trees.from_lightgbm(dump)
