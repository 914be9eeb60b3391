"""Telling a URL from a file name, shared by the command line (which must not turn one into a path)
and the source readers (which fetch it), without importing either."""

from __future__ import annotations

import re

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def looks_like_url(text: str) -> bool:
    """True for ``scheme://…``: no file name a user types starts so, and a Path would collapse its ``//``."""
    return bool(_SCHEME.match(text))
