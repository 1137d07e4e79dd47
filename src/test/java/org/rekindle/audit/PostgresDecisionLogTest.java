package org.rekindle.audit;

import java.sql.Connection;
import java.sql.SQLException;

import org.rekindle.testing.PostgresTestDatabase;

/**
 * The decision log contract on PostgreSQL, each test in a schema of its own. Skipped with a
 * message when no server is reachable, failed instead when {@code REKINDLE_REQUIRE_PG=1}.
 */
class PostgresDecisionLogTest extends DecisionLogContract {

    private PostgresTestDatabase database;

    @Override
    String createDatabase() {
        database = PostgresTestDatabase.create();
        return database.jdbcUrl();
    }

    @Override
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Override
    Connection connect() throws SQLException {
        return database.connect();
    }
}
