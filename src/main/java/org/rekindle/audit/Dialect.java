package org.rekindle.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

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
            config.setCacheSize(-SQLITE_CACHE_KIB);
            SQLiteDataSource dataSource = new SQLiteDataSource(config);
            dataSource.setUrl(setting.jdbcUrl());
            pool.setDataSource(dataSource);
            // sqlite-jdbc has no setting for it; each connection runs it as it opens.
            pool.setConnectionInitSql("PRAGMA wal_autocheckpoint = " + SQLITE_WAL_AUTOCHECKPOINT_PAGES);
        }

        @Override
        Object instant(Instant instant) {
            return timestamp.format(instant);
        }

        @Override
        Instant readInstant(ResultSet row, int index) throws SQLException {
            return Instant.parse(row.getString(index));
        }

        /** ISO text, the first ten characters of a stored {@code created_at}. */
        @Override
        void bindDay(PreparedStatement statement, int index, LocalDate day) throws SQLException {
            statement.setString(index, day.toString());
        }

        /**
         * Takes the write lock before the transaction reads anything: SQLite has one writer at a time, and
         * a deferred transaction that read first cannot take the lock once another writer has committed
         * since (it fails at once with SQLITE_BUSY instead of waiting out the busy timeout). A write that
         * changes nothing still takes the lock, waiting its turn behind the decision writer.
         */
        @Override
        void lockCounts(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("UPDATE decision_counts SET n = n WHERE 0 = 1");
            }
        }

        /**
         * Copies the WAL into the database file and truncates it, so the erased rows' old versions do
         * not linger in the WAL until the next automatic checkpoint. Another checkpoint under way (the
         * log's own, {@link WalCheckpoints}, or another process's) makes SQLite answer busy at once,
         * without waiting: tried again until {@link #ERASURE_WAIT_MILLIS}.
         */
        @Override
        void afterErase(Connection connection) throws SQLException {
            long deadline = System.nanoTime() + ERASURE_WAIT_MILLIS * 1_000_000L;
            try (Statement statement = connection.createStatement()) {
                while (true) {
                    try (ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                        if (!result.next() || result.getInt(1) == 0) {
                            return;
                        }
                    }
                    if (System.nanoTime() >= deadline) {
                        LOG.warn("after an erasure the WAL checkpoint could not finish because other connections"
                                + " were busy; the erased rows' old pages stay in the WAL until the next checkpoint");
                        return;
                    }
                    pause();
                }
            }
        }
    },

    /**
     * Ordinary commits. An erasure is followed at once by a {@code VACUUM} of the decisions table (and
     * with it its TOAST table and indexes), so that no dead tuple keeps the erased rows; see
     * {@link #afterErase}.
     */
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
            // The log's statements are index lookups; the one whose estimated cost crosses jit_above_cost
            // (the keys of a partial day, in counts) spent 0.5 s compiling for 15 ms of work. JIT never
            // pays back here.
            pool.setConnectionInitSql("SET jit = off");
        }

        @Override
        Object instant(Instant instant) {
            return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
        }

        @Override
        Instant readInstant(ResultSet row, int index) throws SQLException {
            return row.getObject(index, OffsetDateTime.class).toInstant();
        }

        @Override
        void bindDay(PreparedStatement statement, int index, LocalDate day) throws SQLException {
            statement.setObject(index, day);
        }

        /**
         * Takes the per-day counts for the rest of the transaction, before it deletes anything. The
         * group-commit writers (one per replica) add to the counts in one order, (day, kind, value), but
         * the deletion triggers take them away in the order their join visits the rows; holding the table
         * keeps the two from deadlocking. Reads go on; appends wait for the deletion's commit, which is
         * why the triggers update each count row once per statement (V15), not once per decision.
         */
        @Override
        void lockCounts(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("LOCK TABLE decision_counts IN EXCLUSIVE MODE");
            }
        }

        /**
         * Vacuums the decisions table, and every table that holds rows of a decision (its rule and card
         * keys and their batch's postings, the per-day counts whose old versions list which keys it had,
         * its shadow comparison, its feedback), with their indexes, right after the erasure
         * committed. A DELETE only marks rows dead: until a vacuum prunes them, the pseudonym and the
         * answers stay in the table's pages, and the keys (which rules fired for that decision, the
         * private safety screen's among them) in decision_key_sets' pages, readable to anyone with the
         * data files or pageinspect. {@code VACUUM} removes the dead tuples from the
         * heap, the TOAST table and every index without blocking reads or appends (it takes a SHARE
         * UPDATE EXCLUSIVE lock); it cannot run inside a transaction, so it runs here, after the DELETE
         * committed, on an autocommit connection. Concurrent erasures share one run (see
         * {@link Coalesced}).
         *
         * <p>VACUUM cannot remove a row that a transaction older than the DELETE may still see, so it
         * first waits (at most {@link #ERASURE_WAIT_MILLIS}) for transactions older than this run to end;
         * if one is still open, the rows go at the next erasure's or autovacuum's pass, and a warning
         * says so.
         * Not covered: the freed space inside a page keeps the bytes until new rows overwrite it (only
         * {@code VACUUM FULL}, which locks the table, rewrites the pages), and the WAL and backups keep
         * them until they are recycled. docs/BENCHMARKS.md has the cost.
         */
        @Override
        void afterErase(Connection connection) throws SQLException {
            long deadline = System.nanoTime() + ERASURE_WAIT_MILLIS * 1_000_000L;
            int older;
            try (Statement statement = connection.createStatement()) {
                Timestamp erased;
                try (ResultSet now = statement.executeQuery("SELECT clock_timestamp()")) {
                    now.next();
                    erased = now.getTimestamp(1);
                }
                try (PreparedStatement waiting = connection.prepareStatement(OLDER_TRANSACTIONS)) {
                    waiting.setTimestamp(1, erased);
                    while ((older = count(waiting)) > 0 && System.nanoTime() < deadline) {
                        pause();
                    }
                }
                // INDEX_CLEANUP ON: by default (PostgreSQL 14+) a vacuum skips the indexes when under 2% of a
                // table's pages hold dead rows, as after one erasure in a table of any size, and the erased
                // pseudonym and keys would stay in their index entries.
                statement.execute("VACUUM (INDEX_CLEANUP ON) decisions, decision_key_sets, decision_key_postings,"
                        + " decision_counts, shadow_diffs, feedback");
                // A role that does not own the table gets a warning, not an error, and nothing vacuumed.
                for (SQLWarning w = statement.getWarnings(); w != null; w = w.getNextWarning()) {
                    LOG.error("VACUUM after an erasure: {}; the erased rows stay in dead tuples until a vacuum "
                            + "by the table's owner", w.getMessage());
                }
            }
            if (older > 0) {
                LOG.warn("after an erasure {} transaction(s) older than it were still open after {} ms; VACUUM "
                        + "could not remove the erased rows they may see, and the next erasure or autovacuum "
                        + "will", older, ERASURE_WAIT_MILLIS);
            }
        }
    };

    /** Transactions of other sessions on this database that began before the erasure and still hold it back. */
    private static final String OLDER_TRANSACTIONS = "SELECT count(*) FROM pg_stat_activity"
            + " WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
            + " AND (backend_xmin IS NOT NULL OR backend_xid IS NOT NULL) AND xact_start < ?";

    /**
     * How long an erasure waits for older transactions before it vacuums (PostgreSQL), or for another
     * checkpoint to end before it truncates the WAL (SQLite).
     */
    static final long ERASURE_WAIT_MILLIS = 5_000;

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

    /**
     * SQLite's page cache per connection, in KiB (the default is 2 MiB). Measured when each decision added
     * about 125 rows to a key table (decision_keys, before V17's postings), whose indexes soon outgrew
     * 2 MiB: with 32 MiB, inserting 300,000 key rows cost a third less CPU a row (13 against 20 µs,
     * medians of three rounds on the project's machine).
     * Memory is taken only as pages are read, at most 32 MiB for each of {@code Pool}'s 8 connections.
     */
    static final int SQLITE_CACHE_KIB = 32 * 1024;

    /**
     * How many pages SQLite's WAL holds before the committing connection copies them into the database
     * (the default is 1,000, 4 MB). Measured when a commit of a few decisions dirtied hundreds of index
     * pages of the key table (before V17's postings); with the default nearly every commit also ran a
     * checkpoint that wrote them all a second time. With 10,000 (40 MB) a page dirtied by several commits
     * is copied once: 704-712 KB written to disk per decision against 990-995 KB, and 1.26-1.46x the
     * assessments under load (two rounds each, 20 s of {@code wrk -t2 -c16}, bytes from
     * {@code /proc/<pid>/io}; 40,000 pages gave no more). Since then the log copies the WAL on a thread of
     * its own ({@link WalCheckpoints}), and this is the backstop. An erasure still empties the WAL at once
     * ({@link #afterErase}).
     */
    static final int SQLITE_WAL_AUTOCHECKPOINT_PAGES = 10_000;

    /** Points the pool at the database and sets up every connection it opens. */
    abstract void configure(HikariConfig pool, DbSetting setting);

    /**
     * An instant as this database's driver takes it: made once and bound to each of a decision's key rows,
     * since formatting it is a fair part of writing a key.
     */
    abstract Object instant(Instant instant);

    /**
     * Binds a statement's values in order: times to the microsecond the columns keep, numbers and
     * strings as they are.
     */
    void bind(PreparedStatement statement, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value instanceof Instant instant) {
                bindInstant(statement, i + 1, instant.truncatedTo(ChronoUnit.MICROS));
            } else if (value instanceof Integer number) {
                statement.setInt(i + 1, number);
            } else if (value instanceof Long number) {
                statement.setLong(i + 1, number);
            } else {
                statement.setString(i + 1, (String) value);
            }
        }
    }

    /** Adds the half-open period {@code [from, to)} on {@code column} to a query (null is open), and its values. */
    static void period(StringBuilder sql, List<Object> values, String column, Instant from, Instant to) {
        if (from != null) {
            sql.append(" AND ").append(column).append(" >= ?");
            values.add(from);
        }
        if (to != null) {
            sql.append(" AND ").append(column).append(" < ?");
            values.add(to);
        }
    }

    void bindInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, instant(instant));
    }

    abstract Instant readInstant(ResultSet row, int index) throws SQLException;

    /** Binds a UTC day of {@code decision_counts}. */
    abstract void bindDay(PreparedStatement statement, int index, LocalDate day) throws SQLException;

    /**
     * Called first in a transaction that deletes decisions (whose trigger takes them out of
     * {@code decision_counts}), so that it cannot deadlock with the appends adding to them.
     */
    abstract void lockCounts(Connection connection) throws SQLException;

    /**
     * The packed keys of decisions, to be narrowed by a period on {@code d.created_at}: read through the
     * decisions' time index, then each one's row by its key, so that a partial day costs its own decisions,
     * not a scan of every row (the key sets have no time index: appends would pay for one). PostgreSQL's
     * planner would hash-join against a scan of all the rows instead, so there they are read per decision
     * in a subquery it cannot flatten ({@code OFFSET 0}).
     */
    String keySetsOfDecisions() {
        return this == POSTGRESQL
                ? "SELECT s.packed FROM decisions d CROSS JOIN LATERAL (SELECT packed FROM decision_key_sets"
                        + " WHERE decision_id = d.id OFFSET 0) s WHERE 1 = 1"
                : "SELECT s.packed FROM decisions d JOIN decision_key_sets s ON s.decision_id = d.id WHERE 1 = 1";
    }

    /**
     * Before a flush of the pending keys: takes the per-day counts in a mode appends share but
     * {@link #lockCounts} does not, so that a flush and an erasure or retention batch run one after the
     * other. On SQLite that is the write lock, taken before the flush reads (see {@link #lockCounts}).
     */
    void shareCounts(Connection connection) throws SQLException {
        if (this == POSTGRESQL) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("LOCK TABLE decision_counts IN ROW EXCLUSIVE MODE");
            }
        } else {
            lockCounts(connection);
        }
    }

    /**
     * The oldest pending decisions' keys ({@code LIMIT ?}): on SQLite in insertion order; on PostgreSQL
     * by time, claimed so that replicas flushing at once each move different decisions.
     */
    String claimPendingKeys() {
        return this == POSTGRESQL
                ? "SELECT decision_id, created_at, packed FROM decision_key_sets WHERE batch IS NULL ORDER BY"
                        + " created_at LIMIT ? FOR UPDATE SKIP LOCKED"
                : "SELECT decision_id, created_at, packed FROM decision_key_sets WHERE batch IS NULL ORDER BY rowid"
                        + " LIMIT ?";
    }

    /**
     * The number of a new batch of keys, in a flush's transaction: on PostgreSQL from a sequence, as
     * replicas flush at once; on SQLite, whose flush holds the write lock, one past the highest (a number
     * reused after its whole batch was erased names no row any more).
     */
    long nextKeyBatch(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(this == POSTGRESQL ? "SELECT nextval('decision_key_batch')"
                     : "SELECT COALESCE(MAX(batch), 0) + 1 FROM decision_key_sets")) {
            row.next();
            return row.getLong(1);
        }
    }

    /** The condition that text {@code column} contains the parameter. */
    String contains(String column) {
        return this == POSTGRESQL ? "strpos(" + column + ", ?) > 0" : "instr(" + column + ", ?) > 0";
    }

    /**
     * Starts a read transaction whose statements all see the same committed state: a query reads the
     * indexed keys and the pending ones, which a flush in between would otherwise show twice or not at
     * all. SQLite's WAL gives a transaction one snapshot; PostgreSQL needs repeatable read for it.
     * {@link #endSnapshot} restores the connection.
     */
    void beginSnapshot(Connection connection) throws SQLException {
        if (this == POSTGRESQL) {
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        }
        connection.setAutoCommit(false);
    }

    void endSnapshot(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        if (this == POSTGRESQL) {
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
    }

    /**
     * Tells listening replicas, within the caller's transaction (so only once it commits), that
     * {@code payload} was published. SQLite has no notifications: its replicas re-read on a period.
     */
    void announce(Connection connection, String channel, String payload) throws SQLException {
        if (this == POSTGRESQL) {
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
                statement.setString(1, channel);
                statement.setString(2, payload);
                statement.execute();
            }
        }
    }

    /** Runs after rows were deleted for erasure, outside any transaction. */
    abstract void afterErase(Connection connection) throws SQLException;

    private static int count(PreparedStatement query) throws SQLException {
        try (ResultSet row = query.executeQuery()) {
            return row.next() ? row.getInt(1) : 0;
        }
    }

    private static void pause() throws SQLException {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting to vacuum after an erasure", e);
        }
    }
}
