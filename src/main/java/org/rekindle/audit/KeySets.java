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
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.rekindle.decision.DecisionKeys;

/**
 * Each decision's rule and card keys, kept as one row of {@code decision_key_sets}, and the posting
 * lists that find them ({@code decision_key_postings}, V17).
 *
 * <p>A decision has some 125 keys. Kept as one row per key in key order, they landed on pages all over
 * the index, and moving them there cost the writer about a millisecond and 235 KB written per decision.
 * So a commit writes each decision's keys as one packed row, in insertion order, and leaves it
 * <em>pending</em> ({@code batch} null); {@link #flush} takes the oldest pending rows, numbers them as one
 * batch, and writes one posting per key the batch holds ("this key occurs in batch B, between these
 * times"): some 300 postings for 128 decisions, each on its key's page once. A query for a key reads
 * its postings newest first and confirms each decision of those batches against its packed keys
 * ({@link KeyedQuery}); the pending rows are read the same way. The flush also adds the batch's keys
 * to the per-day counts, which a deleted row's trigger takes them out of again (V17).
 *
 * <p>{@code packed} holds ids only, never an answer: each key's kind letter and id, one per line,
 * between line breaks ({@code "\nrsteps.acknowledge\nccard_id\n"}), so that one key is found with a
 * plain substring test. Erasure and retention delete the decision, its row goes with it (a trigger on
 * SQLite, a cascading foreign key on PostgreSQL), and {@link #repost} rebuilds its batch's postings so
 * that none says a key occurs in a batch that no longer holds it.
 */
final class KeySets {

    private static final String SEPARATOR = "\n";
    private static final String INSERT = "INSERT INTO decision_key_sets (decision_id, created_at, packed)"
            + " VALUES (?, ?, ?)";
    private static final String NUMBER = "UPDATE decision_key_sets SET batch = ? WHERE decision_id = ?";
    private static final String POST = "INSERT INTO decision_key_postings (kind, value, last_at, batch, first_at)"
            + " VALUES (?, ?, ?, ?, ?)";

    private final Dialect dialect;

    KeySets(Dialect dialect) {
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

    /** Writes one pending row per decision, in the caller's transaction. */
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
     * Numbers at most {@code limit} of the oldest pending decisions as one batch, posts its keys and adds
     * them to the per-day counts, in one transaction it commits. On PostgreSQL the rows are claimed with
     * {@code SKIP LOCKED}, so replicas flushing at once each take different decisions.
     *
     * @return how many decisions the batch holds
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
                        rows.add(new Row(result.getString(1), dialect.readInstant(result, 2), result.getString(3)));
                    }
                }
            }
            if (!rows.isEmpty()) {
                long batch = dialect.nextKeyBatch(connection);
                try (PreparedStatement number = connection.prepareStatement(NUMBER)) {
                    for (Row row : rows) {
                        number.setLong(1, batch);
                        number.setString(2, row.decisionId());
                        number.addBatch();
                    }
                    number.executeBatch();
                }
                post(connection, batch, rows);
                DayCounts.add(connection, dialect, counted(rows));
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

    /** One posting per key of the batch's rows, with the times of the rows that hold it. */
    private void post(Connection connection, long batch, List<Row> rows) throws SQLException {
        Map<String, Instant[]> spans = new TreeMap<>();
        for (Row row : rows) {
            for (String key : row.keys()) {
                Instant[] span = spans.computeIfAbsent(key, k -> new Instant[] {row.createdAt(), row.createdAt()});
                if (row.createdAt().isBefore(span[0])) {
                    span[0] = row.createdAt();
                }
                if (row.createdAt().isAfter(span[1])) {
                    span[1] = row.createdAt();
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(POST)) {
            for (Map.Entry<String, Instant[]> posting : spans.entrySet()) {
                insert.setString(1, posting.getKey().substring(0, 1));
                insert.setString(2, posting.getKey().substring(1));
                dialect.bindInstant(insert, 3, posting.getValue()[1]);
                insert.setLong(4, batch);
                dialect.bindInstant(insert, 5, posting.getValue()[0]);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static Map<DayCounts.Key, Long> counted(List<Row> rows) {
        Map<DayCounts.Key, Long> added = new TreeMap<>();
        for (Row row : rows) {
            LocalDate day = LocalDate.ofInstant(row.createdAt(), ZoneOffset.UTC);
            for (String key : row.keys()) {
                added.merge(new DayCounts.Key(day, key.substring(0, 1), key.substring(1)), 1L, Long::sum);
            }
        }
        return added;
    }

    /**
     * The batches holding the decisions that {@code where} (over {@code decisions}, with its values)
     * selects: read before they are deleted, to {@link #repost} after.
     */
    Set<Long> batchesOf(Connection connection, String where, List<Object> values) throws SQLException {
        Set<Long> batches = new TreeSet<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT s.batch FROM decision_key_sets s"
                + " WHERE s.batch IS NOT NULL AND s.decision_id IN (SELECT id FROM decisions WHERE " + where + ")")) {
            dialect.bind(select, values);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    batches.add(row.getLong(1));
                }
            }
        }
        return batches;
    }

    /**
     * Rebuilds the postings of {@code batches} from the rows they still hold, in the caller's
     * transaction: after an erasure, no posting says that a key occurs in a batch that lost its last
     * decision holding it.
     */
    void repost(Connection connection, Collection<Long> batches) throws SQLException {
        if (batches.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM decision_key_postings"
                + " WHERE batch = ?");
             PreparedStatement select = connection.prepareStatement("SELECT decision_id, created_at, packed"
                     + " FROM decision_key_sets WHERE batch = ?")) {
            for (long batch : batches) {
                delete.setLong(1, batch);
                delete.executeUpdate();
                List<Row> rows = new ArrayList<>();
                select.setLong(1, batch);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        rows.add(new Row(result.getString(1), dialect.readInstant(result, 2), result.getString(3)));
                    }
                }
                post(connection, batch, rows);
            }
        }
    }

    /**
     * Adds the keys of the decisions of {@code [from, to)} (null is open) to {@code tally}: the pending
     * ones only (the rest are in the per-day counts), or all of them.
     */
    void tally(Connection connection, Instant from, Instant to, boolean pendingOnly, DayCounts.Tally tally)
            throws SQLException {
        StringBuilder sql = new StringBuilder(pendingOnly
                ? "SELECT packed FROM decision_key_sets WHERE batch IS NULL"
                : dialect.keySetsOfDecisions());
        List<Object> values = new ArrayList<>(2);
        Dialect.period(sql, values, pendingOnly ? "created_at" : "d.created_at", from, to);
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
    long pending(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM decision_key_sets WHERE batch IS NULL")) {
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

    /** A row of {@code decision_key_sets} as a flush or a repost reads it. */
    private record Row(String decisionId, Instant createdAt, String packed) {
        List<String> keys() {
            return unpack(packed);
        }
    }
}
