package org.rekindle.api;

import java.sql.Connection;
import java.sql.SQLException;

import org.junit.jupiter.api.AfterAll;

import org.rekindle.testing.PostgresTestDatabase;

/**
 * Feedback on cards on PostgreSQL, in a schema of its own. Skipped with a message when no server
 * answers, unless REKINDLE_REQUIRE_PG=1 (CI), when it fails instead.
 */
class PostgresFeedbackApiTest extends FeedbackApiContract {

    private PostgresTestDatabase database;

    @Override
    String db() {
        database = PostgresTestDatabase.create();
        return database.jdbcUrl();
    }

    @Override
    Connection connect() throws SQLException {
        return database.connect();
    }

    @AfterAll
    void dropSchema() {
        if (database != null) {
            database.close();
        }
    }
}
