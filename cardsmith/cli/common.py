"""What every command shares: one-line errors, batches that survive a bad file, progress bars."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, TypeVar

import click

from cardsmith.errors import CardsmithError, DiskFull
from cardsmith.urls import is_postgres_url, looks_like_url

T = TypeVar("T")
R = TypeVar("R")

#: Exit status of every command: done; some input failed (each named on stderr); a mistyped command
#: line (click's own); ``verify`` found the card altered or in no source.
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_ALTERED = 0, 1, 2, 3
#: Batches at least this long get a progress bar on stderr (when stderr is a terminal).
PROGRESS_MIN = 5
#: Where the active progress bar is kept on the click context, so errors are written through it.
BAR_KEY = "cardsmith.bar"
QUIET_KEY = "cardsmith.quiet"
#: Every path a command takes: checked when it is read, one by one, never by click (whose default
#: readability check would make one unreadable file a usage error that stops the whole batch).
FILE_PATH = click.Path(path_type=Path, readable=False)


class PathOrURL(click.ParamType):
    """A file path, or a URL that ``is_url`` accepts kept as it is (a Path would fold ``https://`` to
    ``https:/``); whoever reads the location tells the two apart again."""

    name = "path"

    def __init__(self, is_url: Callable[[str], bool]) -> None:
        self.is_url = is_url

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> str | Path:
        return str(value) if self.is_url(str(value)) else FILE_PATH.convert(value, param, ctx)


#: Every source a command reads: a file or an http(s) URL.
SOURCE = PathOrURL(looks_like_url)
#: ``--library``: a SQLite file or a ``postgresql://`` URL.
LIBRARY = PathOrURL(is_postgres_url)
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def one_line(message: str) -> str:
    """``message`` with newlines and other control characters escaped, so it stays one line."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), message)


def fail(message: str) -> None:
    """Print a one-line error to stderr (no traceback), above the progress bar if one is drawn."""
    line = f"cardsmith: error: {one_line(message)}"
    ctx = click.get_current_context(silent=True)
    bar = ctx.meta.get(BAR_KEY) if ctx else None
    if bar is not None:
        bar.write(line, file=sys.stderr)
    else:
        click.echo(line, err=True)


class Failure(click.ClickException):
    """A :class:`CardsmithError` leaving a command: one line on stderr and exit status 1."""

    exit_code = EXIT_FAILED

    def show(self, file: IO[str] | None = None) -> None:
        fail(self.message)


class Command(click.Command):
    """Every cardsmith command: an error a user caused ends it through the one route, :class:`Failure`."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except CardsmithError as err:
            raise Failure(str(err)) from err


def record_failure(message: str) -> None:
    """Report ``message`` and remember it, so :func:`batch_exit` exits 1."""
    ctx = click.get_current_context()
    ctx.meta.setdefault("cardsmith.failures", []).append(message)
    fail(message)


def wants_progress(total: int) -> bool:
    """A bar only for long batches, on a terminal, and not under ``--quiet``."""
    ctx = click.get_current_context(silent=True)
    quiet = bool(ctx and ctx.find_root().meta.get(QUIET_KEY))
    return total >= PROGRESS_MIN and not quiet and sys.stderr.isatty()


def progress(items: Iterable[T], total: int, label: str) -> Iterator[T]:
    """Iterate ``items`` with a progress bar on stderr when :func:`wants_progress` says so."""
    if not wants_progress(total):
        yield from items
        return
    from tqdm import tqdm

    ctx = click.get_current_context()
    with tqdm(items, total=total, desc=label, unit="item", file=sys.stderr, leave=False) as bar:
        ctx.meta[BAR_KEY] = bar
        try:
            yield from bar
        finally:
            ctx.meta.pop(BAR_KEY, None)


def run_batch(items: list[T], job: Callable[[T], R], label: str) -> Iterator[R]:
    """Run ``job`` on each item; a failing item is reported in one line and skipped.

    A full disk ends the batch at the item that hit it (what was stored before stays).

    Failures are remembered on the click context: call :func:`batch_exit` after the loop.
    """
    for item in progress(items, len(items), label):
        try:
            result = job(item)
        except DiskFull as err:
            record_failure(f"{item}: {err}; stopped here, the files before it are stored")
            return
        except CardsmithError as err:
            record_failure(str(err))
            continue
        except Exception as err:  # a bug must not cost the rest of the batch, nor print a traceback
            record_failure(f"{item}: unexpected error ({type(err).__name__}: {err}); please report it")
            continue
        yield result


def input_lines(stream: IO[bytes]) -> Iterator[str]:
    """Lines of a JSON-lines input, decoded one by one: UTF-8, else Windows-1252 (as ``read`` falls back).

    Decoding per line means one line saved in a legacy encoding costs nothing but itself.
    """
    for number, raw in enumerate(stream, start=1):
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            line = raw.decode("cp1252", errors="replace")
        yield line


def batch_exit() -> None:
    """Exit non-zero when any item of a batch failed."""
    ctx = click.get_current_context()
    if ctx.meta.get("cardsmith.failures"):
        ctx.exit(EXIT_FAILED)
