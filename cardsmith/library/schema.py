"""The SQLite library's tables as the current version creates them; migrations.py upgrades older files."""

from __future__ import annotations

#: The schema version this cardsmith writes; stored in ``meta`` as ``cardsmith-library-N``.
VERSION = 5
SCHEMA_PREFIX = "cardsmith-library-"


def schema_id(version: int) -> str:
    return f"{SCHEMA_PREFIX}{version}"


def version_of(value: str | None) -> int | None:
    """The version number in a ``meta`` schema value; None when it is not a cardsmith schema id."""
    if value is None or not value.startswith(SCHEMA_PREFIX) or not value[len(SCHEMA_PREFIX) :].isdigit():
        return None
    return int(value[len(SCHEMA_PREFIX) :])


#: Tables whose ids leave the library (``c12``, ``p7``, source and vector ids). AUTOINCREMENT: an id
#: is never handed out twice, so an id a browser still holds can only ever name the item it named.
ID_TABLES = {
    "sources": "id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT UNIQUE, path TEXT, text TEXT, metadata TEXT,"
    " cite_text TEXT, authors TEXT, year INTEGER, added REAL",
    "passages": "id INTEGER PRIMARY KEY AUTOINCREMENT, source_id INTEGER REFERENCES sources(id),"
    ' ordinal INTEGER, start INTEGER, "end" INTEGER, body TEXT, cite_text TEXT',
    "cards": "id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT UNIQUE, tag TEXT, cite TEXT, cite_text TEXT,"
    " authors TEXT, year INTEGER, body TEXT, underline TEXT, marks TEXT, outline TEXT, source TEXT,"
    " count INTEGER, added REAL, formatting TEXT, version INTEGER NOT NULL DEFAULT 1",
    "vectors": "id INTEGER PRIMARY KEY AUTOINCREMENT, kind INTEGER, owner INTEGER, field INTEGER, vec BLOB",
}
INDEXES = """
CREATE INDEX IF NOT EXISTS passages_source ON passages(source_id);
CREATE INDEX IF NOT EXISTS vectors_owner ON vectors(kind, owner);
"""
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
{"".join(f"CREATE TABLE IF NOT EXISTS {name} ({columns});" for name, columns in ID_TABLES.items())}
{INDEXES}
CREATE TABLE IF NOT EXISTS card_origins (
    card_id INTEGER REFERENCES cards(id), origin TEXT, ordinal INTEGER, outline TEXT,
    UNIQUE (card_id, origin, ordinal));
CREATE TABLE IF NOT EXISTS origin_layout (origin TEXT, position INTEGER, item TEXT);
CREATE INDEX IF NOT EXISTS origin_layout_origin ON origin_layout(origin);
CREATE TABLE IF NOT EXISTS history (id INTEGER PRIMARY KEY, at REAL, action TEXT, detail TEXT);
CREATE TABLE IF NOT EXISTS imported_files (hash TEXT PRIMARY KEY, origin TEXT, at REAL);
CREATE VIRTUAL TABLE IF NOT EXISTS cards_fts USING fts5(tag, underline, cite_text, body,
    content='cards', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(body, cite_text,
    content='passages', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');
"""
