"""Who works on a team library: members with a role and a token, and whom each write is attributed to.

A token is shown once, when the member is added; the library keeps only its SHA-256 digest, so a
copy of the database gives nobody a way in. Editors may change the library, readers only search
it. Members belong to a team library (PostgreSQL): a SQLite file is one person's and has none.

A write names its author by :func:`writer`: the member a web request proved with its token
(:func:`acting`), else ``CARDSMITH_AS``, else the account the command runs under.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import re
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cardsmith.errors import CardsmithError

if TYPE_CHECKING:
    from cardsmith.library import Library
    from cardsmith.library.postgres import PostgresStore

ROLES = ("editor", "reader")
#: Random bytes in a token (shown as URL-safe base64, 43 characters).
TOKEN_BYTES = 32
#: The environment variable naming who a command's writes are by (default: the OS account).
AS_ENV = "CARDSMITH_AS"
_NAME = re.compile(r"^[^\x00-\x1f\x7f\u2028\u2029]{1,100}$")
_ACTING: ContextVar[str | None] = ContextVar("cardsmith_member", default=None)


@dataclass(frozen=True)
class Member:
    name: str
    role: str
    added: float

    @property
    def can_write(self) -> bool:
        return self.role == "editor"


@contextmanager
def acting(name: str) -> Iterator[None]:
    """Attribute the writes made inside (in this thread or task) to member ``name``."""
    token = _ACTING.set(name)
    try:
        yield
    finally:
        _ACTING.reset(token)


def writer() -> str:
    """The name the write being made is attributed to (see the module docstring)."""
    name = _ACTING.get() or os.environ.get(AS_ENV, "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no account name in a bare container
        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"


def digest(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).digest()


def team_store(lib: Library, location: object) -> PostgresStore:
    """The library's PostgreSQL store; a one-line CardsmithError for a SQLite library."""
    from cardsmith.library.postgres import PostgresStore

    if not isinstance(lib.store, PostgresStore):
        raise CardsmithError(f"{location}: members, restore and purge need a team library (a postgresql:// URL);"
                             " a SQLite library is one person's")
    return lib.store


def add(store: PostgresStore, name: str, role: str) -> str:
    """Make ``name`` a member with ``role``; returns the token, which is not kept anywhere."""
    name = name.strip()
    if not _NAME.match(name):
        raise CardsmithError(f"{name!r}: a member name is 1 to 100 characters, no control characters")
    if role not in ROLES:
        raise CardsmithError(f"{role}: not a role (one of {', '.join(ROLES)})")
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with store.transaction() as conn:
        row = conn.execute(
            "INSERT INTO members (name, role, token_sha256, added) VALUES (%s, %s, %s, %s)"
            " ON CONFLICT (name) DO NOTHING RETURNING name",
            (name, role, digest(token), time.time()),
        ).fetchone()
    if row is None:
        raise CardsmithError(f"{name}: already a member (remove them first to issue a new token)")
    return token


def members(store: PostgresStore) -> list[Member]:
    with store.transaction() as conn:
        rows = conn.execute("SELECT name, role, added FROM members ORDER BY added, name").fetchall()
    return [Member(*row) for row in rows]


def remove(store: PostgresStore, name: str) -> bool:
    """Take ``name``'s token away (their writes stay attributed to them); False when no such member."""
    with store.transaction() as conn:
        return bool(conn.execute("DELETE FROM members WHERE name = %s", (name,)).rowcount)


def authenticate(store: PostgresStore, token: str) -> Member | None:
    """The member whose token this is, or None. The digest is looked up by index and then compared in
    constant time, so neither step tells anything about another member's token."""
    wanted = digest(token)
    with store.transaction() as conn:
        row = conn.execute("SELECT name, role, added, token_sha256 FROM members WHERE token_sha256 = %s",
                           (wanted,)).fetchone()
    if row is None or not secrets.compare_digest(bytes(row[3]), wanted):
        return None
    return Member(*row[:3])
