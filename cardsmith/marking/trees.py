"""Boosted decision trees evaluated in numpy, so the shipped marker needs no tree library at run time.

The trees are trained by LightGBM (``training/train_marker.py``) and stored as flat node arrays in
the marker's .npz. All trees walk down together, one level a step, for every word at once (pairs that
reached a leaf drop out): a 700-word card through 200 trees costs about 20 milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass
class Trees:
    """A sum of regression trees over word features; leaves point to themselves and hold the value.

    ``feature[i] < 0`` marks node i as a leaf; a split sends ``x[feature] <= threshold`` left.
    """

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    roots: np.ndarray

    def logits(self, x: np.ndarray) -> np.ndarray:
        """The raw score (sum over trees) for each row of ``x``."""
        x = np.asarray(x, dtype=np.float64)
        n, n_trees = len(x), len(self.roots)
        node = np.tile(self.roots, n)
        row = np.repeat(np.arange(n), n_trees)
        # Only (word, tree) pairs still at a split move on: most paths end long before the deepest.
        active = np.flatnonzero(self.feature[node] >= 0)
        while active.size:
            at = node[active]
            go_left = x[row[active], self.feature[at]] <= self.threshold[at]
            node[active] = np.where(go_left, self.left[at], self.right[at])
            active = active[self.feature[node[active]] >= 0]
        return self.value[node].reshape(n, n_trees).sum(axis=1)

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        """The node arrays under ``prefix``-ed names, for one shared .npz file."""
        return {f"{prefix}.{k}": np.asarray(v) for k, v in vars(self).items()}

    @classmethod
    def from_arrays(cls, data: dict[str, np.ndarray], prefix: str) -> Trees:
        return cls(*(np.asarray(data[f"{prefix}.{k}"]) for k in cls.__dataclass_fields__))

    @classmethod
    def from_lightgbm(cls, dump: dict[str, Any]) -> Trees:
        """Flatten ``Booster.dump_model()`` (numeric ``<=`` splits only, as trained here)."""
        feature: list[int] = []
        threshold: list[float] = []
        left: list[int] = []
        right: list[int] = []
        value: list[float] = []

        def add(node: dict[str, Any]) -> int:
            """Append ``node``'s subtree; its index."""
            i = len(feature)
            feature.append(-1)
            threshold.append(0.0)
            left.append(i)
            right.append(i)
            value.append(float(node.get("leaf_value", 0.0)))
            if "split_feature" not in node:
                return i
            if node.get("decision_type", "<=") != "<=":
                raise ValueError(f"unsupported split {node.get('decision_type')!r}")
            feature[i], threshold[i] = int(node["split_feature"]), float(node["threshold"])
            left[i] = add(node["left_child"])
            right[i] = add(node["right_child"])
            return i

        roots = [add(tree["tree_structure"]) for tree in dump["tree_info"]]
        return cls(
            np.array(feature, dtype=np.int32), np.array(threshold, dtype=np.float64), np.array(left, dtype=np.int32),
            np.array(right, dtype=np.int32), np.array(value, dtype=np.float64), np.array(roots, dtype=np.int32),
        )  # fmt: skip
