-- Posting lists instead of one row per key and decision. Kept in step with
-- ../postgresql/V17__decision_key_postings.sql; see KeySets for the design.
--
-- decision_keys held each decision's ~125 rule and card keys as rows ordered by key, so every flush of
-- the pending keys wrote some 16,000 rows onto pages all over its index: about 1 ms of the writer's CPU
-- and 235 KB written per decision. Now a decision's keys stay the one row they are written as, and a
-- flush writes one posting per key it met: "these keys occur in batch B, between first_at and
-- last_at", some 300 rows for 128 decisions.

-- A decision's rule and card keys, packed as before (each key's kind letter and id, one per line,
-- between line breaks; ids only, never an answer). batch is null while the keys are pending, that is
-- neither counted in decision_counts nor posted yet; a flush sets it.
CREATE TABLE decision_key_sets (
    decision_id TEXT NOT NULL PRIMARY KEY,
    created_at  TEXT NOT NULL,
    packed      TEXT NOT NULL,
    batch       INTEGER
);
CREATE INDEX decision_key_sets_batch ON decision_key_sets (batch);

-- One row per key and batch: the key occurs in the batch's decision_key_sets rows, which were created
-- between first_at and last_at (those holding the key). A posting may outlive the last decision that
-- held its key only until the batch's postings are rebuilt (erasure and retention do so): queries
-- confirm every decision against its packed keys, so a stale posting costs a read, never a wrong answer.
CREATE TABLE decision_key_postings (
    kind     TEXT NOT NULL,
    value    TEXT NOT NULL,
    last_at  TEXT NOT NULL,
    batch    INTEGER NOT NULL,
    first_at TEXT NOT NULL,
    PRIMARY KEY (kind, value, last_at, batch)
);
CREATE INDEX decision_key_postings_batch ON decision_key_postings (batch);

-- The keys already moved into decision_keys (and counted): one row per decision, in batches of 128 in
-- time order, and their postings.
INSERT INTO decision_key_sets (decision_id, created_at, packed, batch)
    SELECT decision_id, created_at, packed,
           (ROW_NUMBER() OVER (ORDER BY created_at, decision_id) - 1) / 128 + 1
    FROM (SELECT decision_id, created_at, char(10) || group_concat(kind || value, char(10)) || char(10) AS packed
          FROM decision_keys GROUP BY decision_id, created_at);
INSERT INTO decision_key_postings (kind, value, last_at, batch, first_at)
    SELECT k.kind, k.value, MAX(k.created_at), s.batch, MIN(k.created_at)
    FROM decision_keys k JOIN decision_key_sets s ON s.decision_id = k.decision_id
    GROUP BY k.kind, k.value, s.batch;

-- The pending keys stay pending, in their order.
INSERT INTO decision_key_sets (decision_id, created_at, packed, batch)
    SELECT decision_id, created_at, packed, NULL FROM decision_keys_pending ORDER BY rowid;

DROP TRIGGER decision_keys_forget_counts;
DROP TRIGGER decisions_erase_keys;
DROP TABLE decision_keys;
DROP TABLE decision_keys_pending;

-- Erasure and retention delete the decision; its keys go with it.
CREATE TRIGGER decisions_erase_keys AFTER DELETE ON decisions
BEGIN
    DELETE FROM decision_key_sets WHERE decision_id = OLD.id;
END;

-- A deleted decision's rules and cards leave its day's counts once they were counted (batch set): its
-- packed keys split line by line, each count row found by its primary key. (Matching every count row of
-- the day against the packed keys instead took 80 ms for a retention batch of 500 decisions against 46,
-- with appends waiting on the write lock: docs/BENCHMARKS.md.) SQLite refuses a WITH clause that begins a trigger's statement, not one
-- inside a subquery, as here; its own test suite covers the case (test/with4.test), and the contract
-- tests run this trigger on the bundled SQLite.
CREATE TRIGGER decision_key_sets_forget_counts AFTER DELETE ON decision_key_sets WHEN OLD.batch IS NOT NULL
BEGIN
    UPDATE decision_counts SET n = n - 1
        WHERE day = substr(OLD.created_at, 1, 10)
          AND (kind, value) IN (
              WITH RECURSIVE split(key, rest) AS (
                  SELECT NULL, substr(OLD.packed, 2)
                  UNION ALL
                  SELECT substr(rest, 1, instr(rest, char(10)) - 1), substr(rest, instr(rest, char(10)) + 1)
                  FROM split WHERE rest <> '')
              SELECT substr(key, 1, 1), substr(key, 2) FROM split WHERE key IS NOT NULL);
    DELETE FROM decision_counts WHERE day = substr(OLD.created_at, 1, 10) AND kind IN ('r', 'c') AND n <= 0;
END;
