-- A team library on PostgreSQL: the tables of the SQLite library's schema 3, with per-field
-- tsvectors (GIN) for full-text search and pgvector half-precision vectors (HNSW, cosine).
-- Identity ids are never handed out twice, deleted rows' included.
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);

CREATE TABLE sources (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key text NOT NULL UNIQUE,
    path text,
    text text NOT NULL,
    metadata jsonb NOT NULL,
    cite_text text NOT NULL,
    authors text NOT NULL,
    year integer,
    added double precision NOT NULL
);

CREATE TABLE passages (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_id bigint NOT NULL REFERENCES sources (id),
    ordinal integer NOT NULL,
    start integer NOT NULL,
    "end" integer NOT NULL,
    body text NOT NULL,
    cite_text text NOT NULL,
    body_tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED,
    cite_tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', cite_text)) STORED
);
CREATE INDEX passages_source ON passages (source_id);
CREATE INDEX passages_body_tsv ON passages USING gin (body_tsv);
CREATE INDEX passages_cite_tsv ON passages USING gin (cite_tsv);

CREATE TABLE cards (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key text NOT NULL UNIQUE,
    tag text NOT NULL,
    cite jsonb NOT NULL,
    cite_text text NOT NULL,
    authors text NOT NULL,
    year integer,
    body text NOT NULL,
    underline text NOT NULL,
    marks jsonb NOT NULL,
    outline jsonb NOT NULL,
    source jsonb NOT NULL,
    count integer NOT NULL,
    added double precision NOT NULL,
    formatting jsonb,
    tag_tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', tag)) STORED,
    underline_tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', underline)) STORED,
    cite_tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', cite_text)) STORED,
    body_tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED
);
CREATE INDEX cards_tag_tsv ON cards USING gin (tag_tsv);
CREATE INDEX cards_underline_tsv ON cards USING gin (underline_tsv);
CREATE INDEX cards_cite_tsv ON cards USING gin (cite_tsv);
CREATE INDEX cards_body_tsv ON cards USING gin (body_tsv);

-- seq keeps import order (SQLite's rowid).
CREATE TABLE card_origins (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    card_id bigint NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    origin text NOT NULL,
    ordinal integer NOT NULL,
    outline jsonb NOT NULL,
    UNIQUE (card_id, origin, ordinal)
);

CREATE TABLE origin_layout (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    origin text NOT NULL,
    position integer NOT NULL,
    item text NOT NULL
);
CREATE INDEX origin_layout_origin ON origin_layout (origin);

-- kind: 0 card, 1 passage; field: the vector field the library chose (see Library._embed).
CREATE TABLE vectors (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind smallint NOT NULL,
    owner bigint NOT NULL,
    field smallint NOT NULL,
    vec halfvec(384) NOT NULL
);
CREATE INDEX vectors_owner ON vectors (kind, owner);
CREATE INDEX vectors_hnsw ON vectors USING hnsw (vec halfvec_cosine_ops);

CREATE TABLE history (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at double precision NOT NULL,
    action text NOT NULL,
    detail jsonb NOT NULL
);
