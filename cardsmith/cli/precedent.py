"""``--precedent/--no-precedent`` of ``cut`` and ``mark``: marks from a library card of the same passage.

The work is :mod:`cardsmith.verify.precedent`'s; this module only decides whether it runs and opens
the library once per command.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from cardsmith.cli.library import existing_library, open_library

if TYPE_CHECKING:
    from cardsmith.library import Library

precedent_option = click.option(
    "--precedent/--no-precedent", default=None,
    help="Where a card of the --library shares the text, take its marks on the shared words "
    "(default: on when --library is given).",
)


@contextmanager
def precedent_library(wanted: bool | None, library_path: Path | None, opened: Library | None = None
                      ) -> Iterator[Library | None]:  # fmt: skip
    """The library to take precedent from (``opened`` when the command has it open already), or None
    when precedent is off; a library file that is not there is an error naming it."""
    if not (wanted if wanted is not None else library_path is not None):
        yield None
        return
    if opened is not None:
        yield opened
        return
    with open_library(existing_library(library_path, "add cards with `cardsmith import`")) as library:  # type: ignore[arg-type]
        yield library

