-- Compress the decision JSON with lz4 instead of PostgreSQL's default pglz. A full plan and its trace
-- are ~175 KB of text per decision; pglz spends several milliseconds of the one group-commit writer's
-- backend on each, which capped POST /v1/assessments at about half the rate lz4 allows, for nearly
-- the same stored size (see "HTTP load" in docs/BENCHMARKS.md). Rows already stored keep pglz; both
-- read back the same. SQLite stores text uncompressed and has no counterpart to this migration.
-- lz4 needs PostgreSQL 14 or later built with it (Debian, PGDG and the official images are): on any
-- other server the columns keep pglz and the migration still succeeds.
DO $$
BEGIN
    EXECUTE 'ALTER TABLE decisions
                 ALTER COLUMN answers_json SET COMPRESSION lz4,
                 ALTER COLUMN plan_json SET COMPRESSION lz4,
                 ALTER COLUMN trace_json SET COMPRESSION lz4';
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'lz4 compression is not available here (%); decisions stay compressed with pglz', SQLERRM;
END
$$;
