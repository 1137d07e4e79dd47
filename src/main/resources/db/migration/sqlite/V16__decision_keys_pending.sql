-- The pending keys: each newly appended decision's rule and card keys as one row, in insertion order,
-- until the log moves them into decision_keys and the per-day counts many decisions at a time (see
-- PendingKeys). Kept in step with ../postgresql/V16__decision_keys_pending.sql.
-- packed: each key's kind letter ('r' a rule, 'c' a card) and id, one per line, between line breaks.
-- Ids only, never an answer.
CREATE TABLE decision_keys_pending (
    decision_id TEXT NOT NULL PRIMARY KEY,
    created_at  TEXT NOT NULL,
    packed      TEXT NOT NULL
);

-- Erasure and retention delete the decision; its keys go with it, indexed or still pending.
DROP TRIGGER decisions_erase_keys;
CREATE TRIGGER decisions_erase_keys AFTER DELETE ON decisions
BEGIN
    DELETE FROM decision_keys WHERE decision_id = OLD.id;
    DELETE FROM decision_keys_pending WHERE decision_id = OLD.id;
END;
