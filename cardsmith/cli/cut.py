"""``cardsmith cut``: source files and claims in, formatted cards out."""

from __future__ import annotations

import json
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

import click

from cardsmith.cli.common import FILE_PATH, SOURCE, Command, batch_exit, run_batch
from cardsmith.cli.library import library_option, library_style, open_library
from cardsmith.cli.mark import STYLES
from cardsmith.cli.precedent import precedent_library, precedent_option
from cardsmith.errors import CardsmithError
from cardsmith.model import HIGHLIGHT_COLOURS, MAX_CARD_WORDS, Card, Document

if TYPE_CHECKING:
    from cardsmith.verify.precedent import Precedent


def _claims(claim: tuple[str, ...], claims_file: Path | None) -> list[str | None]:
    found = [c.strip() for c in claim if c.strip()]
    if claims_file is not None:
        from cardsmith.sources import read_user_file
        from cardsmith.sources.sniff import decode

        try:
            lines = decode(read_user_file(claims_file), claims_file).splitlines()
        except CardsmithError as err:
            raise click.UsageError(f"cannot read claims: {err}") from err
        found.extend(line.strip() for line in lines if line.strip())
    return list(found) or [None]


@click.command(cls=Command)
@click.argument("sources", nargs=-1, required=True, type=SOURCE)
@click.option("--claim", "-c", multiple=True, help="The claim to prove (repeat for several).")
@click.option("--claims", "claims_file", type=FILE_PATH, help="A file of claims, one a line.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "md", "html"]), default="text", show_default=True,
    help="text: [highlighted] and _underlined_ words; json: one card object a line; md/html: formatted cards.",
)
@click.option("--count", "-n", default=1, show_default=True, help="Cards per claim (next best passages).")
@click.option("--max-words", default=MAX_CARD_WORDS, show_default=True, help="Longest card body.")
@click.option("--initials", help="Cutter's initials appended to the cite.")
@click.option("--accessed", help="Access date for the cite (e.g. 2026-11-26).")
@click.option("--cite-template", help="Cite format string (see README: cite templates).")
@click.option("--underline", type=click.FloatRange(0, 1), help="Share of words to underline.")
@click.option("--highlight", type=click.FloatRange(0, 1), help="Share of words to highlight.")
@click.option("--clip", is_flag=True, help='Highlight only the short form of long words ("gov" of "government").')
@click.option("--style", type=click.Choice(STYLES),
              help="Event whose learned marking densities to use (default: the library's style, else policy).")
@click.option("--no-shrink", "shrink", is_flag=True, flag_value=False, default=True,
              help="html: keep text outside the underline at full size (8 pt by default).")
@click.option("--highlight-colour", "colour", type=click.Choice(sorted(HIGHLIGHT_COLOURS)), default="yellow",
              show_default=True, metavar="COLOUR", help="html: Word's highlight colour for the read-aloud words.")
@click.option("--save", is_flag=True, help="Also store the cards in the library.")
@library_option
@precedent_option
def cut(
    sources: tuple[Path | str, ...],
    claim: tuple[str, ...],
    claims_file: Path | None,
    fmt: str,
    count: int,
    max_words: int,
    initials: str | None,
    accessed: str | None,
    cite_template: str | None,
    underline: float | None,
    highlight: float | None,
    clip: bool,
    style: str | None,
    shrink: bool,
    colour: str,
    save: bool,
    library_path: Path | None,
    precedent: bool | None,
) -> None:
    """Cut the card that best supports each CLAIM from each of SOURCES (files or URLs).

    With --library, a library card that shares a cut card's text gives its marks on the shared words
    (its id, cite and coverage: one line after the card, or "precedent" in JSON)."""
    from cardsmith.cut import CutOptions, cut_cards
    from cardsmith.cut.passage import PassageOptions
    from cardsmith.formats import render_cards
    from cardsmith.formats.jsoncards import card_to_json
    from cardsmith.sources import read_document

    claims = _claims(claim, claims_file)
    with (
        open_library(library_path) if save else nullcontext() as library,
        precedent_library(precedent, library_path, library) as prior,
    ):
        # No --style: the style of the library in use (the one saved to, or the --library given).
        style = library_style(style, library_path, library or prior)
        options = CutOptions(
            passage=PassageOptions(max_words=max_words),
            initials=initials,
            accessed=accessed,
            cite_template=cite_template,
            underline=underline,
            highlight=highlight,
            clip=clip,
            style=style,
        )

        # One job per (file, claim), so long batches of claims get a progress bar too; each file is
        # read once (jobs come grouped by file) and a file that fails is reported once.
        last: dict[Path | str, Document | None] = {}

        def job(item: tuple[Path | str, str | None]) -> list[tuple[Card, Precedent | None]]:
            path, text = item
            if path not in last:
                last.clear()
                last[path] = None
                last[path] = read_document(path)
            doc = last[path]
            if doc is None:
                return []
            cards = cut_cards(doc, text, count=count, options=options)
            found: list[Precedent | None] = [None] * len(cards)
            if prior is not None:
                from cardsmith.verify.precedent import with_precedent

                for i, card in enumerate(cards):
                    card.marks, found[i] = with_precedent(prior, card.tag, card.body, card.marks)
            if library is not None:
                library.add_cards(cards, origin=str(path if isinstance(path, str) else path.resolve()))
            return list(zip(cards, found, strict=True))

        first = True
        for cards in run_batch([(path, text) for path in sources for text in claims], job, "cutting"):
            for card, prec in cards:
                if fmt in ("text", "md") and not first:
                    click.echo("\n" + ("-" * 40 if fmt == "text" else "---") + "\n")
                # JSON: one object per line, so a batch is JSON lines.
                opts = {"shrink": shrink, "highlight": colour} if fmt == "html" else {}
                if fmt == "json" and prior is not None:
                    obj = {**card_to_json(card), "precedent": prec and prec.to_json()}
                    click.echo(json.dumps(obj, ensure_ascii=False))
                else:
                    click.echo(render_cards([card], "jsonl" if fmt == "json" else fmt, **opts).rstrip("\n"))
                if prec is not None and fmt != "json":
                    click.echo(prec.note(), err=fmt == "html")  # html: the page stays a page
                first = False
    batch_exit()


commands = [cut]
