"""A one-hidden-layer network in numpy: small enough to ship, fast enough for 700 words in ms."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Net:
    """Standardise features, ReLU hidden layer, one logit per word."""

    mean: np.ndarray
    scale: np.ndarray
    w1: np.ndarray
    b1: np.ndarray
    w2: np.ndarray
    b2: np.ndarray

    def hidden(self, x: np.ndarray) -> np.ndarray:
        return np.maximum(0.0, ((x - self.mean) / self.scale) @ self.w1 + self.b1)

    def logits(self, x: np.ndarray) -> np.ndarray:
        return self.hidden(x) @ self.w2 + self.b2

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        """The weights under ``prefix``-ed names, for one shared .npz file."""
        return {f"{prefix}.{k}": np.asarray(v, dtype=np.float32) for k, v in vars(self).items()}

    @classmethod
    def from_arrays(cls, data: dict[str, np.ndarray], prefix: str) -> Net:
        return cls(*(np.asarray(data[f"{prefix}.{k}"], dtype=np.float64) for k in cls.__dataclass_fields__))
