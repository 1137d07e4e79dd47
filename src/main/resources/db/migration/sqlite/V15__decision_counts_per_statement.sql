-- The per-day counts: each table takes away what its own deleted rows counted. Kept in step with
-- ../postgresql/V15__decision_counts_per_statement.sql, where the same split lets a whole statement's
-- rows be subtracted at once. SQLite has row triggers only; it updates a row in place (no versions
-- piling up in the transaction), and each update here is one lookup by the full primary key, where
-- V14's read the deleted decision's keys and its day's other counts.
-- decisions take away the kinds 'd' and 'p'; decision_keys (which carry created_at) 'r' and 'c', when
-- decisions_erase_keys deletes a deleted decision's keys, or when anything else deletes keys.

DROP TRIGGER decisions_forget_counts;

CREATE TRIGGER decisions_forget_counts AFTER DELETE ON decisions
BEGIN
    UPDATE decision_counts SET n = n - 1 WHERE day = substr(OLD.created_at, 1, 10) AND kind = 'd' AND value = '';
    DELETE FROM decision_counts WHERE day = substr(OLD.created_at, 1, 10) AND kind = 'd' AND value = '' AND n <= 0;
    UPDATE decision_counts SET n = n - 1 WHERE day = substr(OLD.created_at, 1, 10) AND kind = 'p' AND value = OLD.path;
    DELETE FROM decision_counts
        WHERE day = substr(OLD.created_at, 1, 10) AND kind = 'p' AND value = OLD.path AND n <= 0;
END;

CREATE TRIGGER decision_keys_forget_counts AFTER DELETE ON decision_keys
BEGIN
    UPDATE decision_counts SET n = n - 1
        WHERE day = substr(OLD.created_at, 1, 10) AND kind = OLD.kind AND value = OLD.value;
    DELETE FROM decision_counts
        WHERE day = substr(OLD.created_at, 1, 10) AND kind = OLD.kind AND value = OLD.value AND n <= 0;
END;
