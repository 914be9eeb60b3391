-- Schema 5 of the SQLite library: the content hash of every file an import completed, so a re-run skips it.
CREATE TABLE imported_files (
    hash text PRIMARY KEY,
    origin text NOT NULL,
    at double precision NOT NULL
);
