"""Crafted inputs for hardening tests: zip bombs, zip headers that lie, named pipes with a writer.

All of them are small: a bomb's member is streamed through zlib a megabyte at a time, so even a
300 MB member costs about 300 KB of archive and never 300 MB of memory.
"""

from __future__ import annotations

import io
import os
import struct
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

MB = 1_000_000


def with_member(archive: bytes, name: str, zeros: int) -> bytes:
    """``archive`` with member ``name`` replaced (or added) by ``zeros`` zero bytes, deflated."""
    out = io.BytesIO()
    src = zipfile.ZipFile(io.BytesIO(archive))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for info in src.infolist():
            if info.filename != name:
                dst.writestr(info, src.read(info))
        with dst.open(name, "w") as member:
            for start in range(0, zeros, MB):
                member.write(bytes(min(MB, zeros - start)))
    return out.getvalue()


def zip_of(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def lie_about(archive: bytes, name: str, size: int, crc: int | None = None) -> bytes:
    """``archive`` whose headers (local and central) declare ``size`` (and ``crc``) for ``name``;
    the compressed bytes stay as they were."""
    out = bytearray(archive)
    end = archive.rindex(b"PK\x05\x06")
    count, _, entry = struct.unpack_from("<HLL", archive, end + 10)
    for _ in range(count):
        name_len, extra_len, comment_len = struct.unpack_from("<3H", archive, entry + 28)
        if archive[entry + 46 : entry + 46 + name_len].decode() == name:
            local = struct.unpack_from("<L", archive, entry + 42)[0]
            for crc_at in (entry + 16, local + 14):  # the uncompressed size is 8 bytes after the CRC
                if crc is not None:
                    struct.pack_into("<L", out, crc_at, crc)
                struct.pack_into("<L", out, crc_at + 8, size)
        entry += 46 + name_len + extra_len + comment_len
    return bytes(out)


@contextmanager
def fed_fifo(path: Path, data: bytes = b"{}\n") -> Iterator[Path]:
    """A named pipe at ``path`` with a thread that writes ``data`` into it each time it is opened.

    Code that wrongly opens and reads the pipe (once or again and again) gets ``data`` and end of
    file instead of blocking forever, so a regression fails the test rather than hanging the suite
    (no timeouts involved).
    """
    os.mkfifo(path)
    done = threading.Event()

    def feed() -> None:
        while not done.is_set():
            try:
                with path.open("wb") as pipe:  # blocks until something opens the pipe for reading
                    pipe.write(data)
            except BrokenPipeError:
                pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        yield path
    finally:
        done.set()
        reader = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # releases a writer waiting to open
        writer.join()
        os.close(reader)
