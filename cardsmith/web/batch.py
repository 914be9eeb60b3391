"""Searches waiting for a library handle are served together, by requests that hold one.

Under load most search requests would queue for one of a few library handles. Instead, at most one
request per handle acts as a *runner*: it holds a handle and serves the oldest waiting searches in
batches, so the library embeds their queries in one model call and scores them against the stored
vectors in one matrix product (:meth:`cardsmith.library.Library.prepare`), which is most of a
search's fixed cost. Each search is answered as soon as it is done; a runner whose own search is
answered passes the runner's role to the oldest waiting request. Results are exactly those of
one-by-one searches, served first come, first served.
"""

from __future__ import annotations

import contextlib
import threading
from collections import deque
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from cardsmith.library import Library

T = TypeVar("T")
R = TypeVar("R")

#: Most searches in one batch: bounds how long the last of them waits for the others.
MAX_BATCH = 3


@dataclass
class _Job(Generic[T, R]):
    item: T
    wake: threading.Event = field(default_factory=threading.Event)  # answered, or promoted
    done: threading.Event = field(default_factory=threading.Event)  # answered
    promoted: bool = False
    result: R | None = None
    error: BaseException | None = None


class Batches(Generic[T, R]):
    """Waiting jobs, and the runners (at most ``runners``, one per library handle) that serve them."""

    def __init__(self, runners: int = 2, max_batch: int = MAX_BATCH) -> None:
        self.runners = runners
        self.max_batch = max_batch
        self._pending: deque[_Job[T, R]] = deque()
        self._active = 0
        self._lock = threading.Lock()

    def run(
        self, item: T, borrow: Callable[[], AbstractContextManager[Library]],
        prepare: Callable[[Library, list[T]], None], work: Callable[[Library, T], R],
    ) -> R:  # fmt: skip
        """``work(lib, item)`` for this request, done by this or another request's thread.

        ``prepare`` is called once per batch of several jobs before ``work`` runs for each; an error
        in one job is raised in that job's request only.
        """
        job: _Job[T, R] = _Job(item)
        with self._lock:
            self._pending.append(job)
            lead = self._active < self.runners
            self._active += lead
        if not lead:
            job.wake.wait()  # answered, or promoted to runner
        if lead or job.promoted:
            self._serve_until_done(job, borrow, prepare, work)
        if job.error is not None:
            raise job.error
        return job.result  # type: ignore[return-value]

    def _serve_until_done(
        self, job: _Job[T, R], borrow: Callable[[], AbstractContextManager[Library]],
        prepare: Callable[[Library, list[T]], None], work: Callable[[Library, T], R],
    ) -> None:  # fmt: skip
        """Serve batches until ``job`` is answered, then hand the runner's role on (or retire)."""
        try:
            with borrow() as lib:
                while not job.done.is_set():
                    with self._lock:
                        n = min(self.max_batch, len(self._pending))
                        batch = [self._pending.popleft() for _ in range(n)]
                    if not batch:  # another runner is serving this job right now
                        job.done.wait()
                        break
                    self._serve(lib, batch, prepare, work)
        finally:
            with self._lock:
                if not job.done.is_set() and job in self._pending:
                    self._pending.remove(job)  # failed before it was served: nobody else may take it
                successor = next((j for j in self._pending if not j.promoted), None)
                if successor is not None:
                    successor.promoted = True
                    successor.wake.set()
                else:
                    self._active -= 1

    @staticmethod
    def _serve(
        lib: Library, batch: list[_Job[T, R]], prepare: Callable[[Library, list[T]], None],
        work: Callable[[Library, T], R],
    ) -> None:  # fmt: skip
        try:
            if len(batch) > 1:
                # Only a speed-up: should it fail, each job below meets the error itself.
                with contextlib.suppress(Exception):
                    prepare(lib, [j.item for j in batch])
            for job in batch:
                try:
                    job.result = work(lib, job.item)
                except Exception as exc:  # raised in the job's own request
                    job.error = exc
                _answer(job)
        finally:
            for job in batch:
                if not job.done.is_set():
                    job.error = RuntimeError("the search was interrupted")
                    _answer(job)


def _answer(job: _Job) -> None:
    job.done.set()
    job.wake.set()
