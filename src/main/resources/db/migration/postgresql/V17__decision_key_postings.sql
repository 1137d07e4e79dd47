-- Posting lists instead of one row per key and decision. Kept in step with
-- ../sqlite/V17__decision_key_postings.sql; see KeySets for the design.
--
-- decision_keys held each decision's ~125 rule and card keys as rows ordered by key, so every flush of
-- the pending keys wrote some 16,000 rows onto pages all over its index. Now a decision's keys stay the
-- one row they are written as, and a flush writes one posting per key it met: "these keys occur in
-- batch B, between first_at and last_at", some 300 rows for 128 decisions.

-- A decision's rule and card keys, packed as before (each key's kind letter and id, one per line,
-- between line breaks; ids only, never an answer). batch is null while the keys are pending, that is
-- neither counted in decision_counts nor posted yet; a flush sets it. Erasure and retention delete the
-- decision; the cascade takes its row.
CREATE TABLE decision_key_sets (
    decision_id TEXT NOT NULL PRIMARY KEY REFERENCES decisions (id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL,
    packed      TEXT NOT NULL,
    batch       BIGINT
);
CREATE INDEX decision_key_sets_batch ON decision_key_sets (batch);

-- Batches are numbered from a sequence: replicas flush at once, each its own claimed rows.
CREATE SEQUENCE decision_key_batch;

-- One row per key and batch: the key occurs in the batch's decision_key_sets rows, which were created
-- between first_at and last_at (those holding the key). A posting may outlive the last decision that
-- held its key only until the batch's postings are rebuilt (erasure and retention do so): queries
-- confirm every decision against its packed keys, so a stale posting costs a read, never a wrong answer.
CREATE TABLE decision_key_postings (
    kind     TEXT NOT NULL,
    value    TEXT NOT NULL,
    last_at  TIMESTAMPTZ NOT NULL,
    batch    BIGINT NOT NULL,
    first_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (kind, value, last_at, batch)
);
CREATE INDEX decision_key_postings_batch ON decision_key_postings (batch);

-- The keys already moved into decision_keys (and counted): one row per decision, in batches of 128 in
-- time order, and their postings.
INSERT INTO decision_key_sets (decision_id, created_at, packed, batch)
    SELECT decision_id, created_at, packed,
           (ROW_NUMBER() OVER (ORDER BY created_at, decision_id) - 1) / 128 + 1
    FROM (SELECT decision_id, created_at, E'\n' || string_agg(kind || value, E'\n') || E'\n' AS packed
          FROM decision_keys GROUP BY decision_id, created_at) grouped;
INSERT INTO decision_key_postings (kind, value, last_at, batch, first_at)
    SELECT k.kind, k.value, MAX(k.created_at), s.batch, MIN(k.created_at)
    FROM decision_keys k JOIN decision_key_sets s ON s.decision_id = k.decision_id
    GROUP BY k.kind, k.value, s.batch;
SELECT setval('decision_key_batch', COALESCE((SELECT MAX(batch) FROM decision_key_sets), 0) + 1, false);

-- The pending keys stay pending.
INSERT INTO decision_key_sets (decision_id, created_at, packed, batch)
    SELECT decision_id, created_at, packed, NULL FROM decision_keys_pending;

DROP TRIGGER decision_keys_forget_counts ON decision_keys;
DROP FUNCTION decision_counts_forget_keys();
DROP TABLE decision_keys;
DROP TABLE decision_keys_pending;

-- A statement's deleted decisions leave their days' rule and card counts once they were counted
-- (batch set), grouped as V15 does, so each count row is updated once per statement: the cascade from
-- decisions gathers a DELETE's rows into one transition table.
CREATE FUNCTION decision_counts_forget_key_sets() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE decision_counts c SET n = c.n - g.n
        FROM (SELECT (gone.created_at AT TIME ZONE 'UTC')::date AS day, substr(key, 1, 1) AS kind,
                     substr(key, 2) AS value, COUNT(*) AS n
                FROM gone CROSS JOIN LATERAL unnest(string_to_array(btrim(gone.packed, E'\n'), E'\n')) AS key
                WHERE gone.batch IS NOT NULL
                GROUP BY 1, 2, 3) g
        WHERE c.day = g.day AND c.kind = g.kind AND c.value = g.value;
    DELETE FROM decision_counts
        WHERE n <= 0 AND kind IN ('r', 'c')
          AND day IN (SELECT DISTINCT (created_at AT TIME ZONE 'UTC')::date FROM gone);
    RETURN NULL;
END
$$;

CREATE TRIGGER decision_key_sets_forget_counts AFTER DELETE ON decision_key_sets
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION decision_counts_forget_key_sets();
