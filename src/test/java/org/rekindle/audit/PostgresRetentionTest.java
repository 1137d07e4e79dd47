package org.rekindle.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.AfterEach;

import org.rekindle.testing.PostgresTestDatabase;

/**
 * Retention on PostgreSQL: the rows are deleted (VACUUM of the table follows each batch, as after an
 * erasure; what the WAL and backups keep is the operator's, see docs/SECURITY.md).
 */
class PostgresRetentionTest extends RetentionContract {

    private PostgresTestDatabase database;

    @Override
    String db() {
        database = PostgresTestDatabase.create();
        return database.jdbcUrl();
    }

    @Override
    void assertBytesGone(String db) throws Exception {
        try (Connection connection = database.connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM decisions WHERE subject = '" + OLD_SUBJECT
                     + "'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(1)).isZero();
        }
        try (Connection connection = database.connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM decision_key_sets WHERE decision_id LIKE 'old-%'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(1)).isZero();
        }
    }

    @AfterEach
    void dropSchema() {
        if (database != null) {
            database.close();
        }
    }
}
