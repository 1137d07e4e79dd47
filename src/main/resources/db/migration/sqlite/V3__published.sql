-- The published ruleset version: one row, the version every replica started with --rules-from db serves.
-- The version's files are in bundle_versions/bundle_files; publishing checks they are there.
-- Timestamps are fixed-width UTC text, as in decisions.
CREATE TABLE published (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    version      TEXT NOT NULL,
    published_at TEXT NOT NULL
);

-- One row per replica, replaced at each heartbeat: what it serves, what it refused and when it last said so.
CREATE TABLE replicas (
    replica         TEXT PRIMARY KEY,
    live_version    TEXT,
    refused_version TEXT,
    reported_at     TEXT NOT NULL
);
