package org.rekindle.api;

import org.junit.jupiter.api.AfterAll;

import org.rekindle.testing.PostgresTestDatabase;

/** Hot reload with the decision log on PostgreSQL, in a schema of its own (skipped without a server). */
class PostgresHotReloadTest extends HotReloadContract {

    private PostgresTestDatabase database;

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
