-- The per-day counts lose what a DELETE took once per statement instead of once per deleted decision.
-- Kept in step with ../sqlite/V15__decision_counts_per_statement.sql.
--
-- V14's row trigger updated the same rows of decision_counts once per deleted decision: a retention
-- batch of 500 decisions of one day wrote 500 versions of each of that day's rows in one transaction
-- (each update walking the versions before it), about 2-5 s a batch with appends waiting on the counts.
-- Here each table subtracts what its own deleted rows counted, grouped, so each count row is updated
-- once per statement: decisions the kinds 'd' and 'p', decision_keys (which carry created_at) the
-- kinds 'r' and 'c'. Whatever deletes decisions (erasure, retention, a statement by hand) keeps the
-- counts exact: a decision's keys go through the foreign key's cascade, and PostgreSQL gathers the keys
-- a statement's cascade deletes into one transition table, so decision_keys' trigger runs once per
-- DELETE on decisions too (a DELETE on decision_keys itself counts the same way). A deleting
-- transaction takes the counts first (Dialect.lockCounts), so it cannot deadlock with the appends.

DROP TRIGGER decisions_forget_counts ON decisions;
DROP FUNCTION decision_counts_forget();

CREATE FUNCTION decision_counts_forget_decisions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE decision_counts c SET n = c.n - g.n
        FROM (SELECT (created_at AT TIME ZONE 'UTC')::date AS day, 'd' AS kind, '' AS value, COUNT(*) AS n
                FROM gone GROUP BY 1
              UNION ALL
              SELECT (created_at AT TIME ZONE 'UTC')::date, 'p', path, COUNT(*)
                FROM gone WHERE path IS NOT NULL GROUP BY 1, 3) g
        WHERE c.day = g.day AND c.kind = g.kind AND c.value = g.value;
    DELETE FROM decision_counts
        WHERE n <= 0 AND kind IN ('d', 'p')
          AND day IN (SELECT DISTINCT (created_at AT TIME ZONE 'UTC')::date FROM gone);
    RETURN NULL;
END
$$;

CREATE FUNCTION decision_counts_forget_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE decision_counts c SET n = c.n - g.n
        FROM (SELECT (created_at AT TIME ZONE 'UTC')::date AS day, kind, value, COUNT(*) AS n
                FROM gone GROUP BY 1, 2, 3) g
        WHERE c.day = g.day AND c.kind = g.kind AND c.value = g.value;
    DELETE FROM decision_counts
        WHERE n <= 0 AND kind IN ('r', 'c')
          AND day IN (SELECT DISTINCT (created_at AT TIME ZONE 'UTC')::date FROM gone);
    RETURN NULL;
END
$$;

CREATE TRIGGER decisions_forget_counts AFTER DELETE ON decisions
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION decision_counts_forget_decisions();
CREATE TRIGGER decision_keys_forget_counts AFTER DELETE ON decision_keys
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION decision_counts_forget_keys();
