"""The ``cardsmith`` command: a thin layer over the library; one module per command group."""

from __future__ import annotations

import importlib

import click

from cardsmith import __version__
from cardsmith.cli.common import QUIET_KEY

#: Modules under ``cardsmith.cli`` that each expose ``commands``: a list of click commands.
COMMAND_MODULES = ("read", "cut", "mark", "docx", "serve", "library", "verify", "db", "team")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cardsmith")
@click.option("--quiet", "-q", is_flag=True, help="No progress bars (they are drawn only on a terminal anyway).")
@click.pass_context
def cli(ctx: click.Context, quiet: bool) -> None:
    """Read sources, cut and mark debate cards, keep them in a library, verify them."""
    ctx.meta[QUIET_KEY] = quiet


for _name in COMMAND_MODULES:
    for _command in importlib.import_module(f"cardsmith.cli.{_name}").commands:
        cli.add_command(_command)


def main() -> None:
    cli(prog_name="cardsmith")
