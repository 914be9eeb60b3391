"""What only the PostgreSQL backend has: its numbered SQL migrations and its server in a folder."""

from __future__ import annotations

import os
import pwd

import psycopg
import pytest

from cardsmith.errors import CardsmithError
from cardsmith.library import pg_server
from cardsmith.library.postgres import PostgresStore, migrations


def test_migrations_are_applied_once_in_order_and_recorded(postgres, tmp_path) -> None:
    url = postgres.database(tmp_path)
    PostgresStore(url).close()
    PostgresStore(url).close()  # a second open applies nothing
    with psycopg.connect(url) as conn:
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY version")]
    assert versions == [v for v, _ in migrations()] and versions[0] == 1


def test_a_database_newer_than_this_cardsmith_is_refused(postgres, tmp_path) -> None:
    url = postgres.database(tmp_path)
    PostgresStore(url).close()
    with psycopg.connect(url) as conn:
        conn.execute("INSERT INTO schema_version (version) VALUES (999)")
    with pytest.raises(CardsmithError, match="newer than this cardsmith"):
        PostgresStore(url)


def test_an_unreachable_server_is_a_clear_error_without_the_password() -> None:
    with pytest.raises(CardsmithError, match=r"postgresql://team:\*\*\*@127\.0\.0\.1:1/lib: cannot open") as err:
        PostgresStore("postgresql://team:secret@127.0.0.1:1/lib")
    assert "secret" not in str(err.value)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root hands the server to another account")
def test_under_root_the_server_runs_as_an_unprivileged_account(postgres) -> None:
    with psycopg.connect(postgres.url) as conn:
        data = conn.execute("SHOW data_directory").fetchone()[0]
    assert os.stat(data).st_uid == pwd.getpwnam(pg_server.SYSTEM_USER).pw_uid != 0
