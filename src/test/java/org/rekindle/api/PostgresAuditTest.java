package org.rekindle.api;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

import org.rekindle.testing.PostgresTestDatabase;

/** The auditor's questions with the decision log on PostgreSQL, in a schema of its own. */
class PostgresAuditTest extends AuditContract {

    @TempDir
    static Path dir;

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

    @AfterAll
    void dropSchema() {
        if (database != null) {
            database.close();
        }
    }
}
