"""Telling a URL from a file name, shared by the command line (which must not turn one into a path),
the source readers (which fetch it) and the library (a PostgreSQL URL), without importing any of them."""

from __future__ import annotations

import re

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def looks_like_url(text: str) -> bool:
    """True for ``scheme://…``: no file name a user types starts so, and a Path would collapse its ``//``."""
    return bool(_SCHEME.match(text))


def is_postgres_url(location: object) -> bool:
    """Whether a library location is a PostgreSQL database (a team's) rather than a SQLite file."""
    return str(location).startswith(("postgresql://", "postgres://"))
