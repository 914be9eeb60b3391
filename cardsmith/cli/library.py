"""``cardsmith add`` / ``search`` / ``cards``: put sources in the library and find evidence for a claim."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING

import click

from cardsmith.cli.common import (
    LIBRARY,
    PROGRESS_MIN,
    SOURCE,
    Command,
    batch_exit,
    input_lines,
    record_failure,
    run_batch,
    wants_progress,
)
from cardsmith.errors import CardsmithError, SourceError
from cardsmith.jsonin import parse_json

if TYPE_CHECKING:
    from cardsmith.library import Hit, Library

library_option = click.option(
    "--library", "library_path", type=LIBRARY,
    help="Library file or postgresql:// URL (default: user data dir).",
)


def cluster_options(command: Callable) -> Callable:
    """``--workers N`` and ``--ray-address ADDR``: run a command's pipeline on Ray (the cluster extra)."""
    command = click.option("--ray-address", metavar="ADDR",
                           help="Run on the Ray cluster at ADDR (auto: the one this machine is in).")(command)
    return click.option("--workers", type=click.IntRange(1, 4096), metavar="N",
                        help="Run on a local Ray of N cores (with --ray-address: N embedding actors).")(command)


@contextmanager
def open_library(path: Path | None) -> Iterator[Library]:
    """The library for one command, closed afterwards (a bad library file raises CardsmithError)."""
    from cardsmith.library import Library

    lib = Library.open(path)
    try:
        yield lib
    finally:
        lib.close()


def existing_library(path: Path | str | None, hint: str = "") -> Path | str:
    """Where the library a command only reads is (the user data dir's when ``path`` is not given); a
    library file that is not there is an error naming it, so a mistyped path creates nothing."""
    from cardsmith.library import default_path, is_url

    location = path if path not in (None, "", Path()) else default_path()
    if not is_url(location) and not Path(location).is_file():
        raise SourceError(location, "no library here" + (f" ({hint})" if hint else ""))
    return location  # type: ignore[return-value]


def library_style(style: str | None, library_path: Path | None, opened: Library | None = None) -> str | None:
    """The style to mark in: ``--style`` when given, else the one the ``--library`` given remembers
    (``cardsmith library style``; read from ``opened`` when the command has it open already); None:
    the marker's default."""
    if style is not None:
        return style
    if opened is not None:
        return opened.style
    if library_path is None:
        return None
    with open_library(existing_library(library_path)) as lib:  # type: ignore[arg-type]
        return lib.style


def hit_json(hit: Hit) -> dict:
    """A search result as JSON: id, kind, score, text, cite, tag, source."""
    return {"id": hit.id, "kind": hit.kind, "score": round(hit.score, 4), "tag": hit.tag, "cite": hit.cite,
            "text": hit.text, "source": hit.source}


def hit_text(rank: int, hit: Hit, width: int = 300) -> str:
    snippet = " ".join(hit.text.split())
    snippet = snippet[:width] + ("…" if len(snippet) > width else "")
    head = f"{rank}. [{hit.id}] {hit.score:.3f} {hit.tag}".rstrip()
    return f"{head}\n   {hit.cite}\n   {snippet}"


@click.command("add", cls=Command)
@click.argument("sources", nargs=-1, required=True, type=SOURCE)
@library_option
def add_command(sources: tuple[Path | str, ...], library_path: Path | None) -> None:
    """Add SOURCES (files or http(s) URLs) to the library, chunked into passages for search."""
    from cardsmith.sources import read_document

    with open_library(library_path) as lib:
        for path, source_id in run_batch(list(sources), lambda p: (p, lib.add_document(read_document(p))), "adding"):
            click.echo(f"{path}: source {source_id}")
    batch_exit()


@click.command("search", cls=Command)
@click.argument("query", required=False)
@click.option("--limit", "-k", default=10, show_default=True, type=click.IntRange(1, 1000), help="Most hits to show.")
@click.option("--author", help="Only items whose author matches (substring, any case).")
@click.option("--year", type=int, help="Only items from this year.")
@click.option("--kind", type=click.Choice(["card", "passage"]), help="Only cards or only passages.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per hit.")
@click.option("--batch", "batch", type=click.File("rb"),
              help='JSON lines {"id","query"} from FILE or - (stdin); writes {"id","hits"} lines.')
@library_option
def search_command(query: str | None, limit: int, author: str | None, year: int | None, kind: str | None,
                   as_json: bool, batch: IO[bytes] | None, library_path: Path | None) -> None:
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


def _search_batch(lib: Library, lines: IO[bytes], filters: dict) -> None:
    """Answer every JSON line in order; a malformed line is reported on stderr and answered with an error object."""
    for number, line in enumerate(input_lines(lines), 1):
        if not line.strip():
            continue
        try:
            query_id, query = _batch_request(line)
        except CardsmithError as err:
            message = f"line {number}: {err}"
            record_failure(message)
            click.echo(json.dumps({"id": None, "line": number, "error": message}))
            continue
        hits = lib.search(query, **filters)
        click.echo(json.dumps({"id": query_id, "hits": [hit_json(h) for h in hits]}, ensure_ascii=False))
        sys.stdout.flush()


def _batch_request(line: str) -> tuple[object, str]:
    """``(id, query)`` of one ``--batch`` line; CardsmithError saying what is wrong with it."""
    request = parse_json(line)
    if not isinstance(request, dict) or "id" not in request or not isinstance(request.get("query"), str):
        raise CardsmithError('expected {"id", "query"} with a string query')
    return request["id"], request["query"]


@click.command("cards", cls=Command)
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
                record_failure(message)
                continue
            click.echo(json.dumps({**to_dict(card), "origins": lib.origins(card_id)}, ensure_ascii=False))
    batch_exit()


@click.command("migrate", cls=Command)
@library_option
def migrate_command(library_path: Path | None) -> None:
    """Upgrade a library made by an older cardsmith to this version (a copy of the file is kept first)."""
    from cardsmith.library import Library

    done = Library.migrate(library_path)
    click.echo(f"upgraded to version {done[-1]} (steps: {', '.join(map(str, done))})" if done else "already current")


@click.command("reindex", cls=Command)
@library_option
@cluster_options
def reindex_command(library_path: Path | None, workers: int | None, ray_address: str | None) -> None:
    """Embed every card and passage again with this cardsmith's encoder (after it changed), and
    record it as the library's; on Ray with --workers or --ray-address."""
    from cardsmith.ingest.reindex import reindex

    with open_library(library_path) as lib:
        done = reindex(lib, workers=workers, address=ray_address, ray=workers is not None or ray_address is not None)
    was = f" (was {done.previous})" if done.previous and done.previous != done.model else ""
    click.echo(f"re-embedded {done.cards} cards and {done.passages} passages with {done.model or 'no encoder'}{was}"
               f" in {done.wall_s:.1f} s")


commands = [add_command, search_command, cards_command, migrate_command, reindex_command]


def cluster_import(files: tuple[Path, ...], library_path: Path | None, workers: int | None, address: str | None,
                   as_json: bool) -> None:
    """``cardsmith import`` through the Ray pipeline: per-file lines and a total, or the same as JSON."""
    from cardsmith.ingest import import_paths

    with open_library(library_path) as lib:
        totals = import_paths(lib, list(files), workers=workers, address=address, report=record_failure,
                              progress=wants_progress(PROGRESS_MIN))
    total = {"files": totals.files, "cards": totals.cards, "added": totals.added, "duplicates": totals.duplicates,
             "skipped": totals.skipped, "failed": totals.failed}
    if as_json:
        click.echo(json.dumps({"files": totals.rows, "total": total}, indent=2))
    else:
        for row in totals.rows:
            click.echo(f"{row['path']}: {row['cards']} cards ({row['added']} new,"
                       f" {row['duplicates']} already in the library)")
        click.echo(f"total: {totals.files} files, {totals.cards} cards ({totals.added} new, {totals.duplicates}"
                   f" already in the library), {totals.skipped} already imported, {totals.failed} failed")
    batch_exit()
