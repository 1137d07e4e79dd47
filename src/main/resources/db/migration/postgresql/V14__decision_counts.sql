-- Per-day counts of decisions, so that counting a long period reads one row per day and key instead of
-- every decision_keys row of it. Kept in step with ../sqlite/V14__decision_counts.sql.
-- kind 'd' (value ''): decisions; 'p': the plan's path; 'r': a rule that fired; 'c': a card shown.
-- day is the UTC date of created_at. JdbcDecisionLog adds to it in the transaction that inserts the
-- decisions; the trigger below takes away what a deleted decision added, whatever deletes it (erasure,
-- retention), so the counts stay exact.
CREATE TABLE decision_counts (
    day   date NOT NULL,
    kind  text NOT NULL,
    value text NOT NULL,
    n     bigint NOT NULL,
    PRIMARY KEY (day, kind, value)
);

INSERT INTO decision_counts (day, kind, value, n)
    SELECT (created_at AT TIME ZONE 'UTC')::date, 'd', '', COUNT(*) FROM decisions GROUP BY 1;
INSERT INTO decision_counts (day, kind, value, n)
    SELECT (created_at AT TIME ZONE 'UTC')::date, 'p', path, COUNT(*) FROM decisions WHERE path IS NOT NULL
    GROUP BY 1, 3;
INSERT INTO decision_counts (day, kind, value, n)
    SELECT (created_at AT TIME ZONE 'UTC')::date, kind, value, COUNT(*) FROM decision_keys GROUP BY 1, 2, 3;

-- BEFORE, so that the decision's keys are still there (the foreign key's cascade deletes them after).
CREATE FUNCTION decision_counts_forget() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    d date := (OLD.created_at AT TIME ZONE 'UTC')::date;
BEGIN
    UPDATE decision_counts SET n = n - 1
        WHERE day = d
          AND ((kind = 'd' AND value = '')
            OR (kind = 'p' AND value = OLD.path)
            OR (kind, value) IN (SELECT k.kind, k.value FROM decision_keys k WHERE k.decision_id = OLD.id));
    DELETE FROM decision_counts WHERE day = d AND n <= 0;
    RETURN OLD;
END
$$;

CREATE TRIGGER decisions_forget_counts BEFORE DELETE ON decisions
    FOR EACH ROW EXECUTE FUNCTION decision_counts_forget();
