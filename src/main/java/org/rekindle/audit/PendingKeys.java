package org.rekindle.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.rekindle.decision.DecisionKeys;

/**
 * The rule and card keys of the newest decisions, kept apart as PostgreSQL's GIN indexes keep a pending
 * list. A decision's ~125 keys are rows of {@code decision_keys}, whose order (key, then time) puts each
 * of them on a different index page; written with every commit, they dirtied some 300 pages for a few
 * decisions, most of what an assessment wrote to disk. So a commit writes each decision's keys as one
 * row of {@code decision_keys_pending}, in insertion order, and {@link #flush} moves the oldest of them
 * into {@code decision_keys} and the per-day counts, many decisions at a time, so each key's page is
 * written once per flush instead of once per commit.
 *
 * <p>Queries and counts read both tables in one snapshot; erasure and retention delete from both
 * (V16: a trigger on SQLite, a cascading foreign key on PostgreSQL). A row holds ids only, never an
 * answer: {@code packed} is each key's kind letter and id, one per line, between line breaks
 * ({@code "\nrsteps.acknowledge\nccard_id\n"}), so that one key is found with a plain substring test.
 */
final class PendingKeys {

    private static final String SEPARATOR = "\n";
    private static final String INSERT = "INSERT INTO decision_keys_pending (decision_id, created_at, packed)"
            + " VALUES (?, ?, ?)";
    private static final String INSERT_KEY = "INSERT INTO decision_keys (decision_id, kind, value, created_at)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String DELETE = "DELETE FROM decision_keys_pending WHERE decision_id = ?";

    private final Dialect dialect;

    PendingKeys(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The line-delimited form of a decision's rule and card keys. */
    static String pack(DecisionKeys keys) {
        StringBuilder packed = new StringBuilder(SEPARATOR);
        for (String rule : keys.rules()) {
            packed.append(DayCounts.RULE).append(rule).append(SEPARATOR);
        }
        for (String card : keys.cards()) {
            packed.append(DayCounts.CARD).append(card).append(SEPARATOR);
        }
        return packed.toString();
    }

    /** What a packed row contains exactly when it holds that key. */
    static String needle(String kind, String value) {
        return SEPARATOR + kind + value + SEPARATOR;
    }

    /** Whether a key can be packed: the separator inside an id would split it in two. */
    static boolean packable(String value) {
        return !value.contains(SEPARATOR);
    }

    /** Writes one row per decision, in the caller's transaction. */
    void insert(Connection connection, List<IndexedDecision> decisions) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            for (IndexedDecision decision : decisions) {
                statement.setString(1, decision.record().id());
                statement.setObject(2, dialect.instant(decision.createdAt()));
                statement.setString(3, pack(decision.keys()));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /**
     * Moves the keys of at most {@code limit} of the oldest pending decisions into {@code decision_keys}
     * and adds them to the per-day counts, in one transaction it commits. On PostgreSQL the rows are
     * claimed with {@code SKIP LOCKED}, so replicas flushing at once move different decisions.
     *
     * @return how many decisions' keys were moved
     */
    int flush(Connection connection, int limit) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            // Erasure and retention lock the counts before they delete; taking them first here (in a mode
            // appends share) means a flush and an erasure run one after the other, never half-interleaved.
            dialect.shareCounts(connection);
            List<Row> rows = new ArrayList<>(limit);
            try (PreparedStatement select = connection.prepareStatement(dialect.claimPendingKeys())) {
                select.setInt(1, limit);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        Instant createdAt = dialect.readInstant(result, 2);
                        rows.add(new Row(result.getString(1), createdAt, dialect.instant(createdAt),
                                result.getString(3)));
                    }
                }
            }
            if (!rows.isEmpty()) {
                moveKeys(connection, rows);
            }
            connection.commit();
            return rows.size();
        } catch (SQLException | RuntimeException e) {
            Database.rollback(connection, e);
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private void moveKeys(Connection connection, List<Row> rows) throws SQLException {
        List<Key> keys = new ArrayList<>();
        Map<DayCounts.Key, Long> added = new TreeMap<>();
        for (Row row : rows) {
            LocalDate day = LocalDate.ofInstant(row.createdAt(), ZoneOffset.UTC);
            for (String key : row.keys()) {
                String kind = key.substring(0, 1);
                String value = key.substring(1);
                keys.add(new Key(kind, value, row));
                added.merge(new DayCounts.Key(day, kind, value), 1L, Long::sum);
            }
        }
        // In the table's own order, so that each key's page is visited once.
        keys.sort(Key.ORDER);
        try (PreparedStatement insert = connection.prepareStatement(INSERT_KEY)) {
            for (Key key : keys) {
                insert.setString(1, key.row().decisionId());
                insert.setString(2, key.kind());
                insert.setString(3, key.value());
                // Formatted once per decision: per key row it was a third of a flush.
                insert.setObject(4, key.row().bound());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        DayCounts.add(connection, dialect, added);
        try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
            for (Row row : rows) {
                delete.setString(1, row.decisionId());
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    /** Adds the pending keys of the decisions of {@code [from, to)} (null is open) to {@code tally}. */
    void tally(Connection connection, Instant from, Instant to, DayCounts.Tally tally) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT packed FROM decision_keys_pending WHERE 1 = 1");
        List<Object> values = new ArrayList<>(2);
        Dialect.period(sql, values, "created_at", from, to);
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            dialect.bind(statement, values);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    for (String key : unpack(row.getString(1))) {
                        tally.add(key.substring(0, 1), key.substring(1), 1);
                    }
                }
            }
        }
    }

    /** How many decisions' keys are pending; for tests and the bench. */
    long size(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM decision_keys_pending")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static List<String> unpack(String packed) {
        List<String> keys = new ArrayList<>();
        int start = 1;
        for (int end = packed.indexOf(SEPARATOR, start); end > 0; end = packed.indexOf(SEPARATOR, start)) {
            keys.add(packed.substring(start, end));
            start = end + 1;
        }
        return keys;
    }

    /** A pending row as read for a flush; {@code bound} is its time as the driver takes it. */
    private record Row(String decisionId, Instant createdAt, Object bound, String packed) {
        List<String> keys() {
            return unpack(packed);
        }
    }

    /** A row of {@code decision_keys}, ordered as its primary key. */
    private record Key(String kind, String value, Row row) {
        static final Comparator<Key> ORDER = Comparator.comparing(Key::kind).thenComparing(Key::value)
                .thenComparing(key -> key.row().createdAt()).thenComparing(key -> key.row().decisionId());
    }
}
