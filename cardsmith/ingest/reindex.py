"""``cardsmith reindex``: every card's and passage's vectors made again by the current encoder.

The library records which encoder made its vectors and refuses to mix another's; after the
encoder changes, this re-embeds everything (through the library's own ``card_units`` /
``passage_units`` and ``embed_units``, as an import would), in one process or on Ray, and then
records the new encoder. Each chunk of items is replaced in one transaction: a killed re-index
leaves whole items, and a re-run redoes them all (the recorded encoder changes only at the end).
"""

from __future__ import annotations

import pickle
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cardsmith.errors import CardsmithError

if TYPE_CHECKING:
    import pyarrow as pa

    from cardsmith.embed import Encoder
    from cardsmith.library import Library
    from cardsmith.library.store import Key

#: Items re-embedded and replaced together (one encoder call, one transaction).
CHUNK = 64


@dataclass
class Reindexed:
    cards: int = 0
    passages: int = 0
    model: str | None = None
    previous: str | None = None
    wall_s: float = 0.0


def reembed(encoder: Encoder, chunk: bytes) -> bytes:
    """A pickled ``[(key, card or passage text)]`` chunk -> pickled ``[(key, vectors)]``."""
    from cardsmith.library import card_units, embed_units, passage_units

    items = pickle.loads(chunk)
    units = [card_units(item) if key[0] == "card" else passage_units(item) for key, item in items]
    return pickle.dumps([(key, vectors) for (key, _), vectors in zip(items, embed_units(encoder, units), strict=True)])


class Reembedder:
    """Ray Data ``map_batches`` class: one encoder per actor (see :class:`~cardsmith.ingest.vectors.Embedder`)."""

    def __init__(self) -> None:
        from cardsmith.ingest.vectors import Embedder

        self.encoder = Embedder().encoder

    def __call__(self, batch: pa.Table) -> pa.Table:
        import pyarrow as pa

        return pa.Table.from_pylist([{"chunk": reembed(self.encoder, row["chunk"]), "model": self.encoder.model_id}
                                     for row in batch.to_pylist()])


def chunks(library: Library) -> Iterator[bytes]:
    """Every card and passage, read from the library a chunk at a time, pickled for the workers."""
    owners = library.store.vector_owners()
    for start in range(0, len(owners), CHUNK):
        keys: list[Key] = owners[start : start + CHUNK]
        items = library.store.items(keys)
        yield pickle.dumps([(key, item.card if key[0] == "card" else item.text)
                            for key in keys if (item := items.get(key)) is not None])


def reindex(library: Library, *, workers: int | None = None, address: str | None = None,
            ray: bool = False) -> Reindexed:
    """Re-embed everything in ``library``: in this process, or on Ray when ``ray`` (``workers``
    actors, on the cluster at ``address`` or a local one)."""
    start = time.perf_counter()
    done = Reindexed(previous=library.store.model_id)
    if ray:
        from cardsmith.ingest.pipeline import ray_session

        with ray_session(address, workers):
            _write(library, _on_ray(list(chunks(library)), workers), done)
    else:
        encoder = library.default_encoder
        _write(library, ((reembed(encoder, chunk), encoder.model_id) for chunk in chunks(library)), done)
    if done.model is not None:
        library.store.set_model_id(done.model)
    done.wall_s = time.perf_counter() - start
    return done


def _on_ray(payloads: list[bytes], workers: int | None) -> Iterator[tuple[bytes, str]]:
    import ray
    import ray.data

    from cardsmith.ingest.pipeline import EMBED_CPUS, quiet_data_context

    quiet_data_context()
    workers = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
    dataset = ray.data.from_items([{"chunk": p} for p in payloads], override_num_blocks=max(len(payloads), 1))
    dataset = dataset.map_batches(Reembedder, batch_size=1, batch_format="pyarrow",
                                  compute=ray.data.ActorPoolStrategy(size=workers), num_cpus=EMBED_CPUS)
    for row in dataset.iter_rows():
        yield row["chunk"], row["model"]


def _write(library: Library, results: Iterator[tuple[bytes, str]], done: Reindexed) -> None:
    for chunk, model in results:
        if done.model not in (None, model):
            raise CardsmithError(f"workers embed with two encoders ({done.model}, {model})")
        done.model = model
        items = pickle.loads(chunk)
        library.store.replace_vectors(items)
        done.cards += sum(key[0] == "card" for key, _ in items)
        done.passages += sum(key[0] == "passage" for key, _ in items)
