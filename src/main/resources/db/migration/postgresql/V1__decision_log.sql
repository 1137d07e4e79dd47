-- The decision log on PostgreSQL. Kept in step with ../sqlite/V1__decision_log.sql: same tables,
-- columns and indexes; only the types differ.

-- One row per decision, as the app and the auditor saw it. The JSON columns are text, not jsonb, so
-- that they hold exactly what was given.
CREATE TABLE decisions (
    id              text PRIMARY KEY,
    created_at      timestamptz NOT NULL,
    ruleset_version text NOT NULL,
    subject         text,
    couple          text,
    partner         text,
    owner           text,
    answers_json    text NOT NULL,
    plan_json       text NOT NULL,
    trace_json      text NOT NULL
);

CREATE INDEX decisions_created_at ON decisions (created_at);
CREATE INDEX decisions_subject ON decisions (subject);
CREATE INDEX decisions_couple ON decisions (couple);

-- Rule and content files, stored once per distinct content (sha256 = lowercase hex of the bytes).
CREATE TABLE bundle_files (
    sha256 text PRIMARY KEY,
    bytes  bytea NOT NULL
);

-- Which files, at which paths, make up a ruleset version: enough to rebuild it with new Bundle(files).
CREATE TABLE bundle_versions (
    version text NOT NULL,
    path    text NOT NULL,
    sha256  text NOT NULL REFERENCES bundle_files (sha256),
    PRIMARY KEY (version, path)
);
