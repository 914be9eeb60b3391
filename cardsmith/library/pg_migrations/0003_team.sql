-- Team semantics: members with roles (tokens kept only as SHA-256 digests), every write attributed
-- to a member with the card before and after it, and soft-deleted cards (restorable until purged).
CREATE TABLE members (
    name text PRIMARY KEY,
    role text NOT NULL CHECK (role IN ('editor', 'reader')),
    token_sha256 bytea NOT NULL UNIQUE,
    added double precision NOT NULL
);

ALTER TABLE history ADD COLUMN member text;
ALTER TABLE history ADD COLUMN card_id bigint;
ALTER TABLE history ADD COLUMN before jsonb;
ALTER TABLE history ADD COLUMN after jsonb;
CREATE INDEX history_card ON history (card_id, id) WHERE card_id IS NOT NULL;

-- A deleted card keeps its row (deleted: when) and moves its vectors out of the HNSW-indexed table,
-- so dense search never meets it; restoring moves them back.
ALTER TABLE cards ADD COLUMN deleted double precision;
CREATE INDEX cards_deleted ON cards (deleted) WHERE deleted IS NOT NULL;
CREATE TABLE deleted_vectors (
    owner bigint NOT NULL,
    field smallint NOT NULL,
    vec halfvec(384) NOT NULL
);
CREATE INDEX deleted_vectors_owner ON deleted_vectors (owner);

-- Edits logged before this version named their card only in the detail.
UPDATE history SET card_id = (detail->>'id')::bigint WHERE action = 'update_card';
