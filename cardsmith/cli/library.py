"""``cardsmith add`` / ``search`` / ``cards``: put sources in the library and find evidence for a claim."""

from __future__ import annotations

import errno
import json
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import click

from cardsmith.cli.common import batch_exit, fail, run_batch
from cardsmith.errors import CardsmithError
from cardsmith.library import Hit, Library

R = TypeVar("R")

library_option = click.option(
    "--library", "library_path", type=click.Path(path_type=Path), help="Library file (default: user data dir)."
)
#: OSError numbers that mean no more can be written (the disk, or the user's quota, is full).
_FULL_ERRNOS = frozenset(filter(None, (errno.ENOSPC, getattr(errno, "EDQUOT", None))))


class DiskFull(BaseException):
    """The library's disk is full. Not an Exception, so a batch's per-file catch lets it through:
    every later file would fail the same way, after the slow part (embedding)."""


def disk_full(err: BaseException | None) -> BaseException | None:
    """The OSError or SQLite error in ``err``'s chain saying that nothing more fits on the disk, if any:
    a full disk often makes the clean-up fail too (SQLite rolls back by itself, so the store's own
    ROLLBACK then fails), and that second error is the one raised."""
    while err is not None:
        if isinstance(err, OSError) and err.errno in _FULL_ERRNOS:
            return err
        if isinstance(err, sqlite3.Error) and getattr(err, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
            return err
        err = err.__context__
    return None


def write_or_stop(path: Path, write: Callable[[], R]) -> R:
    """Run the library write for input ``path``; a full disk raises :class:`DiskFull` to end the batch."""
    try:
        return write()
    except (OSError, sqlite3.Error) as err:
        full = disk_full(err)
        if full is None:
            raise
        reason = full.strerror if isinstance(full, OSError) and full.strerror else str(full)
        raise DiskFull(f"{path}: disk full ({reason}); stopped here, the files before it are stored") from err


@contextmanager
def open_library(path: Path | None) -> Iterator[Library]:
    """The library for one command, closed afterwards; a bad library file or a full disk is a
    one-line error (each file is its own transaction, so what was stored before stays)."""
    try:
        lib = Library.open(path)
    except CardsmithError as err:
        fail(str(err))
        raise SystemExit(1) from None
    try:
        yield lib
    except DiskFull as err:
        fail(str(err))
        raise SystemExit(1) from None
    finally:
        lib.close()


def hit_json(hit: Hit) -> dict:
    """A search result as JSON: id, kind, score, text, cite, tag, source."""
    return {"id": hit.id, "kind": hit.kind, "score": round(hit.score, 4), "tag": hit.tag, "cite": hit.cite,
            "text": hit.text, "source": hit.source}


def hit_text(rank: int, hit: Hit, width: int = 300) -> str:
    snippet = " ".join(hit.text.split())
    snippet = snippet[:width] + ("…" if len(snippet) > width else "")
    head = f"{rank}. [{hit.id}] {hit.score:.3f} {hit.tag}".rstrip()
    return f"{head}\n   {hit.cite}\n   {snippet}"


@click.command("add")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@library_option
def add_command(files: tuple[Path, ...], library_path: Path | None) -> None:
    """Add source FILES to the library, chunked into passages for search."""
    from cardsmith.sources import read_document

    with open_library(library_path) as lib:

        def add(path: Path) -> tuple[Path, int]:
            doc = read_document(path)
            return path, write_or_stop(path, lambda: lib.add_document(doc))

        for path, source_id in run_batch(list(files), add, "adding"):
            click.echo(f"{path}: source {source_id}")
    batch_exit()


@click.command("search")
@click.argument("query", required=False)
@click.option("--limit", "-k", default=10, show_default=True, type=click.IntRange(1, 1000))
@click.option("--author", help="Only items whose author matches (substring, any case).")
@click.option("--year", type=int, help="Only items from this year.")
@click.option("--kind", type=click.Choice(["card", "passage"]), help="Only cards or only passages.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per hit.")
@click.option("--batch", "batch", type=click.File("r"),
              help='JSON lines {"id","query"} from FILE or - (stdin); writes {"id","hits"} lines.')
@library_option
def search_command(query: str | None, limit: int, author: str | None, year: int | None, kind: str | None,
                   as_json: bool, batch: click.utils.LazyFile | None, library_path: Path | None) -> None:
    """Find the cards and passages that best support QUERY (a claim)."""
    if (query is None) == (batch is None):
        raise click.UsageError("give a QUERY or --batch FILE, not both")
    filters = {"limit": limit, "author": author, "year": year, "kind": kind}
    with open_library(library_path) as lib:
        if batch is None:
            hits = lib.search(query or "", **filters)  # type: ignore[arg-type]
            for rank, hit in enumerate(hits, 1):
                click.echo(json.dumps(hit_json(hit), ensure_ascii=False) if as_json else hit_text(rank, hit))
            if not hits and not as_json:
                click.echo("no matches", err=True)
            return
        _search_batch(lib, batch, filters)
    batch_exit()


def _search_batch(lib: Library, lines: click.utils.LazyFile, filters: dict) -> None:
    """Answer every JSON line; a malformed line is reported on stderr and answered with an error object."""
    failures = click.get_current_context().meta.setdefault("cardsmith.failures", [])
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            request = json.loads(line)
            query_id, query = request["id"], request["query"]
            if not isinstance(query, str):
                raise TypeError("query is not a string")
        except (ValueError, KeyError, TypeError) as err:
            message = f"line {number}: expected {{\"id\", \"query\"}} ({err})"
            failures.append(message)
            fail(message)
            click.echo(json.dumps({"id": None, "line": number, "error": message}))
            continue
        hits = lib.search(query, **filters)
        click.echo(json.dumps({"id": query_id, "hits": [hit_json(h) for h in hits]}, ensure_ascii=False))
        sys.stdout.flush()


@click.command("cards")
@click.argument("ids", nargs=-1)
@library_option
def cards_command(ids: tuple[str, ...], library_path: Path | None) -> None:
    """Show library totals, or the cards with IDS (c12 ...) as JSON with all their origins."""
    from cardsmith.model import to_dict

    with open_library(library_path) as lib:
        if not ids:
            for name, value in lib.stats().items():
                click.echo(f"{name}: {value}")
            return
        for card_id in ids:
            try:
                card = lib.get_card(card_id)
            except CardsmithError as err:
                card, message = None, str(err)
            else:
                message = f"{card_id}: no such card"
            if card is None:
                click.get_current_context().meta.setdefault("cardsmith.failures", []).append(message)
                fail(message)
                continue
            click.echo(json.dumps({**to_dict(card), "origins": lib.origins(card_id)}, ensure_ascii=False))
    batch_exit()


commands = [add_command, search_command, cards_command]
