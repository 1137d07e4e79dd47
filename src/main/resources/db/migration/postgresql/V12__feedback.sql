-- Feedback on cards, in the CDS Hooks feedback shape. Kept in step with ../sqlite/V12__feedback.sql.
-- One row per feedback item: the card, the rules that showed it in that decision (comma-separated ids,
-- copied at feedback time so that counts per rule need no trace), the outcome (accepted or overridden),
-- whether a focus step was done, the override's reason and the person's comment, and when. Erased with
-- the decision it belongs to (JdbcDecisionLog deletes both in one transaction).
CREATE TABLE feedback (
    id              text PRIMARY KEY,
    decision_id     text NOT NULL,
    received_at     text NOT NULL,
    position        integer NOT NULL,
    card            text NOT NULL,
    rules           text NOT NULL,
    outcome         text NOT NULL,
    done            boolean NOT NULL,
    reason          text,
    user_comment    text,
    outcome_at      text NOT NULL
);

CREATE INDEX feedback_decision ON feedback (decision_id);
