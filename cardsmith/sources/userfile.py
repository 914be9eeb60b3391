"""The one way a file a user names is read: regular files only, never more than a size cap.

Files come from strangers: a named pipe would block a command forever and a link to ``/dev/zero``
would fill memory, so every command's input goes through :func:`read_user_file`, which refuses
anything but a regular file and never reads past its cap.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from cardsmith.errors import SourceError

__all__ = ["MAX_BYTES", "read_user_file"]

#: Files above this size are refused before reading (50 MB holds any article, report or card file).
MAX_BYTES = 50_000_000
#: Opening never waits (a pipe with no writer opens at once, to be refused) nor adopts a terminal.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


def read_user_file(path: str | Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of the regular file at ``path``; raises :class:`SourceError` naming it and why."""
    path = Path(path)
    try:
        _check(path, os.stat(path), max_bytes)  # refuse devices and pipes without opening them
        fd = os.open(path, _OPEN_FLAGS)
        with os.fdopen(fd, "rb") as handle:
            _check(path, os.fstat(fd), max_bytes)  # the file opened is the file checked
            data = handle.read(max_bytes + 1)
    except FileNotFoundError as err:
        raise SourceError(path, "no such file") from err
    except IsADirectoryError as err:
        raise SourceError(path, "is a directory, not a file") from err
    except PermissionError as err:
        raise SourceError(path, "permission denied") from err
    except OSError as err:
        raise SourceError(path, f"cannot read file ({err.strerror or type(err).__name__})") from err
    if len(data) > max_bytes:  # the file grew after it was checked
        raise _too_large(path, len(data), max_bytes)
    return data


def _check(path: Path, info: os.stat_result, max_bytes: int) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise SourceError(path, "is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise SourceError(path, "not a regular file (device, pipe or socket)")
    if info.st_size > max_bytes:
        raise _too_large(path, info.st_size, max_bytes)


def _too_large(path: Path, size: int, max_bytes: int) -> SourceError:
    return SourceError(path, f"file too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:g} MB)")
