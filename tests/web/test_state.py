"""The library handle pool: bounded, first come first served, and never stuck after a failed open."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from cardsmith.errors import CardsmithError
from cardsmith.library import Library
from cardsmith.web.state import AppState


def _state(path: Path, size: int) -> AppState:
    return AppState(library_path=path, token=None, max_upload=1 << 20, pool_size=size)


def test_waiters_get_handles_in_arrival_order(tmp_path: Path) -> None:
    app = _state(tmp_path / "lib.sqlite", 1)
    order: list[int] = []

    def request(i: int) -> None:
        with app.library():
            order.append(i)

    with app.library():
        threads = []
        for i in range(4):
            t = threading.Thread(target=request, args=(i,))
            t.start()
            threads.append(t)
            while len(app._waiting) <= i:  # each waits before the next arrives
                time.sleep(0.001)
    for t in threads:
        t.join(5)
    assert order == [0, 1, 2, 3]
    assert app._reserved == 1
    app.close()


def test_a_failed_open_frees_its_slot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = _state(tmp_path / "lib.sqlite", 1)
    real_open = Library.open
    calls = iter([RuntimeError("disk gone")])

    def flaky(path: Path, **options: object) -> Library:
        err = next(calls, None)
        if err:
            raise err
        return real_open(path, **options)

    monkeypatch.setattr(Library, "open", staticmethod(flaky))
    with pytest.raises(RuntimeError), app.library():
        pass
    with app.library() as lib:
        assert lib.stats() is not None
    app.close()


def test_close_waits_for_borrowed_handles_and_refuses_new_borrowers(tmp_path: Path) -> None:
    """A background import may still write through a handle: closing it under that thread's query
    could crash the process, so shutdown closes it only once it is back."""
    app = _state(tmp_path / "lib.sqlite", 2)
    closer = threading.Thread(target=app.close)
    with app.library() as busy:
        closer.start()
        while not app._closed:
            time.sleep(0.001)
        assert busy.stats()["cards"] == 0  # still open while borrowed
        with pytest.raises(CardsmithError, match="shutting down"), app.library():
            pass
    closer.join(5)
    assert not closer.is_alive()
    with pytest.raises(sqlite3.ProgrammingError):
        busy.stats()


def test_close_gives_up_on_a_handle_that_stays_busy(tmp_path: Path) -> None:
    app = _state(tmp_path / "lib.sqlite", 1)
    with app.library() as busy:
        app.close(wait=0)
        assert busy.stats()["cards"] == 0  # left open: the process is ending anyway
