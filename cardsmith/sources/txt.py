"""Plain text: the decoded file is the source as it is."""

from __future__ import annotations

from cardsmith.sources.extracted import Extracted


def read_txt(text: str) -> Extracted:
    return Extracted(text)
