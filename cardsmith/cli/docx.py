"""``cardsmith import`` and ``cardsmith export``: Verbatim .docx and JSON lines in, any format out."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from cardsmith.cli.common import batch_exit, fail, run_batch
from cardsmith.errors import CardsmithError
from cardsmith.formats import import_file, render_cards
from cardsmith.formats.outline import Item
from cardsmith.formats.verbatim import HIGHLIGHT_COLOURS
from cardsmith.model import Card, Heading

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


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def import_command(files: tuple[Path, ...], as_json: bool) -> None:
    """Parse Verbatim .docx or card .jsonl FILES and summarise what each holds."""
    rows = list(
        run_batch(list(files), lambda path: {"path": str(path), **summarize(import_file(path))}, "importing")
    )
    total = {key: sum(row[key] for row in rows) for key in ("cards", "analytics", "headings")}
    total["files"] = len(rows)
    total["failed"] = len(files) - len(rows)
    if as_json:
        click.echo(json.dumps({"files": rows, "total": total}, indent=2))
    else:
        for row in rows:
            click.echo(
                f"{row['path']}: {row['cards']} cards, {row['analytics']} analytics, "
                f"{row['headings']} headings"
            )
        click.echo(
            f"total: {total['files']} files, {total['cards']} cards, {total['analytics']} analytics, "
            f"{total['headings']} headings, {total['failed']} failed"
        )
    batch_exit()


@click.command("export")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "-f", "fmt", type=click.Choice(EXPORT_FORMATS), default="docx", show_default=True)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    help="Output file (stdout when omitted; required for docx).",
)
@click.option("--highlight", default="yellow", show_default=True, help="Highlight colour for docx/html.")
def export_command(inputs: tuple[Path, ...], fmt: str, output: Path | None, highlight: str) -> None:
    """Convert imported INPUTS (.docx, .jsonl) into one file of the chosen format."""
    if fmt == "docx" and output is None:
        fail("docx output needs --output FILE")
        sys.exit(2)
    if highlight not in HIGHLIGHT_COLOURS:
        fail(f"unknown highlight colour {highlight!r}; use one of: {', '.join(sorted(HIGHLIGHT_COLOURS))}")
        sys.exit(2)
    items: list[Item] = [item for batch in run_batch(list(inputs), import_file, "reading") for item in batch]
    opts = {"highlight": highlight} if fmt in ("docx", "html") else {}
    try:
        rendered = render_cards(items, fmt, **opts)
        if output is None:
            click.echo(rendered, nl=False)
        elif isinstance(rendered, bytes):
            output.write_bytes(rendered)
        else:
            output.write_text(rendered, encoding="utf-8")
    except (CardsmithError, OSError) as err:
        fail(f"{output}: {err}" if isinstance(err, OSError) else str(err))
        sys.exit(1)
    batch_exit()


commands = [import_command, export_command]
