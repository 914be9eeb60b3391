"""``cardsmith verify``: check a card against its source (see :mod:`cardsmith.verify`)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from cardsmith.cli.common import EXIT_ALTERED, EXIT_OK, FILE_PATH, LIBRARY, SOURCE, Command, batch_exit, run_batch
from cardsmith.cli.library import existing_library

#: Exit status per verdict, so scripts can gate on a clean card; an input that could not be read is 1,
#: as in every batch.
EXIT = {"verbatim": EXIT_OK, "cosmetic": EXIT_OK, "altered": EXIT_ALTERED, "not_found": EXIT_ALTERED}


@click.command("verify", cls=Command)
@click.argument("card", type=FILE_PATH)
@click.argument("more_sources", nargs=-1, type=SOURCE, metavar="[SOURCE]...")
@click.option(
    "--source",
    "-s",
    "sources",
    multiple=True,
    type=SOURCE,
    help="A source the card may come from, a file or URL (repeat, or list several after it).",
)
@click.option(
    "--library",
    "library_path",
    is_flag=False,
    flag_value="",
    default=None,
    type=LIBRARY,
    metavar="[PATH|URL]",
    help="Search the library (default file, or PATH, or a postgresql:// URL) for the source.",
)
@click.option("--card", "index", type=click.IntRange(min=1), help="Which card of a .docx/.json (1-based).")
@click.option("--tag", help="Pick the card of a .docx/.json by its tag.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: a report to read; json: the verdict, differences, context and cite check as one object.")
def verify(
    card: Path, more_sources: tuple[Path | str, ...], sources: tuple[Path | str, ...],
    library_path: Path | str | None,
    index: int | None, tag: str | None, fmt: str,
) -> None:  # fmt: skip
    """Check that CARD is verbatim from one of the sources and show what was cut around it.

    CARD is a .txt card (tag line, cite line, body), a .json card, or a Verbatim .docx (with
    --card N or --tag TEXT). Sources are files or URLs (--source) and/or the library's best matches
    (--library); a source that cannot be read is reported and the others are used. Exit status:
    0 verbatim or cosmetic, 1 an input could not be read, 2 usage error, 3 altered or not found.
    """
    from cardsmith.library import Library
    from cardsmith.sources import read_document
    from cardsmith.verify import verify as verify_card
    from cardsmith.verify.cards import load_card
    from cardsmith.verify.library import library_sources
    from cardsmith.verify.report import render_text

    ctx = click.get_current_context()
    paths = list(sources) + list(more_sources)
    if not paths and library_path is None:
        raise click.UsageError("give at least one --source FILE, or --library")
    the_card = load_card(card, index, tag)
    docs = list(run_batch(paths, read_document, "reading sources"))
    if not docs and library_path is None:
        batch_exit()  # every source failed, each reported: there is nothing to check against
    if library_path is not None:
        with Library.open(existing_library(library_path, "add sources with `cardsmith add`")) as library:
            docs += library_sources(library, the_card)
    result = verify_card(the_card, docs)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(result))
    batch_exit()
    ctx.exit(EXIT[result.verdict])


commands = [verify]
