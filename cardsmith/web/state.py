"""What one app instance holds: its library path, settings, jobs, and a small pool of library handles.

A library handle keeps its search vectors in memory, so one per request thread would multiply that
memory by the thread pool's size; a pool of a few handles (one request at a time each) bounds memory
and still lets searches run in parallel. There is no global state: all of it hangs off the app.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import Request

from cardsmith.web.batch import Batches
from cardsmith.web.jobs import Jobs

if TYPE_CHECKING:
    from cardsmith.library import Library

#: Library handles per app: searches that may run at once.
POOL_SIZE = max(2, min(4, os.cpu_count() or 2))


@dataclass
class AppState:
    """Settings and shared services of one running app."""

    library_path: Path
    token: str | None
    max_upload: int
    jobs: Jobs = field(default_factory=Jobs)
    pool_size: int = POOL_SIZE
    _idle: list[Library] = field(default_factory=list)
    _waiting: deque[_Handoff] = field(default_factory=deque)
    _opened: list[Library] = field(default_factory=list)
    _reserved: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    #: Search requests waiting for a handle, served in batches by one runner per handle.
    searches: Batches = field(init=False)

    def __post_init__(self) -> None:
        self.searches = Batches(runners=self.pool_size)

    @contextmanager
    def library(self) -> Iterator[Library]:
        """Borrow a library handle for one request (opened on first need, waits when all are busy)."""
        lib = self._borrow()
        try:
            yield lib
        finally:
            self._give_back(lib)

    def _borrow(self) -> Library:
        """A free handle, a new one while the pool is not full, else the next one returned.

        Waiters are served first come, first served: a returned handle goes straight to the oldest
        waiter, so a request arriving later never overtakes one already queued (under load that
        overtaking, not the work itself, is what stretches the slowest requests).
        """
        with self._lock:
            if self._idle:
                return self._idle.pop()
            full = self._reserved >= self.pool_size
            if full:
                handoff = _Handoff()
                self._waiting.append(handoff)
            else:
                self._reserved += 1  # counted now, opened outside the lock
        if full:
            # None: a handle failed to open, so its slot is free again; try for it.
            return handoff.wait() or self._borrow()
        from cardsmith.library import Library

        try:
            lib = Library.open(self.library_path)
        except BaseException:
            with self._lock:
                self._reserved -= 1
                if self._waiting:
                    self._waiting.popleft().give(None)
            raise
        with self._lock:
            self._opened.append(lib)
        return lib

    def _give_back(self, lib: Library) -> None:
        with self._lock:
            if self._waiting:
                self._waiting.popleft().give(lib)
            else:
                self._idle.append(lib)

    def close(self) -> None:
        """Close every handle (at shutdown)."""
        with self._lock:
            opened, self._opened = self._opened, []
        for lib in opened:
            lib.close()


class _Handoff:
    """One waiting request: the handle another request passes to it."""

    def __init__(self) -> None:
        self._ready = threading.Event()
        self._lib: Library | None = None

    def give(self, lib: Library | None) -> None:
        self._lib = lib
        self._ready.set()

    def wait(self) -> Library | None:
        self._ready.wait()
        return self._lib


async def state(request: Request) -> AppState:
    """FastAPI dependency: the app's state (async: a plain def would cost every request a thread hop)."""
    return request.app.state.cardsmith
