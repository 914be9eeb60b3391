"""Shared test helpers: where ../shared lives and a marker that skips when it is absent."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from cardsmith.errors import CardsmithError
from tests.pg import Server

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

needs_shared = pytest.mark.skipif(
    not (SHARED / "seeds").is_dir(), reason="../shared is absent (a user's clone): real data not available"
)


@pytest.fixture(scope="session")
def postgres() -> Iterator[Server]:
    """A PostgreSQL server for the whole session, in a temporary folder (run as an unprivileged user
    under root, see :mod:`cardsmith.library.pg_server`); skips only when the server cannot start."""
    folder = Path(tempfile.mkdtemp(prefix="cardsmith-pg-"))
    try:
        server = Server(folder)
    except (CardsmithError, OSError, subprocess.SubprocessError) as err:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip(f"PostgreSQL could not start: {err}")
    yield server
    server.stop()
    shutil.rmtree(folder, ignore_errors=True)
