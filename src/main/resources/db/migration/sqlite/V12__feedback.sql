-- Feedback on cards, in the CDS Hooks feedback shape. Kept in step with ../postgresql/V12__feedback.sql.
-- One row per feedback item: the card, the rules that showed it in that decision (comma-separated ids,
-- copied at feedback time so that counts per rule need no trace), the outcome (accepted or overridden),
-- whether a focus step was done, the override's reason and the person's comment, and when. Erased with
-- the decision it belongs to (JdbcDecisionLog deletes both in one transaction).
CREATE TABLE feedback (
    id              TEXT NOT NULL PRIMARY KEY,
    decision_id     TEXT NOT NULL,
    received_at     TEXT NOT NULL,
    position        INTEGER NOT NULL,
    card            TEXT NOT NULL,
    rules           TEXT NOT NULL,
    outcome         TEXT NOT NULL,
    done            INTEGER NOT NULL,
    reason          TEXT,
    user_comment    TEXT,
    outcome_at      TEXT NOT NULL
);

CREATE INDEX feedback_decision ON feedback (decision_id);
