"""``cardsmith members`` / ``restore`` / ``purge`` / ``library copy|style``: running a library a team shares.

Members, restoring and purging exist on a team library (``--library postgresql://…``); a SQLite
file is one person's and answers them with a one-line error. ``library copy`` and ``library style``
work either way.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from cardsmith.cli.common import LIBRARY, Command, Failure, batch_exit, record_failure
from cardsmith.cli.library import existing_library, library_option, open_library
from cardsmith.cli.mark import STYLES

if TYPE_CHECKING:
    from cardsmith.library.postgres import PostgresStore

as_option = click.option("--as", "member", metavar="NAME",
                         help="Whom the history names for this (default: $CARDSMITH_AS, else your OS account).")


def _when(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%d %H:%M UTC")


@contextmanager
def team(location: Path | str | None, member: str | None = None) -> Iterator[PostgresStore]:
    """The team library's store for one command, its writes attributed to ``member`` when given."""
    from cardsmith.library import members

    with open_library(location) as lib, members.acting(member) if member else nullcontext():
        yield members.team_store(lib, location)


@click.group("members")
def members_group() -> None:
    """Who may use a team library served by `cardsmith serve`: editors change it, readers search it."""


@members_group.command("add", cls=Command)
@click.argument("name")
@click.option("--role", type=click.Choice(["editor", "reader"]), required=True,
              help="editor: may add, edit and delete cards; reader: may only search and read.")
@library_option
def members_add(name: str, role: str, library_path: Path | None) -> None:
    """Add member NAME and print their token, once: only its digest is kept, so keep it now."""
    from cardsmith.library import members

    with team(library_path) as store:
        token = members.add(store, name, role)
    click.echo(token)
    click.echo(f"{name.strip()} is an {role} now: give them this token (it is not shown again)", err=True)


@members_group.command("list", cls=Command)
@library_option
def members_list(library_path: Path | None) -> None:
    """The members: name, role, and since when."""
    from cardsmith.library import members

    with team(library_path) as store:
        found = members.members(store)
    for member in found:
        click.echo(f"{member.name}\t{member.role}\tsince {_when(member.added)}")
    if not found:
        click.echo("no members (add one with `cardsmith members add NAME --role editor`)", err=True)


@members_group.command("remove", cls=Command)
@click.argument("name")
@library_option
def members_remove(name: str, library_path: Path | None) -> None:
    """Take NAME's token away (what they wrote stays, and stays theirs in the history)."""
    from cardsmith.library import members

    with team(library_path) as store:
        if not members.remove(store, name):
            raise Failure(f"{name}: not a member")
    click.echo(f"removed {name}")


@click.command("restore", cls=Command)
@click.argument("ids", nargs=-1)
@library_option
@as_option
def restore_command(ids: tuple[str, ...], library_path: Path | None, member: str | None) -> None:
    """Bring back deleted cards IDS (c12 ...); without IDS, list the cards that can be restored."""
    from cardsmith.errors import CardsmithError
    from cardsmith.library import parse_id
    from cardsmith.library.postgres import KEEP_DELETED

    with team(library_path, member) as store:
        if not ids:
            for card_id, tag, deleted, by in store.deleted_cards():
                click.echo(f"c{card_id}\tdeleted {_when(deleted)} by {by or 'unknown'}"
                           f" (until {_when(deleted + KEEP_DELETED)})\t{tag}")
            return
        for item_id in ids:
            try:
                kind, number = parse_id(item_id)
            except CardsmithError as err:
                record_failure(str(err))
                continue
            if kind == "card" and store.restore(number):
                click.echo(f"c{number}: restored")
            else:
                record_failure(f"{item_id}: no deleted card with this id (never deleted, or purged)")
    batch_exit()


@click.command("purge", cls=Command)
@library_option
@click.option("--days", type=click.IntRange(0), default=30, show_default=True,
              help="Delete for good the cards deleted more than this many days ago.")
@as_option
def purge_command(library_path: Path | None, days: int, member: str | None) -> None:
    """Delete for good the cards deleted long enough ago (they cannot be restored afterwards)."""
    import time

    with team(library_path, member) as store:
        purged = store.purge(time.time() - days * 86400)
    click.echo(f"purged {purged} card{'s' * (purged != 1)} deleted more than {days} days ago")


@click.group("library")
def library_group() -> None:
    """Whole-library operations."""


@library_group.command("copy", cls=Command)
@click.argument("src", type=LIBRARY)
@click.argument("dst", type=LIBRARY)
@click.option("--sample", type=click.IntRange(0, 1000), default=20, show_default=True,
              help="Searches run on both libraries to check the copy.")
def copy_command(src: Path | str, dst: Path | str, sample: int) -> None:
    """Copy the library SRC into the new library DST (a file or postgresql:// URL each), vectors and
    all, then check it: counts, and SAMPLE searches that must find the same best hit. Exit 1 when
    the check fails."""
    from cardsmith.library.copy import copy_library

    with open_library(existing_library(src)) as source, open_library(dst) as target:  # type: ignore[arg-type]
        report = copy_library(source, target, sample)
    for line in report.lines():
        click.echo(line)
    if not report.ok:
        raise Failure(f"{dst}: the copy does not match {src} (see the check above)")


@library_group.command("style", cls=Command)
@click.argument("style", required=False, type=click.Choice(STYLES))
@click.option("--clear", is_flag=True, help="Forget the library's style (marking falls back to policy).")
@library_option
def style_command(style: str | None, clear: bool, library_path: Path | None) -> None:
    """Show the event the library's cards are cut for, or set it to STYLE: `cut` and `mark` with
    this library mark in its learned densities when no --style is given."""
    if style is not None and clear:
        raise click.UsageError("give a STYLE or --clear, not both")
    with open_library(library_path if style is not None else existing_library(library_path)) as lib:  # type: ignore[arg-type]
        if style is not None or clear:
            lib.set_style(style)
        click.echo(lib.style or "none (marking uses policy)")


commands = [members_group, restore_command, purge_command, library_group]
