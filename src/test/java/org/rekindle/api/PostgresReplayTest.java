package org.rekindle.api;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import org.rekindle.testing.PostgresTestDatabase;

/** Replay with the decision log on PostgreSQL, in a schema of its own (skipped without a server). */
class PostgresReplayTest extends ReplayContract {

    @TempDir
    Path dir;

    private PostgresTestDatabase database;

    @Override
    Path dir() {
        return dir;
    }

    @Override
    String db() {
        database = PostgresTestDatabase.create();
        return database.jdbcUrl();
    }

    @AfterEach
    void dropSchema() {
        if (database != null) {
            database.close();
        }
    }
}
