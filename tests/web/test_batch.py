"""Search batches: every request gets its own answer, in arrival order, errors stay with their request."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from contextlib import contextmanager

import pytest

from cardsmith.web.batch import Batches


@contextmanager
def _handle():
    yield "lib"


def _queued_behind_first(batches: Batches, n: int, work: Callable[[str, int], object]) -> tuple[dict, list[list[int]]]:
    """Requests 0..n-1: request 0's work is held until the others have queued behind it, in order."""
    started, release = threading.Event(), threading.Event()
    answers: dict[int, object] = {}
    prepared: list[list[int]] = []

    def held(lib: str, item: int) -> object:
        if item == 0:
            started.set()
            release.wait(5)
        return work(lib, item)

    def request(i: int) -> None:
        try:
            answers[i] = batches.run(i, _handle, lambda _lib, batch: prepared.append(batch), held)
        except Exception as exc:  # noqa: BLE001 - the test looks at it
            answers[i] = exc

    threads = [threading.Thread(target=request, args=(i,)) for i in range(n)]
    threads[0].start()
    started.wait(5)
    for i, t in enumerate(threads[1:], 1):
        t.start()
        while len(batches._pending) < i:
            time.sleep(0.001)
    release.set()
    for t in threads:
        t.join(5)
    return answers, prepared


def test_waiting_requests_are_batched_in_order_and_answered_each() -> None:
    batches: Batches = Batches(runners=1, max_batch=3)
    answers, prepared = _queued_behind_first(batches, 6, lambda _lib, i: i * 10)
    assert answers == {i: i * 10 for i in range(6)}
    assert prepared == [[1, 2, 3], [4, 5]]
    assert batches._active == 0 and not batches._pending


def test_an_error_stays_with_its_request() -> None:
    def work(lib: str, item: int) -> int:
        if item == 2:
            raise ValueError("bad query")
        return item

    batches: Batches = Batches(runners=1)
    answers, _ = _queued_behind_first(batches, 4, work)
    assert isinstance(answers[2], ValueError)
    assert {i: answers[i] for i in (0, 1, 3)} == {0: 0, 1: 1, 3: 3}
    assert batches._active == 0 and not batches._pending


def test_a_failed_handle_does_not_strand_the_queue() -> None:
    batches: Batches = Batches(runners=1)

    @contextmanager
    def broken():
        raise OSError("library gone")
        yield  # pragma: no cover

    with pytest.raises(OSError):
        batches.run(1, broken, lambda _lib, _batch: None, lambda _lib, i: i)
    assert batches._active == 0 and not batches._pending
    assert batches.run(2, _handle, lambda _lib, _batch: None, lambda _lib, i: i) == 2
