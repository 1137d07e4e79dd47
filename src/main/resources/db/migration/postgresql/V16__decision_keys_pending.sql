-- The pending keys: each newly appended decision's rule and card keys as one row, in insertion order,
-- until the log moves them into decision_keys and the per-day counts many decisions at a time (see
-- PendingKeys). Kept in step with ../sqlite/V16__decision_keys_pending.sql.
-- packed: each key's kind letter ('r' a rule, 'c' a card) and id, one per line, between line breaks.
-- Ids only, never an answer. Erasure and retention delete the decision; the cascade takes its row.
CREATE TABLE decision_keys_pending (
    decision_id TEXT NOT NULL PRIMARY KEY REFERENCES decisions (id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL,
    packed      TEXT NOT NULL
);
