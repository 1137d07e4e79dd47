package org.rekindle.audit;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The database Rekindle keeps its records in, SQLite or PostgreSQL as the db setting says, and the two
 * stores over it: the {@link DecisionLog} and the {@link BundleArchive} of every ruleset that went live.
 * Opening it brings the schema up to date; closing it commits the decisions still queued, then closes
 * the pool. Both stores share the pool and are thread-safe.
 *
 * <pre>{@code
 * try (Database db = Database.open(DbSetting.parse("data/rekindle.db"))) {
 *     db.decisionLog().append(record);
 *     db.archive().store(bundle);
 * }
 * }</pre>
 */
public final class Database implements AutoCloseable {

    private final DbSetting setting;
    private final HikariDataSource pool;
    private final JdbcDecisionLog decisions;
    private final JdbcBundleArchive archive;
    private final JdbcShadowStore shadows;

    private Database(DbSetting setting, HikariDataSource pool) {
        this.setting = setting;
        this.pool = pool;
        this.decisions = new JdbcDecisionLog(this);
        this.archive = new JdbcBundleArchive(this);
        this.shadows = new JdbcShadowStore(this);
    }

    /**
     * Opens the database a parsed db setting names and brings its schema up to date.
     *
     * @throws DecisionLogException when the database cannot be opened or migrated
     */
    public static Database open(DbSetting setting) {
        HikariDataSource pool = Pool.open(setting);
        try {
            Migrations.apply(pool, setting);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(setting, pool);
    }

    /**
     * Opens the database a db setting names: a file path (SQLite, its folders are created), a
     * {@code jdbc:sqlite:} URL or a {@code jdbc:postgresql://} URL.
     *
     * @throws IllegalArgumentException when the setting is none of these
     * @throws DecisionLogException     when the database cannot be opened or migrated
     */
    public static Database open(String setting) {
        return open(DbSetting.parse(setting));
    }

    /** Where decisions go: durable appends, reads, queries, feedback, erasure and retention. */
    public DecisionLog decisionLog() {
        return decisions;
    }

    /** The files of every ruleset version that went live, the published version and the replicas' reports. */
    public BundleArchive archive() {
        return archive;
    }

    /** How the plans of a ruleset in shadow would differ from the ones sent, kept beside their decisions. */
    public ShadowStore shadows() {
        return shadows;
    }

    /**
     * Stops listening for publications, commits every queued decision, then closes the pool. Both stores
     * refuse what comes after (appends throw, reads fail). Idempotent.
     */
    @Override
    public void close() {
        archive.close();
        decisions.close();
        pool.close();
    }

    DbSetting setting() {
        return setting;
    }

    Dialect dialect() {
        return setting.dialect();
    }

    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** The pool, for tests that check how its connections are set up. */
    DataSource dataSource() {
        return pool;
    }

    /** Rolls back after {@code failure}, keeping a failed rollback as a suppressed exception of it. */
    static void rollback(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is missing");
        }
    }

    /** The driver's own explanation when Hikari or Flyway wrapped one, else the exception's message. */
    static String rootMessage(Throwable e) {
        String message = e.getMessage();
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException && cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
