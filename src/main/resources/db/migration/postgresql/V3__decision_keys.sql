-- What auditors filter and count decisions by, kept beside each decision so that queries over a
-- million decisions use indexes instead of reading the JSON. Kept in step with
-- ../sqlite/V2__decision_keys.sql. Decisions stored before this migration have no path and no keys:
-- they are found by time and ruleset version only.

ALTER TABLE decisions ADD COLUMN path TEXT;

-- One row per rule that fired (kind 'r') and per card the plan shows (kind 'c').
CREATE TABLE decision_keys (
    decision_id TEXT NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    value       TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (kind, value, created_at, decision_id)
);
CREATE INDEX decision_keys_decision ON decision_keys (decision_id);
CREATE INDEX decisions_version_created ON decisions (ruleset_version, created_at);
CREATE INDEX decisions_path_created ON decisions (path, created_at);
