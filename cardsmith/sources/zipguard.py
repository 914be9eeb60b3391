"""The one way a ZIP archive (a .docx) is opened: sizes checked before anything is inflated.

A crafted .docx of under 1 MB can declare a ``word/document.xml`` of gigabytes. The central
directory states every member's sizes and method, so the archive is refused, before a byte is
inflated, when a member or the sum of them would be too large, a member is compressed far beyond
what text compresses to, or there are too many members. A header can also lie (declare a small
size for a member that inflates to much more): zipfile stops returning data at the declared size,
but ``read()`` of a whole member first inflates up to 1 GiB in one step, and bzip2 and LZMA members
inflate without any bound. So only stored and deflated members are accepted and :meth:`Archive.read`
inflates a chunk at a time; code that reads the archive itself (python-docx) is handed
:meth:`Archive.repacked`, whose members are stored, so what it reads is exactly what was checked.

Real Verbatim files pass with room to spare: across 331 real card files the largest
``word/document.xml`` is 7.6 MB, the largest archive inflates to 8.0 MB, no file has more than 26
members, and no member is compressed more than 34 to 1 (no member over 1 MB more than 17 to 1).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from cardsmith.errors import SourceError

__all__ = ["LIMITS", "Archive", "DamagedZip", "ZipLimits"]

#: Most bytes one member may inflate to (8x the largest document.xml seen in real card files).
MAX_MEMBER_BYTES = 64_000_000
#: Most bytes all members together may inflate to (room for a document and its images).
MAX_TOTAL_BYTES = 128_000_000
#: Most members an archive may have (real .docx files have 10 to 30; images add one each).
MAX_MEMBERS = 1000
#: Highest compression ratio accepted for a member of at least :data:`RATIO_FLOOR` bytes
#: (XML compresses up to about 35 to 1; a run of zeros about 1000 to 1).
MAX_RATIO = 200
#: Members smaller than this are not held to :data:`MAX_RATIO`: they are harmless whatever it is.
RATIO_FLOOR = 1_000_000
#: Bytes inflated per step while reading a member.
CHUNK = 1 << 20

#: Every central directory entry starts with this, so counting it bounds the entries before
#: zipfile builds an object for each.
_ENTRY_SIGNATURE = b"PK\x01\x02"
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
#: What zipfile and zlib raise for archives that are broken rather than too large.
_DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError, NotImplementedError)


@dataclass(frozen=True)
class ZipLimits:
    """The limits an archive is held to (tests lower them)."""

    member_bytes: int = MAX_MEMBER_BYTES
    total_bytes: int = MAX_TOTAL_BYTES
    members: int = MAX_MEMBERS
    ratio: int = MAX_RATIO


#: The limits every archive is held to unless a caller passes others.
LIMITS = ZipLimits()


class DamagedZip(SourceError):
    """Bytes that are not a readable ZIP archive (as opposed to one refused for its size)."""


class Archive:
    """A ZIP archive in memory whose declared sizes passed :class:`ZipLimits`.

    Raises :class:`SourceError` naming ``path`` ("refused: …") when a limit is exceeded and
    :class:`DamagedZip` when the bytes are not a readable archive.
    """

    def __init__(self, data: bytes, path: object, limits: ZipLimits = LIMITS) -> None:
        self.path = path
        entries = data.count(_ENTRY_SIGNATURE)
        if entries > limits.members:
            raise SourceError(path, f"refused: {entries} archive members (limit {limits.members})")
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
        except _DAMAGE as err:
            raise DamagedZip(path, f"damaged ZIP container ({err or type(err).__name__})") from None
        _check(self._zip.infolist(), path, limits)
        # The last entry of a name is the one zipfile reads by name, as python-docx does.
        self._members = {info.filename: info for info in self._zip.infolist() if not info.is_dir()}
        self.names = frozenset(self._members)

    def read(self, name: str) -> bytes:
        """A member's bytes, inflated a chunk at a time: never more than its checked declared size."""
        info = self._members[name]
        try:
            with self._zip.open(info) as member:
                return b"".join(iter(lambda: member.read(CHUNK), b""))
        except _DAMAGE as err:
            reason = f"{_shown(name)} ({err or type(err).__name__})"
            raise DamagedZip(self.path, f"damaged ZIP container: {reason}") from None

    def repacked(self) -> bytes:
        """The archive again with every member stored uncompressed, for code that inflates whole
        members itself: a stored member is exactly its bytes, so no header can lie about it."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
            for name in self._members:
                copy.writestr(name, self.read(name))
        return out.getvalue()


def _check(members: Iterable[zipfile.ZipInfo], path: object, limits: ZipLimits) -> None:
    """Refuse, from declared sizes alone, what would inflate too far."""
    total = 0
    for info in members:
        name, size = _shown(info.filename), info.file_size
        if info.compress_type not in _METHODS:
            raise SourceError(path, f"refused: {name} uses compression method {info.compress_type} (Word uses deflate)")
        if size > limits.member_bytes:
            raise SourceError(path, f"refused: {name} would inflate to {_mb(size)} (limit {_mb(limits.member_bytes)})")
        if size >= RATIO_FLOOR and size > limits.ratio * max(info.compress_size, 1):
            ratio = size / max(info.compress_size, 1)
            raise SourceError(path, f"refused: {name} is compressed {ratio:.0f} to 1 (limit {limits.ratio} to 1)")
        total += size
    if total > limits.total_bytes:
        raise SourceError(path, f"refused: the archive would inflate to {_mb(total)} (limit {_mb(limits.total_bytes)})")


def _shown(name: str, width: int = 80) -> str:
    """A member name as an error line shows it (a crafted name can be 64 KB long)."""
    return name if len(name) <= width else name[: width - 1] + "…"


def _mb(size: int) -> str:
    return f"{size / 1e6:,.0f} MB" if size >= 10_000_000 else f"{size / 1e6:.2g} MB"
