"""What every command shares: one-line errors, batches that survive a bad file, progress bars."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

import click
from tqdm import tqdm

from cardsmith.errors import CardsmithError

T = TypeVar("T")
R = TypeVar("R")

#: Batches at least this long get a progress bar on stderr.
PROGRESS_MIN = 5


def fail(message: str) -> None:
    """Print a one-line error to stderr (no traceback)."""
    click.echo(f"cardsmith: error: {message}", err=True)


def progress(items: Iterable[T], total: int, label: str) -> Iterable[T]:
    """A progress bar on stderr for long batches; plain iteration for short ones."""
    if total < PROGRESS_MIN:
        return items
    return tqdm(items, total=total, desc=label, unit="item", file=sys.stderr, leave=False)


def run_batch(items: list[T], job: Callable[[T], R], label: str) -> Iterator[R]:
    """Run ``job`` on each item; a failing item is reported in one line and skipped.

    Failures are remembered on the click context: call :func:`batch_exit` after the loop.
    """
    ctx = click.get_current_context()
    failures = ctx.meta.setdefault("cardsmith.failures", [])
    for item in progress(items, len(items), label):
        try:
            yield job(item)
        except CardsmithError as err:
            failures.append(str(err))
            fail(str(err))
        except Exception as err:  # a bug must not cost the rest of the batch, nor print a traceback
            message = f"{item}: unexpected error ({type(err).__name__}: {err}); please report it"
            failures.append(message)
            fail(message)


def batch_exit() -> None:
    """Exit non-zero when any item of a batch failed."""
    ctx = click.get_current_context()
    if ctx.meta.get("cardsmith.failures"):
        ctx.exit(1)
