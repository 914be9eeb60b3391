"""A hashed sparse logistic model over words in context: which words debaters mark, and near what.

Each word is described by a fixed number of hashed ids (its stem, its neighbours, the bigrams it is
in, whether it is in the tag); its score is the sum of the weights of those ids. The score and its
phrase / sentence averages then feed the network in :mod:`cardsmith.marking.features`.
"""

from __future__ import annotations

import zlib

import numpy as np

from cardsmith.marking.text import Words, content_stems, is_number

#: Size of the hashed weight table.
LEX_BUCKETS = 1 << 18


def _h(key: str) -> int:
    return zlib.crc32(key.encode("utf-8")) % LEX_BUCKETS


def lexical_ids(ws: Words, tag: str) -> np.ndarray:
    """A (words × 10) array of hashed feature ids for the sparse model."""
    tag_stems = content_stems(tag)
    pad = ["<s>", "<s>"] + ws.stems + ["</s>", "</s>"]
    rows = []
    for i, st in enumerate(ws.stems):
        p2, p1, n1, n2 = pad[i], pad[i + 1], pad[i + 3], pad[i + 4]
        shape = "num" if is_number(st) else ("cap" if ws.body[ws.spans[i][0]].isupper() else "low")
        in_tag = "T" if st in tag_stems else "F"
        brk = "B" if ws.breaks_after[i] else "-"
        prev_brk = "B" if i and ws.breaks_after[i - 1] else "-"
        rows.append([_h(f"w={st}"), _h(f"p1={p1}"), _h(f"n1={n1}"), _h(f"p2={p2}"), _h(f"n2={n2}"),
                     _h(f"b={p1}_{st}"), _h(f"b+={st}_{n1}"), _h(f"t={in_tag}{st}"),
                     _h(f"s={shape}{in_tag}{brk}{prev_brk}"), _h(f"tp={in_tag}{p1}")])  # fmt: skip
    return np.array(rows, dtype=np.int64).reshape(len(ws), 10)


def lexical_scores(ids: np.ndarray, table: np.ndarray) -> np.ndarray:
    return table[ids].astype(np.float64).sum(axis=1)
