"""``cardsmith mark``: underline and highlight cards given as JSON lines on stdin."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from cardsmith.cli.common import Command, batch_exit, input_lines, record_failure
from cardsmith.cli.library import library_option, library_style
from cardsmith.cli.precedent import precedent_library, precedent_option
from cardsmith.errors import CardsmithError
from cardsmith.jsonin import parse_json

if TYPE_CHECKING:
    from cardsmith.library import Library

#: The events with learned densities (``cardsmith.marking.density.STYLES``, spelled out so that
#: ``--help`` does not import numpy).
STYLES = ["policy", "ld", "pf"]


def _mark_line(
    line: str, underline: float | None, highlight: float | None, clip: bool = False, style: str | None = None,
    library: Library | None = None,
) -> str:
    """One input line ``{"tag", "body"}`` to one output line of spans (and, with a ``library`` to take
    precedent from, ``"precedent"``); CardsmithError if unusable."""
    if not line.strip():
        raise CardsmithError("empty line")
    rec = parse_json(line)
    if not isinstance(rec, dict) or not isinstance(rec.get("body"), str):
        raise CardsmithError('expected an object with a string "body" (and "tag")')
    tag = rec.get("tag") or ""
    if not isinstance(tag, str):
        raise CardsmithError('"tag" must be a string')
    from cardsmith.marking import mark as mark_card

    marks = mark_card(tag, rec["body"], underline=underline, highlight=highlight, clip=clip, style=style)
    found = None
    if library is not None:
        from cardsmith.verify.precedent import with_precedent

        marks, found = with_precedent(library, tag, rec["body"], marks)
    out: dict[str, object] = {
        name: [list(s) for s in getattr(marks, name)] for name in ("underline", "emphasis", "highlight")
    }
    if library is not None:
        out["precedent"] = found.to_json() if found else None
    return json.dumps(out)


@click.command("mark", cls=Command)
@click.option(
    "--underline",
    type=click.FloatRange(0, 1),
    default=None,
    help="Fraction of the body's words to underline (default: as learned from real cards).",
)
@click.option(
    "--highlight",
    type=click.FloatRange(0, 1),
    default=None,
    help="Fraction of the body's words to highlight (default: as learned from real cards).",
)
@click.option(
    "--clip",
    is_flag=True,
    help='Highlight only the conventional short form of long words ("gov" of "government", "econ" of '
    '"economic"): those highlights end inside the word.',
)
@click.option(
    "--style",
    type=click.Choice(STYLES),
    default=None,
    help="The event whose densities (learned from its real cards) to mark with: policy and LD highlight "
    "more of a card than PF. Default: the --library's style (cardsmith library style), else policy.",
)
@library_option
@precedent_option
def mark(
    underline: float | None, highlight: float | None, clip: bool, style: str | None, library_path: Path | None,
    precedent: bool | None,
) -> None:
    """Mark cards: JSON lines {"tag", "body"} on stdin, one {"underline", "emphasis", "highlight"} line each
    on stdout (emphasis: Verbatim's bold underline on key words). With --library, a library card that
    shares a card's text gives its marks on the shared words, and the line gains "precedent".

    Output line N answers input line N: a bad or empty line is answered with {"error": "..."}, reported
    on stderr with its number, and the exit status is 1 then.
    """
    with precedent_library(precedent, library_path) as library:
        style = library_style(style, library_path, library)
        for number, line in enumerate(input_lines(sys.stdin.buffer), start=1):
            try:
                click.echo(_mark_line(line, underline, highlight, clip, style, library))
            except CardsmithError as err:
                message = f"line {number}: {err}"
                record_failure(message)
                click.echo(json.dumps({"error": message}))
    batch_exit()


commands = [mark]
