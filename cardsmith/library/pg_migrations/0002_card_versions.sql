-- Schema 4 of the SQLite library: cards count their edits (1 as added), so a stale edit is refused.
ALTER TABLE cards ADD COLUMN version integer NOT NULL DEFAULT 1;
