-- Shadow before promote. The candidate in shadow: at most one row; stopping or promoting the shadow deletes it.
CREATE TABLE shadow (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    version    TEXT NOT NULL,
    started_at TIMESTAMPTZ NOT NULL
);

-- What each replica reports of the shadow: the candidate it has compiled and holds ready, or the one it refused.
ALTER TABLE replicas ADD COLUMN shadow_ready TEXT;
ALTER TABLE replicas ADD COLUMN shadow_refused TEXT;

-- How the candidate's plan for a live decision would have differed from the plan sent: ids only (paths and
-- cards), never answers. One row per compared decision, erased with it (the cascade), so retention and
-- erasure need nothing more. Decisions an answer to a private question decided (under either version) have no row.
CREATE TABLE shadow_diffs (
    decision_id    TEXT PRIMARY KEY REFERENCES decisions (id) ON DELETE CASCADE,
    candidate      TEXT NOT NULL,
    live_version   TEXT NOT NULL,
    compared_at    TIMESTAMPTZ NOT NULL,
    path_from      TEXT,
    path_to        TEXT,
    focus_changed  BOOLEAN NOT NULL,
    cards_added    TEXT NOT NULL,
    cards_dropped  TEXT NOT NULL
);
CREATE INDEX shadow_diffs_candidate ON shadow_diffs (candidate);
