"""The Ray Data pipeline: list -> parse (tasks) -> embed (an actor pool) -> write (the driver).

Ray is imported only here, and only when an import asks for workers or a cluster: a small import
stays in one process with no Ray start-up cost.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from cardsmith.errors import CardsmithError
from cardsmith.ingest.inputs import Input, list_inputs
from cardsmith.ingest.parse import parse_rows
from cardsmith.ingest.vectors import Embedder
from cardsmith.ingest.writer import Totals, Writer

if TYPE_CHECKING:
    from cardsmith.library import Library

#: Files embedded in one actor call (one encoder call over all their cards).
FILES_PER_BATCH = 8
#: A parse task's share of a core; an embed actor takes the rest of one, so ``workers`` actors and
#: their parse tasks fit in ``workers`` cores (parsing a file costs a tenth of embedding it).
PARSE_CPUS = 0.25
EMBED_CPUS = 1 - PARSE_CPUS


@contextmanager
def ray_session(address: str | None, workers: int | None) -> Iterator[None]:
    """Ray for one import: the cluster at ``address`` ("auto": the one this machine belongs to), or a
    local one of ``workers`` cores (default: all), shut down afterwards. A Ray already started (tests)
    is used as is."""
    try:
        import ray
    except ImportError:
        raise CardsmithError("--workers and --ray-address need Ray: pip install 'cardsmith[cluster]'") from None
    if ray.is_initialized():
        yield
        return
    # Ray's C++ core logs notes about its own internals on the command's stderr: only fatal ones
    # (it says so in a line of its own while starting, which is dropped with the other start-up lines).
    os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "fatal")
    options = {"include_dashboard": False, "log_to_driver": False, "logging_level": logging.ERROR}
    try:
        with _stderr_dropped():
            ray.init(address=address or None, num_cpus=None if address else workers, **options)
    except (ConnectionError, RuntimeError, ValueError) as err:
        raise CardsmithError(f"cannot start Ray{f' at {address}' if address else ''}: {err}") from None
    try:
        yield
    finally:
        ray.shutdown()


@contextmanager
def _stderr_dropped() -> Iterator[None]:
    """File descriptor 2 to /dev/null for a while (C++ code writes there, past Python's sys.stderr);
    an error still reaches the user as the exception it raises."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def quiet_data_context() -> None:
    """Ray Data in input order, with no bars nor status lines: the command draws its own bar and
    reports each bad file."""
    import ray.data

    logging.getLogger("ray.data").setLevel(logging.ERROR)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.execution_options.preserve_order = True
    context.print_on_execution_start = False


def rows(inputs: list[Input], done: set[str], workers: int | None, model: str | None = None) -> Iterator[dict]:
    """The pipeline's rows, one per file, in input order (each a stored file's records, or why not);
    ``workers`` embedding actors (default: one per core of the cluster) embedding with the encoder
    of ``model`` (the library's; None: a new library's default)."""
    import ray
    import ray.data

    workers = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
    quiet_data_context()
    listed = [dataclasses.asdict(source) for source in inputs]
    dataset = (
        ray.data.from_items(listed, override_num_blocks=max(len(listed), 1))
        .flat_map(parse_rows, fn_kwargs={"done": done}, num_cpus=PARSE_CPUS)
        .map_batches(Embedder, batch_size=FILES_PER_BATCH, batch_format="pyarrow",
                     fn_constructor_kwargs={"model": model}, compute=ray.data.ActorPoolStrategy(size=workers),
                     num_cpus=EMBED_CPUS)
    )
    yield from dataset.iter_rows()


def import_paths(library: Library, paths: list[Path], *, workers: int | None, address: str | None,
                 report: Callable[[str], None], progress: bool = False) -> Totals:
    """Import the card files in ``paths`` (files, folders, .zip archives) into ``library`` through
    Ray; files the library already holds (same content) are skipped; each bad file is one ``report`` line."""
    inputs, errors = list_inputs(paths)
    for line in errors:
        report(line)
    writer = Writer(library, report)
    writer.totals.failed += len(errors)
    if not inputs:
        return writer.totals
    done = library.store.imported_files()
    total = None if any(source.is_archive for source in inputs) else len(inputs)
    with ray_session(address, workers):
        return writer.write_all(rows(inputs, done, workers, library.store.model_id), total=total, progress=progress)
