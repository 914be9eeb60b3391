"""``cardsmith import`` and ``cardsmith export``: Verbatim .docx and JSON lines in, any format out."""

from __future__ import annotations

import json
import os
import secrets
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

import click

from cardsmith.cli.common import FILE_PATH, Command, batch_exit, fail, run_batch
from cardsmith.cli.library import cluster_import, cluster_options, library_option, open_library
from cardsmith.errors import CardsmithError
from cardsmith.model import HIGHLIGHT_COLOURS, Card, Heading

if TYPE_CHECKING:
    from cardsmith.formats.outline import Item
    from cardsmith.library import Library

EXPORT_FORMATS = ("docx", "md", "html", "txt", "json", "jsonl")


def summarize(items: list[Item]) -> dict[str, int]:
    """Counts a user checks an import by."""
    cards = [item for item in items if isinstance(item, Card)]
    analytics = sum(card.is_analytic for card in cards)
    return {
        "cards": len(cards) - analytics,
        "analytics": analytics,
        "headings": sum(isinstance(item, Heading) for item in items),
    }


@click.command("import", cls=Command)
@click.argument("files", nargs=-1, required=True, type=FILE_PATH)
@library_option
@click.option("--dry-run", is_flag=True, help="Only parse and summarise; store nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@cluster_options
def import_command(files: tuple[Path, ...], library_path: Path | None, dry_run: bool, as_json: bool,
                   workers: int | None, ray_address: str | None) -> None:
    """Import Verbatim .docx or card .jsonl FILES into the library and summarise each.

    Each file is stored in its own transaction: an interrupted import keeps every file already
    done and no half file. Cards already in the library are counted as duplicates and gain this
    file as another origin. With --workers or --ray-address, FILES may also be folders and .zip
    archives, and files already imported (same content) are skipped (see docs/ingest.md).
    """
    if workers is not None or ray_address is not None:
        if dry_run:
            raise click.UsageError("--dry-run imports in one process: leave out --workers and --ray-address")
        cluster_import(files, library_path, workers, ray_address, as_json)
        return
    with nullcontext() if dry_run else open_library(library_path) as library:
        rows = list(run_batch(list(files), lambda path: _import_one(path, library), "importing"))
    keys = ("cards", "analytics", "headings") + (() if dry_run else ("added", "duplicates"))
    total = {key: sum(row[key] for row in rows) for key in keys}
    total["files"] = len(rows)
    total["failed"] = len(files) - len(rows)
    if as_json:
        click.echo(json.dumps({"files": rows, "total": total}, indent=2))
    else:
        for row in rows:
            click.echo(f"{row['path']}: {_counts(row)}")
        click.echo(f"total: {total['files']} files, {_counts(total)}, {total['failed']} failed")
    batch_exit()


def _import_one(path: Path, library: Library | None) -> dict:
    """Parse one file and, unless it is a dry run, store its cards, and its headings and analytics
    as the file's layout for export (only cards are search results).

    The origin is the resolved path, so a file imported again by another route to it
    (relative, absolute, through a link) is recognised and its cards are not counted twice.
    """
    from cardsmith.formats import import_file

    items = import_file(path)
    row = {"path": str(path), **summarize(items)}
    if library is not None:
        stats = library.add_file(items, origin=str(path.resolve()))
        row.update(added=stats.added, duplicates=stats.duplicates)
    return row


def _counts(row: dict) -> str:
    text = f"{row['cards']} cards, {row['analytics']} analytics, {row['headings']} headings"
    if "added" in row:
        text += f" ({row['added']} new, {row['duplicates']} already in the library)"
    return text


@click.command("export", cls=Command)
@click.argument("inputs", nargs=-1, type=FILE_PATH)
@library_option
@click.option("--format", "-f", "fmt", type=click.Choice(EXPORT_FORMATS), default="docx", show_default=True,
              help="Output format: Verbatim .docx, Markdown, HTML, plain text, a JSON array or JSON lines.")
@click.option(
    "--output",
    "-o",
    type=FILE_PATH,
    help="Output file (stdout when omitted; required for docx).",
)
@click.option("--highlight", default="yellow", show_default=True, help="Highlight colour for docx/html.")
@click.option("--shrink/--no-shrink", default=True, show_default=True,
              help="docx/html: text outside the underline at 8 pt (in docx, cut cards; imported ones keep theirs).")
@click.option("--condense", is_flag=True, help="docx: each cut card's body in one paragraph.")
@click.option("--pilcrows", is_flag=True, help="docx: condense, with a ¶ where each paragraph ended.")
def export_command(
    inputs: tuple[Path, ...],
    library_path: Path | None,
    fmt: str,
    output: Path | None,
    highlight: str,
    shrink: bool,
    condense: bool,
    pilcrows: bool,
) -> None:
    """Convert imported INPUTS (.docx, .jsonl) into one file of the chosen format.

    With --library, INPUTS are card ids (c12 c15), exported in that order; with no ids, every card
    in the library, in import order under its pockets, hats and blocks.
    """
    if not inputs and library_path is None:
        fail("give files to convert, or --library LIBRARY (with card ids, or none for every card)")
        sys.exit(2)
    if fmt == "docx" and output is None:
        fail("docx output needs --output FILE")
        sys.exit(2)
    if highlight not in HIGHLIGHT_COLOURS:
        fail(f"unknown highlight colour {highlight!r}; use one of: {', '.join(sorted(HIGHLIGHT_COLOURS))}")
        sys.exit(2)
    from cardsmith.formats import import_file, render_cards

    items: list[Item]
    if library_path is not None:  # a CardsmithError ends the command through Command: one line, status 1
        items = list(_library_cards(library_path, [str(i) for i in inputs]))
    else:
        batches = list(run_batch(list(inputs), import_file, "reading"))
        if not batches:  # every input failed: write nothing, so an earlier output survives
            batch_exit()
            return
        items = [item for batch in batches for item in batch]
    opts: dict[str, object] = {"highlight": highlight, "shrink": shrink} if fmt in ("docx", "html") else {}
    if fmt == "docx":
        opts.update(condense=condense or pilcrows, pilcrow=pilcrows)
    try:
        rendered = render_cards(items, fmt, **opts)
        if output is None:
            click.echo(rendered, nl=False)
        else:
            _replace(output, rendered if isinstance(rendered, bytes) else rendered.encode("utf-8"))
    except OSError as err:
        fail(f"{output}: cannot write ({err.strerror or err})")
        sys.exit(1)
    batch_exit()


def _library_cards(library_path: Path, ids: list[str]) -> list[Item]:
    """The cards named by ``ids`` in that order (the renderer adds the headings of their outlines),
    or every card as imported: each file's cards with its headings and analytics."""
    with open_library(library_path) as library:
        if not ids:
            return library.export_items()
        cards = []
        for card_id in ids:
            card = library.get_card(card_id)
            if card is None:
                raise CardsmithError(f"{card_id}: no such card in {library_path}")
            cards.append(card)
        return cards


def _replace(output: Path, data: bytes) -> None:
    """Write ``output`` whole or not at all: a temporary file beside it, renamed over it when complete
    (a full disk, Ctrl-C or a crash never leaves half a file, nor destroys the previous one)."""
    target = output.resolve()  # write through a link, not over it
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        with temp.open("xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


commands = [import_command, export_command]
