package org.rekindle.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.zaxxer.hikari.HikariConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * What differs between the two databases the decision log runs on: how connections are set up,
 * where the migrations are, how a timestamp is stored and what erasure has to do afterwards. The
 * SQL itself is shared.
 */
enum Dialect {

    /**
     * One file, many readers, one writer at a time. WAL lets reads run beside the group-commit
     * writer; {@code synchronous=FULL} syncs the WAL on every commit, so a decision survives a crash
     * as soon as {@code append} returns; {@code secure_delete} overwrites erased rows with zeros.
     *
     * <p>Write transactions are deferred and always start with a write statement, which SQLite
     * retries under {@code busy_timeout} when another connection holds the write lock (a transaction
     * that read first could fail at once instead).
     */
    SQLITE("classpath:db/migration/sqlite") {
        /** Fixed width, so that text order is time order; microseconds, like PostgreSQL's timestamptz. */
        private final DateTimeFormatter timestamp =
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

        @Override
        void configure(HikariConfig pool, DbSetting setting) {
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
            config.enforceForeignKeys(true);
            config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
            SQLiteDataSource dataSource = new SQLiteDataSource(config);
            dataSource.setUrl(setting.jdbcUrl());
            pool.setDataSource(dataSource);
        }

        @Override
        void bindInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
            statement.setString(index, timestamp.format(instant));
        }

        @Override
        Instant readInstant(ResultSet row, int index) throws SQLException {
            return Instant.parse(row.getString(index));
        }

        /**
         * Copies the WAL into the database file and truncates it, so the erased rows' old versions do
         * not linger in the WAL until the next automatic checkpoint.
         */
        @Override
        void afterErase(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                if (result.next() && result.getInt(1) != 0) {
                    LOG.warn("after an erasure the WAL checkpoint could not finish because other connections"
                            + " were busy; the erased rows' old pages stay in the WAL until the next checkpoint");
                }
            }
        }
    },

    /** Ordinary commits; erased rows' space is reclaimed by (auto)vacuum. */
    POSTGRESQL("classpath:db/migration/postgresql") {
        @Override
        void configure(HikariConfig pool, DbSetting setting) {
            String url = setting.jdbcUrl();
            // Appended last so they win over the same parameters in the setting: without server error
            // details, driver messages never quote a row (a failed batch would otherwise show the SQL
            // with its parameters); without rewritten batches, every row reports its own update count,
            // which is how a duplicate id is told apart from a stored decision.
            url += (url.contains("?") ? "&" : "?") + "logServerErrorDetail=false&reWriteBatchedInserts=false";
            pool.setJdbcUrl(url);
            pool.addDataSourceProperty("ApplicationName", "rekindle-decision-log");
        }

        @Override
        void bindInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
            statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        }

        @Override
        Instant readInstant(ResultSet row, int index) throws SQLException {
            return row.getObject(index, OffsetDateTime.class).toInstant();
        }

        @Override
        void afterErase(Connection connection) {
            // Nothing to do at once: the deleted tuples are invisible and vacuum reclaims them.
        }
    };

    static final int BUSY_TIMEOUT_MILLIS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(Dialect.class);

    private final String migrations;

    Dialect(String migrations) {
        this.migrations = migrations;
    }

    /** The Flyway location of this database's migrations. */
    String migrations() {
        return migrations;
    }

    /** Points the pool at the database and sets up every connection it opens. */
    abstract void configure(HikariConfig pool, DbSetting setting);

    abstract void bindInstant(PreparedStatement statement, int index, Instant instant) throws SQLException;

    abstract Instant readInstant(ResultSet row, int index) throws SQLException;

    /** Runs after rows were deleted for erasure, outside any transaction. */
    abstract void afterErase(Connection connection) throws SQLException;
}
