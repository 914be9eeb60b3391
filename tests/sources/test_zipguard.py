"""The zip guard: archives are refused from their declared sizes before anything is inflated, and
what is read never inflates more than what was declared and checked."""

from __future__ import annotations

import io
import tracemalloc
import zipfile
import zlib
from unittest import mock

import pytest

from cardsmith.errors import SourceError
from cardsmith.sources.zipguard import LIMITS, Archive, DamagedZip, ZipLimits
from tests.conftest import SHARED
from tests.formats.docx_builder import make_docx, p, r, tag
from tests.sources.hostile import MB, lie_about, with_member, zip_of

DOC = "word/document.xml"


@pytest.fixture(scope="module")
def docx_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("zipguard") / "card.docx"
    return make_docx(path, tag("Batteries work") + p(None, r("Stored solar power", u=True))).read_bytes()


def refused(data: bytes, reason: str, limits: ZipLimits = LIMITS) -> str:
    """The one-line refusal, which must come from the central directory alone (no member opened)."""
    no_opening = mock.patch.object(zipfile.ZipFile, "open", side_effect=AssertionError("a member was opened"))
    with no_opening, pytest.raises(SourceError, match=reason) as caught:
        Archive(data, "x.docx", limits)
    assert not isinstance(caught.value, DamagedZip)
    message = str(caught.value)
    assert message.startswith("x.docx: refused: ") and "\n" not in message
    return message


def test_a_docx_passes_and_reads(docx_bytes: bytes) -> None:
    archive = Archive(docx_bytes, "x.docx")
    assert DOC in archive.names
    assert b"Batteries work" in archive.read(DOC)


def test_declared_size_is_refused_before_inflating(docx_bytes: bytes) -> None:
    bomb = lie_about(docx_bytes, DOC, 200 * MB)
    assert refused(bomb, "inflate") == "x.docx: refused: word/document.xml would inflate to 200 MB (limit 64 MB)"


def test_real_bomb_is_refused_before_inflating(docx_bytes: bytes) -> None:
    bomb = with_member(docx_bytes, DOC, 100 * MB)  # about 100 KB
    assert len(bomb) < MB
    refused(bomb, "word/document.xml would inflate to 100 MB")


def test_compression_ratio(docx_bytes: bytes) -> None:
    refused(with_member(docx_bytes, DOC, 2 * MB), r"word/document.xml is compressed \d+ to 1 \(limit 200 to 1\)")


def test_small_members_may_compress_well(docx_bytes: bytes) -> None:
    Archive(with_member(docx_bytes, "word/webSettings.xml", MB - 1), "x.docx")


def test_total_size() -> None:
    members = {f"word/media/image{i}.bin": bytes(range(256)) * 40 for i in range(4)}  # 10 KB each
    refused(zip_of(members), "the archive would inflate to 0.041 MB", ZipLimits(total_bytes=30_000))


def test_member_count(docx_bytes: bytes) -> None:
    members = {f"word/media/{i}.png": b"" for i in range(6)}
    refused(zip_of(members), "6 archive members", ZipLimits(members=5))
    Archive(docx_bytes, "x.docx", ZipLimits(members=len(zipfile.ZipFile(io.BytesIO(docx_bytes)).infolist())))


def test_methods_that_inflate_without_bound_are_refused() -> None:
    refused(zip_of({DOC: b"<w:document/>"}, zipfile.ZIP_BZIP2), "compression method 12")


def test_a_lying_header_never_inflates_past_the_declared_size(docx_bytes: bytes) -> None:
    """zipfile stops at a member's declared size, but its read() first inflates up to 1 GiB in
    one step; the guard reads a chunk at a time, so memory stays far below the real size."""
    real = 64 * MB
    lying = lie_about(with_member(docx_bytes, DOC, real), DOC, 1000, zlib.crc32(bytes(1000)))
    archive = Archive(lying, "x.docx")
    tracemalloc.start()
    try:
        data = archive.read(DOC)
        package = archive.repacked()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert data == bytes(1000)
    assert zipfile.ZipFile(io.BytesIO(package)).getinfo(DOC).file_size == 1000
    assert peak < real // 8


def test_a_lie_the_crc_catches_is_damage(docx_bytes: bytes) -> None:
    archive = Archive(lie_about(with_member(docx_bytes, DOC, 5000), DOC, 1000), "x.docx")
    with pytest.raises(DamagedZip, match="x.docx: damaged ZIP container: word/document.xml"):
        archive.read(DOC)


@pytest.mark.parametrize("cut", [0.1, 0.5, 0.9])
def test_truncated_archive_is_damaged(docx_bytes: bytes, cut: float) -> None:
    with pytest.raises(DamagedZip, match="x.docx: damaged ZIP container"):
        Archive(docx_bytes[: int(len(docx_bytes) * cut)], "x.docx").repacked()


def test_repacked_members_are_stored_and_whole(docx_bytes: bytes) -> None:
    original = zipfile.ZipFile(io.BytesIO(docx_bytes))
    copy = zipfile.ZipFile(io.BytesIO(Archive(docx_bytes, "x.docx").repacked()))
    assert {i.compress_type for i in copy.infolist()} == {zipfile.ZIP_STORED}
    assert {n: copy.read(n) for n in copy.namelist()} == {n: original.read(n) for n in original.namelist()}


@pytest.mark.skipif(not (SHARED / "data").is_dir(), reason="../shared/data is absent: no real Verbatim files")
def test_real_verbatim_files_pass_with_room() -> None:
    """The figures behind the limits (see the zipguard docstring)."""
    paths = sorted((SHARED / "data").rglob("*.docx"))
    tight = ZipLimits(member_bytes=16 * MB, total_bytes=32 * MB, members=100, ratio=50)
    for path in paths:
        Archive(path.read_bytes(), path, tight)
    assert paths
