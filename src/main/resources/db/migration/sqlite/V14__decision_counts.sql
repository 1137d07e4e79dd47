-- Per-day counts of decisions, so that counting a long period reads one row per day and key instead of
-- every decision_keys row of it. Kept in step with ../postgresql/V14__decision_counts.sql.
-- kind 'd' (value ''): decisions; 'p': the plan's path; 'r': a rule that fired; 'c': a card shown.
-- day is the UTC date of created_at (its first ten characters). JdbcDecisionLog adds to it in the
-- transaction that inserts the decisions; the trigger below takes away what a deleted decision added,
-- whatever deletes it (erasure, retention), so the counts stay exact.
CREATE TABLE decision_counts (
    day   TEXT NOT NULL,
    kind  TEXT NOT NULL,
    value TEXT NOT NULL,
    n     INTEGER NOT NULL,
    PRIMARY KEY (day, kind, value)
);

INSERT INTO decision_counts (day, kind, value, n)
    SELECT substr(created_at, 1, 10), 'd', '', COUNT(*) FROM decisions GROUP BY substr(created_at, 1, 10);
INSERT INTO decision_counts (day, kind, value, n)
    SELECT substr(created_at, 1, 10), 'p', path, COUNT(*) FROM decisions WHERE path IS NOT NULL
    GROUP BY substr(created_at, 1, 10), path;
INSERT INTO decision_counts (day, kind, value, n)
    SELECT substr(created_at, 1, 10), kind, value, COUNT(*) FROM decision_keys
    GROUP BY substr(created_at, 1, 10), kind, value;

-- BEFORE, so that the decision's keys are still there (decisions_erase_keys deletes them after).
CREATE TRIGGER decisions_forget_counts BEFORE DELETE ON decisions
BEGIN
    UPDATE decision_counts SET n = n - 1
        WHERE day = substr(OLD.created_at, 1, 10)
          AND ((kind = 'd' AND value = '')
            OR (kind = 'p' AND value = OLD.path)
            OR (kind, value) IN (SELECT k.kind, k.value FROM decision_keys k WHERE k.decision_id = OLD.id));
    DELETE FROM decision_counts WHERE day = substr(OLD.created_at, 1, 10) AND n <= 0;
END;
