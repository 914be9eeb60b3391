"""What one app instance holds: its library path, settings, jobs, and a small pool of library handles.

A library handle keeps its search vectors in memory, so one per request thread would multiply that
memory by the thread pool's size; a pool of a few handles (one request at a time each) bounds memory
and still lets searches run in parallel. There is no global state: all of it hangs off the app.

At shutdown a handle is closed only once it is back in the pool: a background import may still be
writing through it, and closing a SQLite connection under another thread's query can crash the process.
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

from cardsmith.errors import CardsmithError
from cardsmith.web.batch import Batches
from cardsmith.web.jobs import Jobs

if TYPE_CHECKING:
    from cardsmith.embed import Encoder
    from cardsmith.library import Library

#: Library handles per app: searches that may run at once.
POOL_SIZE = max(2, min(4, os.cpu_count() or 2))
#: Seconds shutdown waits for borrowed handles (an import finishing its current file) to come back.
CLOSE_WAIT = 30.0


@dataclass
class AppState:
    """Settings and shared services of one running app."""

    library_path: str | Path
    token: str | None
    max_upload: int
    #: The sentence encoder every library handle uses (None: the one its vectors came from, loaded on first need).
    encoder: Encoder | None = None
    jobs: Jobs = field(default_factory=Jobs)
    pool_size: int = POOL_SIZE
    _idle: list[Library] = field(default_factory=list)
    _waiting: deque[_Handoff] = field(default_factory=deque)
    _reserved: int = 0
    _closed: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)
    #: Search requests waiting for a handle, served in batches by one runner per handle.
    searches: Batches = field(init=False)
    #: Notified whenever a handle comes back to the idle list or a slot frees (close waits on it).
    _returned: threading.Condition = field(init=False)

    def __post_init__(self) -> None:
        self.searches = Batches(runners=self.pool_size)
        self._returned = threading.Condition(self._lock)

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
            if self._closed:
                raise CardsmithError("the server is shutting down")
            if self._idle:
                return self._idle.pop()
            full = self._reserved >= self.pool_size
            if full:
                handoff = _Handoff()
                self._waiting.append(handoff)
            else:
                self._reserved += 1  # counted now, opened outside the lock
        if full:
            # None: a handle failed to open, so its slot is free again (or the pool closed); try again.
            return handoff.wait() or self._borrow()
        from cardsmith.library import Library

        try:
            lib = Library.open(self.library_path, encoder=self.encoder)
        except BaseException:
            with self._lock:
                self._reserved -= 1
                if self._waiting:
                    self._waiting.popleft().give(None)
                self._returned.notify_all()
            raise
        return lib

    def _give_back(self, lib: Library) -> None:
        with self._lock:
            if self._waiting:
                self._waiting.popleft().give(lib)
            else:
                self._idle.append(lib)
                self._returned.notify_all()

    def close(self, wait: float = CLOSE_WAIT) -> None:
        """Refuse new borrowers and close every handle once it is back; one still busy after ``wait``
        seconds is left open (the process is ending anyway)."""
        with self._lock:
            self._closed = True
            while self._waiting:
                self._waiting.popleft().give(None)  # it retries, and is refused
            self._returned.wait_for(lambda: len(self._idle) == self._reserved, timeout=wait)
            idle, self._idle = self._idle, []
        for lib in idle:
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
