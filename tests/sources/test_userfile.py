"""The shared reader of user files: regular files only, never more than the cap, never a hang."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cardsmith.errors import SourceError
from cardsmith.sources.userfile import read_user_file
from tests.sources.hostile import fed_fifo

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
needs_dev_zero = pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero on this system")


def refused(path: Path, reason: str, **kwargs: int) -> None:
    with pytest.raises(SourceError, match=reason) as caught:
        read_user_file(path, **kwargs)
    assert str(caught.value).startswith(f"{path}: ") and "\n" not in str(caught.value)


def test_reads_a_regular_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 100)
    assert read_user_file(path, max_bytes=100) == b"x" * 100


@needs_fifo
def test_named_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    with fed_fifo(tmp_path / "p.docx") as pipe:
        refused(pipe, "not a regular file")


@needs_dev_zero
def test_link_to_an_endless_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "z.jsonl"
    link.symlink_to("/dev/zero")
    refused(link, "not a regular file", max_bytes=1000)  # the small cap bounds a regression too


def test_link_to_a_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_bytes(b"words")
    (tmp_path / "link.txt").symlink_to(tmp_path / "real.txt")
    assert read_user_file(tmp_path / "link.txt") == b"words"


def test_missing_dangling_and_directory(tmp_path: Path) -> None:
    refused(tmp_path / "nope.txt", "no such file")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    refused(tmp_path / "dangling.txt", "no such file")
    refused(tmp_path, "is a directory")


def test_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_bytes(b"x" * 101)
    refused(path, r"file too large \(0.0 MB; the limit is 0.0001 MB\)", max_bytes=100)


@pytest.mark.skipif(getattr(os, "geteuid", lambda: -1)() == 0, reason="root reads files whatever their permissions")
def test_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_bytes(b"secret")
    path.chmod(0)
    refused(path, "permission denied")
