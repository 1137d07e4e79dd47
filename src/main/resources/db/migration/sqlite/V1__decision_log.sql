-- The decision log on SQLite. Kept in step with ../postgresql/V1__decision_log.sql: same tables,
-- columns and indexes; only the types differ.

-- One row per decision, as the app and the auditor saw it. The JSON columns hold the text exactly as
-- given. created_at is UTC ISO-8601 text with six fractional digits (2025-03-01T09:30:00.123456Z), so
-- that text order is time order.
CREATE TABLE decisions (
    id              TEXT NOT NULL PRIMARY KEY,
    created_at      TEXT NOT NULL,
    ruleset_version TEXT NOT NULL,
    subject         TEXT,
    couple          TEXT,
    partner         TEXT,
    owner           TEXT,
    answers_json    TEXT NOT NULL,
    plan_json       TEXT NOT NULL,
    trace_json      TEXT NOT NULL
);

CREATE INDEX decisions_created_at ON decisions (created_at);
CREATE INDEX decisions_subject ON decisions (subject);
CREATE INDEX decisions_couple ON decisions (couple);

-- Rule and content files, stored once per distinct content (sha256 = lowercase hex of the bytes).
CREATE TABLE bundle_files (
    sha256 TEXT NOT NULL PRIMARY KEY,
    bytes  BLOB NOT NULL
);

-- Which files, at which paths, make up a ruleset version: enough to rebuild it with new Bundle(files).
CREATE TABLE bundle_versions (
    version TEXT NOT NULL,
    path    TEXT NOT NULL,
    sha256  TEXT NOT NULL REFERENCES bundle_files (sha256),
    PRIMARY KEY (version, path)
);
