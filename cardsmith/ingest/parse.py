"""The parse stage: one input (a card file, or a .zip of them) -> one row per file, as Ray tasks run it.

A row carries the file's content hash, its cards and layout (pickled: Ray Data moves bytes, not
dataclasses) or the one-line reason it failed. A file whose hash the library already records is
not parsed again: a re-run of an interrupted import does only what is left.
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from cardsmith.errors import CardsmithError
from cardsmith.ingest.inputs import Input, archive_members
from cardsmith.sources.userfile import read_user_file

#: What a row of the pipeline says about its file.
PARSED, SKIPPED, FAILED = "parsed", "skipped", "failed"


def parse_rows(row: dict, done: frozenset[str] | set[str]) -> Iterator[dict]:
    """Ray Data ``flat_map``: the rows of one listed input (``done``: content hashes already imported)."""
    source = Input(row["path"], row["shown"], row["origin"])
    if not source.is_archive:
        yield parse_file(source, None, done)
        return
    try:
        members = list(archive_members(source))
    except CardsmithError as err:
        yield failed(source, str(err))
        return
    if not members:
        yield failed(source, f"{source.shown}: no .docx, .jsonl or .json files in the archive")
    for member, data in members:
        yield parse_file(member, data, done)


def parse_file(source: Input, data: bytes | None, done: frozenset[str] | set[str]) -> dict:
    """One file's row; ``data`` is an archive member's bytes (None: read ``source.path``)."""
    start = time.perf_counter()
    try:
        if data is None:
            data = read_user_file(source.path)
        digest = hashlib.sha256(data).hexdigest()
        if digest in done:
            return row_of(source, SKIPPED, digest=digest)
        items = _parse(source, data)
    except CardsmithError as err:
        return failed(source, str(err).replace(source.path, source.shown, 1))
    except Exception as err:  # a bug must not cost the rest of the import
        return failed(source, f"{source.shown}: unexpected error ({type(err).__name__}: {err}); please report it")
    return row_of(source, PARSED, digest=digest, items=pickle.dumps(items), parse_s=time.perf_counter() - start)


def _parse(source: Input, data: bytes) -> list:
    """The file's headings and cards as the in-process import reads them; cards name ``source.shown``."""
    from cardsmith.formats import import_file

    if source.origin == source.path:
        items = import_file(source.path)
        parsed_as = source.path
    else:  # an archive member: parsed from a file of its own, under its own suffix
        with tempfile.TemporaryDirectory(prefix="cardsmith-import-") as folder:
            temp = Path(folder) / Path(source.origin).name
            temp.write_bytes(data)
            parsed_as = str(temp)
            try:
                items = import_file(temp)
            except CardsmithError as err:
                raise CardsmithError(str(err).replace(parsed_as, source.shown)) from None
    return [_named(item, parsed_as, source.shown) for item in items]


def _named(item: object, parsed_as: str, shown: str) -> object:
    """A card read from ``parsed_as`` names ``shown`` as its file, as if read there."""
    source = getattr(item, "source", None)
    if source is None or source.path != parsed_as:
        return item
    return dataclasses.replace(item, source=dataclasses.replace(source, path=shown))  # type: ignore[type-var]


def failed(source: Input, message: str) -> dict:
    return row_of(source, FAILED, message=message)


def row_of(source: Input, status: str, *, digest: str = "", items: bytes = b"", message: str = "",
           parse_s: float = 0.0) -> dict:
    """A pipeline row (every row has every column: Ray Data builds tables of them)."""
    return {"shown": source.shown, "origin": source.origin, "status": status, "hash": digest, "items": items,
            "message": message, "parse_s": parse_s}
