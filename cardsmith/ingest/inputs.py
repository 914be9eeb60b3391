"""What an import reads: the files named, the card files in folders (recursively) and in .zip archives.

Listing happens on the driver and reads only directories and ZIP central directories; the files
themselves are read by the parse tasks, wherever they run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cardsmith.sources.userfile import read_user_file
from cardsmith.sources.zipguard import Archive, ZipLimits

#: The card files `cardsmith import` reads (in folders and archives, other files are passed over).
CARD_SUFFIXES = (".docx", ".jsonl", ".json")
#: An archive of card files: its members are whole .docx files (already compressed, so a ratio
#: limit means nothing), up to a season's worth of them.
ARCHIVE_LIMITS = ZipLimits(member_bytes=50_000_000, total_bytes=20_000_000_000, members=200_000, ratio=200)
#: Largest .zip archive read.
MAX_ARCHIVE_BYTES = 4_000_000_000
#: Separates an archive's path from a member's name in origins and messages.
MEMBER_MARK = "!/"


@dataclass(frozen=True)
class Input:
    """A card file to import (``path``, absolute), or a .zip archive of them.

    ``shown`` is the name messages and the cards' source use (the path as the user gave it, as the
    in-process import shows it); ``origin`` the library's name for the file (resolved, as there).
    """

    path: str
    shown: str
    origin: str

    @property
    def is_archive(self) -> bool:
        return self.path.lower().endswith(".zip")

    def member(self, name: str) -> Input:
        """A member of this archive as an input of its own (its ``path`` stays the archive's)."""
        return Input(self.path, f"{self.shown}{MEMBER_MARK}{name}", f"{self.origin}{MEMBER_MARK}{name}")


def list_inputs(paths: list[Path]) -> tuple[list[Input], list[str]]:
    """The inputs in ``paths``, in order (folders sorted by name), and one error line per folder that
    cannot be listed. A file named directly is always an input (an unsupported one fails when parsed,
    with the in-process import's message)."""
    inputs: list[Input] = []
    errors: list[str] = []
    for path in paths:
        try:
            inputs.extend(_folder(path) if path.is_dir() else [_input(path)])
        except OSError as err:
            errors.append(f"{path}: cannot list ({err.strerror or err})")
    return inputs, errors


def _input(path: Path) -> Input:
    return Input(str(path.resolve()), str(path), str(path.resolve()))


def _folder(folder: Path) -> list[Input]:
    found: list[Input] = []
    for root, dirs, files in os.walk(folder, onerror=_raise):
        dirs.sort()
        found.extend(_input(Path(root) / name) for name in sorted(files) if is_card_file(name, archives=True))
    return found


def _raise(err: OSError) -> None:
    raise err


def is_card_file(name: str, *, archives: bool = False) -> bool:
    """A card file (or an archive of them) by its name; Word's ``~$`` lock files and hidden files are not."""
    suffix = Path(name).suffix.lower()
    wanted = suffix in CARD_SUFFIXES or (archives and suffix == ".zip")
    return wanted and not Path(name).name.startswith(("~$", "."))


def archive_members(archive: Input) -> Iterator[tuple[Input, bytes]]:
    """The card files of the .zip ``archive`` in name order, with their bytes (SourceError naming the
    archive when it is unreadable or too large)."""
    data = read_user_file(archive.path, MAX_ARCHIVE_BYTES)
    zipped = Archive(data, archive.shown, ARCHIVE_LIMITS)
    for name in sorted(n for n in zipped.names if is_card_file(n)):
        yield archive.member(name), zipped.read(name)
