"""Errors a user can cause. Each renders as one line naming the input and the reason."""

from __future__ import annotations


class CardsmithError(Exception):
    """Base for expected failures; the CLI prints ``str(err)`` and exits non-zero."""


class SourceError(CardsmithError):
    """A file that cannot be read as a source: ``"<path>: <reason>"``."""

    def __init__(self, path: object, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class DiskFull(CardsmithError):
    """Nothing more fits on the library's disk. It ends a batch: every later file would fail the
    same way, and only after the slow part (embedding its cards)."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"disk full ({reason})")
