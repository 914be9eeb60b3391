"""What one app instance holds: its library path, settings, jobs, and a small pool of library handles.

A library handle keeps its search vectors in memory, so one per request thread would multiply that
memory by the thread pool's size; a pool of a few handles (one request at a time each) bounds memory
and still lets searches run in parallel. There is no global state: all of it hangs off the app.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import Request

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
    _idle: queue.LifoQueue = field(default_factory=queue.LifoQueue)
    _opened: list[Library] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @contextmanager
    def library(self) -> Iterator[Library]:
        """Borrow a library handle for one request (opened on first need, waits when all are busy)."""
        lib = self._borrow()
        try:
            yield lib
        finally:
            self._idle.put(lib)

    def _borrow(self) -> Library:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            fresh = len(self._opened) < self.pool_size
            if fresh:
                from cardsmith.library import Library

                lib = Library.open(self.library_path)
                self._opened.append(lib)
        return lib if fresh else self._idle.get()

    def close(self) -> None:
        """Close every handle (at shutdown)."""
        with self._lock:
            opened, self._opened = self._opened, []
        for lib in opened:
            lib.close()


async def state(request: Request) -> AppState:
    """FastAPI dependency: the app's state (async: a plain def would cost every request a thread hop)."""
    return request.app.state.cardsmith
