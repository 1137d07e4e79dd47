-- What auditors filter and count decisions by, kept beside each decision so that queries over a
-- million decisions use indexes instead of reading the JSON. Kept in step with
-- ../postgresql/V3__decision_keys.sql. Decisions stored before this migration have no path and no
-- keys: they are found by time and ruleset version only.

-- The id of the plan's path, or null.
ALTER TABLE decisions ADD COLUMN path TEXT;

-- One row per rule that fired (kind 'r') and per card the plan shows (kind 'c').
CREATE TABLE decision_keys (
    decision_id TEXT NOT NULL,
    kind        TEXT NOT NULL,
    value       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (kind, value, created_at, decision_id)
);
CREATE INDEX decision_keys_decision ON decision_keys (decision_id);
CREATE INDEX decisions_version_created ON decisions (ruleset_version, created_at);
CREATE INDEX decisions_path_created ON decisions (path, created_at);

-- Erasure deletes the decision; its keys go with it whatever the connection's foreign-key setting.
CREATE TRIGGER decisions_erase_keys AFTER DELETE ON decisions
BEGIN
    DELETE FROM decision_keys WHERE decision_id = OLD.id;
END;
