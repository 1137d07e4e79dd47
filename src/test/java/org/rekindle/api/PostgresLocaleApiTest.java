package org.rekindle.api;

import org.junit.jupiter.api.AfterAll;

import org.rekindle.testing.PostgresTestDatabase;

/**
 * Locales on PostgreSQL, in a schema of its own. Skipped with a message when no
 * server answers, unless REKINDLE_REQUIRE_PG=1 (CI), when it fails instead.
 */
class PostgresLocaleApiTest extends LocaleApiContract {

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
