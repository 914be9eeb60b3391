"""A fast stand-in encoder and small generated cards, so library tests never load the ONNX model."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np
import pytest

from cardsmith.library import Library
from cardsmith.model import Card
from tests.factories import card, make_cite


class HashEncoder:
    """Bag of hashed words -> unit vector: texts sharing words are similar, which is all tests need."""

    model_id = "test-hash"
    dim = 384

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                out[i, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-9)


TOPICS = {
    "sanctions": "Economic sanctions against the regime failed to change its behaviour. Exports rose anyway.",
    "warming": "Global warming raises sea levels and threatens coastal cities. Emissions must fall quickly.",
    "nuclear": "Nuclear deterrence prevents great power war. Arsenals make leaders cautious in a crisis.",
    "schools": "Standardised testing narrows the curriculum. Teachers spend weeks preparing for exams.",
    "trade": "Free trade agreements lower consumer prices. Tariffs hurt the very workers they protect.",
}


def make_card(topic: str, author: str = "Smith", year: int = 2020, tag: str = "") -> Card:
    body = TOPICS[topic]
    first = body.split(".")[0]
    cite = make_cite(author, year, f"{author}, Professor, {year}")
    return card(body, tag=tag, cite=cite, underline=[(0, len(first))])


@pytest.fixture
def lib(tmp_path):
    library = Library.open(tmp_path / "lib.sqlite", encoder=HashEncoder())
    yield library
    library.close()
