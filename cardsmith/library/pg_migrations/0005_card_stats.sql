-- BM25 needs the number of live cards and each field's mean length. Counting them at every search
-- reads the whole table; this row keeps the sums, updated once per statement that changes cards.
CREATE TABLE card_stats (
    one boolean PRIMARY KEY DEFAULT true CHECK (one),
    live bigint NOT NULL,
    tag_len bigint NOT NULL,
    underline_len bigint NOT NULL,
    cite_len bigint NOT NULL,
    body_len bigint NOT NULL
);
INSERT INTO card_stats
SELECT true, count(*), COALESCE(sum(length(tag_tsv)), 0), COALESCE(sum(length(underline_tsv)), 0),
       COALESCE(sum(length(cite_tsv)), 0), COALESCE(sum(length(body_tsv)), 0)
FROM cards WHERE deleted IS NULL;

-- One function for the three triggers: rows that go (old_rows) count -1, rows that appear
-- (new_rows) +1; only live rows count. Transition tables are visible only in the trigger function.
CREATE FUNCTION card_stats_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    change text := 'UPDATE card_stats s SET live = s.live + %1$s * d.n, tag_len = s.tag_len + %1$s * d.t,'
        ' underline_len = s.underline_len + %1$s * d.u, cite_len = s.cite_len + %1$s * d.c,'
        ' body_len = s.body_len + %1$s * d.b'
        ' FROM (SELECT count(*) n, COALESCE(sum(length(tag_tsv)), 0) t,'
        ' COALESCE(sum(length(underline_tsv)), 0) u, COALESCE(sum(length(cite_tsv)), 0) c,'
        ' COALESCE(sum(length(body_tsv)), 0) b FROM %2$I WHERE deleted IS NULL) d WHERE d.n > 0';
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        EXECUTE format(change, -1, 'old_rows');
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        EXECUTE format(change, 1, 'new_rows');
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER card_stats_insert AFTER INSERT ON cards REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION card_stats_change();
CREATE TRIGGER card_stats_delete AFTER DELETE ON cards REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION card_stats_change();
CREATE TRIGGER card_stats_update AFTER UPDATE ON cards REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION card_stats_change();
