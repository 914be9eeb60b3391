"""``cardsmith db start`` / ``stop``: a PostgreSQL server for a team library, from the team extra's wheel."""

from __future__ import annotations

from pathlib import Path

import click

from cardsmith.cli.common import FILE_PATH, Command

#: The database ``db start`` keeps the library in.
DATABASE = "cardsmith"

dir_option = click.option("--dir", "folder", type=FILE_PATH, required=True,
                          help="Folder of the server's data and log (created on first start).")


@click.group("db")
def db_group() -> None:
    """Run a PostgreSQL server on 127.0.0.1 for a library a team shares (--library URL)."""


@db_group.command("start", cls=Command)
@dir_option
@click.option("--port", type=click.IntRange(1, 65535), help="TCP port (default: a free one).")
def start_command(folder: Path, port: int | None) -> None:
    """Start the server (DIR is set up on first use); print the URL to pass as --library."""
    from cardsmith.library import pg_server

    server = pg_server.running_url(folder.resolve()) or pg_server.start(folder.resolve(), port)
    click.echo(pg_server.create_database(server, DATABASE))


@db_group.command("stop", cls=Command)
@dir_option
def stop_command(folder: Path) -> None:
    """Stop the server of DIR (open sessions are rolled back; committed work is kept)."""
    from cardsmith.library import pg_server

    pg_server.stop(folder.resolve())
    click.echo("stopped")


commands = [db_group]
