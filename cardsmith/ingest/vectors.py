"""The embed stage: a Ray Data actor holding one encoder, turning parsed files into records with vectors.

It calls :func:`cardsmith.library.card_records` with the library's encoder, so a distributed import
makes exactly the records (dedupe keys, units, vectors) an in-process import makes, whatever the
encoder becomes. One call embeds a whole batch of files: fewer, fuller encoder batches.
"""

from __future__ import annotations

import os
import pickle
import time
from typing import TYPE_CHECKING

from cardsmith.ingest.parse import FAILED, PARSED

if TYPE_CHECKING:
    import pyarrow as pa

#: Threads per embedding actor: one actor per core.
THREADS = 1


class Embedder:
    """Ray Data ``map_batches`` class: one per actor, loading the encoder once.

    The actor's numeric thread pools (BLAS, OpenMP) are capped at :data:`THREADS`: actors sharing a
    machine must not each spread over every core.
    """

    def __init__(self, model: str | None = None) -> None:
        from threadpoolctl import threadpool_limits

        from cardsmith.embed import default_encoder, encoder_for

        os.environ["OMP_NUM_THREADS"] = str(THREADS)
        self._limits = threadpool_limits(THREADS)
        self.encoder = encoder_for(model) if model else default_encoder()

    def __call__(self, batch: pa.Table) -> pa.Table:
        import pyarrow as pa

        from cardsmith.library import card_records, dedupe_key
        from cardsmith.library.layout import split_file

        start = time.perf_counter()
        rows = batch.to_pylist()
        files = [split_file(pickle.loads(row["items"]), dedupe_key) if row["status"] == PARSED else ([], [])
                 for row in rows]
        try:
            # Across the batch, in input order: the first copy of a card gets vectors, as when the
            # files are added one after another (a later copy is a duplicate in the library either way).
            records = card_records([card for cards, _ in files for card in cards], self.encoder)
            per_file = _split(records, [len(cards) for cards, _ in files])
        except Exception:  # one file the encoder cannot take must not cost the others: file by file
            per_file = [self._one_file(cards, row) for (cards, _), row in zip(files, rows, strict=True)]
        spent = time.perf_counter() - start
        total = max(sum(len(cards) for cards, _ in files), 1)
        for (cards, layout), mine, row in zip(files, per_file, rows, strict=True):
            # The parsed items are in the records now: not carried further.
            row.update(items=b"", records=pickle.dumps((mine, layout)) if row["status"] == PARSED else b"",
                       cards=len(cards), embed_s=spent * len(cards) / total, model=self.encoder.model_id)
        return pa.Table.from_pylist(rows)

    def _one_file(self, cards: list, row: dict) -> list:
        """The file's records, or none and the row marked failed with the reason in one line."""
        from cardsmith.library import card_records

        try:
            return card_records(cards, self.encoder)
        except Exception as err:
            row.update(status=FAILED, message=f"{row['shown']}: unexpected error while embedding"
                                              f" ({type(err).__name__}: {err}); please report it")
            return []


def _split(records: list, sizes: list[int]) -> list[list]:
    """``records`` cut into consecutive runs of ``sizes``."""
    out, taken = [], 0
    for size in sizes:
        out.append(records[taken : taken + size])
        taken += size
    return out
